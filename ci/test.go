package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"dagger.io/dagger"
)

// unitTests runs `go test -short` (which skips the tests that need Docker)
// with a coverage profile in /out. Its stdout is the test log.
func (p *pipeline) unitTests() *dagger.Container {
	return p.goContainer(p.source()).
		WithExec([]string{"mkdir", "-p", "/out"}).
		WithExec([]string{"go", "test", "-short", "-covermode=atomic", "-coverprofile=/out/coverage.out", "./..."})
}

// coverageReport renders the profile of tested as a per-function table and
// as HTML, next to the profile.
func coverageReport(tested *dagger.Container) *dagger.Directory {
	return tested.
		WithExec([]string{"go", "tool", "cover", "-func=/out/coverage.out"},
			dagger.ContainerWithExecOpts{RedirectStdout: "/out/coverage.txt"}).
		WithExec([]string{"go", "tool", "cover", "-html=/out/coverage.out", "-o", "/out/coverage.html"}).
		Directory("/out")
}

// testStage runs the unit tests and exports the test log and the coverage
// report to dist/coverage/.
func testStage(ctx context.Context, p *pipeline) (string, error) {
	tested := p.unitTests()
	log, err := tested.Stdout(ctx)
	if err != nil {
		return "", err
	}
	report := coverageReport(tested).WithNewFile("test.log", log)
	dst := filepath.Join(p.opts.Dist, "coverage")
	if _, err := report.Export(ctx, dst); err != nil {
		return "", err
	}
	funcs, err := report.File("coverage.txt").Contents(ctx)
	if err != nil {
		return "", err
	}
	figures := fmt.Sprintf("%d packages passed, coverage %s (%s)", countPrefix(log, "ok "), totalCoverage(funcs), dst)
	if !p.opts.Integration {
		return figures + "; integration tests NOT run (-integration=false)", nil
	}
	more, err := integrationFigures(ctx, p, time.Now().Format(time.RFC3339Nano))
	if err != nil {
		return "", err
	}
	return figures + "; " + more, nil
}

func countPrefix(text, prefix string) int {
	n := 0
	for line := range strings.Lines(text) {
		if strings.HasPrefix(line, prefix) {
			n++
		}
	}
	return n
}

// totalCoverage is the last figure of `go tool cover -func`:
// "total:  (statements)  42.0%".
func totalCoverage(funcs string) string {
	for line := range strings.Lines(funcs) {
		if f := strings.Fields(line); len(f) > 0 && f[0] == "total:" {
			return f[len(f)-1]
		}
	}
	return "unknown"
}
