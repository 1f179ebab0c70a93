package main

import (
	"context"
	"fmt"
	"strings"

	"dagger.io/dagger"
)

// dockerSocket is where both the host and the test container find Docker.
const dockerSocket = "/var/run/docker.sock"

// integrationTests runs the application's tests without -short: the ones
// that start PostgreSQL with testcontainers do so on the host's Docker
// engine, through its socket. The containers they start publish their ports
// on the host, which the pipeline's container reaches at DockerHost
// (TESTCONTAINERS_HOST_OVERRIDE), not at localhost. Ryuk stays off (pgtest
// does that): the tests terminate their containers themselves. The
// cache-buster env makes each run test again: the outcome depends on the
// Docker host, which the engine cannot see.
//
// Chromium (Debian's) is installed for the browser test, which would
// otherwise skip itself.
func (p *pipeline) integrationTests(runID string) *dagger.Container {
	return p.goContainer(p.source()).
		WithEnvVariable("DEBIAN_FRONTEND", "noninteractive").
		WithExec([]string{"sh", "-c", "apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null && rm -rf /var/lib/apt/lists/*"}).
		WithUnixSocket(dockerSocket, p.dag.Host().UnixSocket(dockerSocket)).
		WithEnvVariable("TESTCONTAINERS_HOST_OVERRIDE", p.opts.DockerHost).
		WithEnvVariable("CI_RUN", runID).
		WithExec([]string{"go", "test", "-count=1", "-p=1", "-v", "./app/..."})
}

// integrationFigures runs the integration tests and sums them up. Every
// test must run here: the pipeline provides what each needs (Docker,
// PostgreSQL, chromium), so a skipped test fails the stage rather than
// passing unseen.
func integrationFigures(ctx context.Context, p *pipeline, runID string) (string, error) {
	log, err := p.integrationTests(runID).Stdout(ctx)
	if err != nil {
		return "", fmt.Errorf("integration tests: %w", err)
	}
	if skipped := skippedTests(log); len(skipped) > 0 {
		return "", fmt.Errorf("integration tests: %d skipped (%s): in the pipeline every test must run", len(skipped), strings.Join(skipped, ", "))
	}
	return fmt.Sprintf("integration: %d tests in %d packages passed on the host's Docker engine, none skipped",
		countPrefix(log, "--- PASS:")+countIndented(log, "--- PASS:"), countPrefix(log, "ok ")), nil
}

// countIndented counts subtest lines (go test -v indents them).
func countIndented(text, prefix string) int {
	n := 0
	for line := range strings.Lines(text) {
		if t := strings.TrimLeft(line, " "); len(t) < len(line) && strings.HasPrefix(t, prefix) {
			n++
		}
	}
	return n
}

// skippedTests names the tests (and subtests) a go test -v log reports as
// skipped.
func skippedTests(log string) []string {
	var skipped []string
	for line := range strings.Lines(log) {
		if f := strings.Fields(line); len(f) >= 3 && f[0] == "---" && f[1] == "SKIP:" {
			skipped = append(skipped, f[2])
		}
	}
	return skipped
}
