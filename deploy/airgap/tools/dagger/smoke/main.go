// Command smoke proves that the air-gapped Dagger engine started by
// deploy/airgap/dagger-engine can run what the pipeline (go run ./ci) needs,
// with the standalone SDK and the image names real users pull:
//
//   - From("golang:1.26-trixie") and From("golang:1.26") resolve through the
//     engine's docker.io mirror (the local registry);
//   - a Go build inside the engine fetches a module from the Go module proxy
//     over HTTPS, trusting the host's TLS-inspection CA only because the engine
//     installs it into the container (the image's own copy is removed first);
//   - From("postgres:17") runs as a service that another container reaches;
//   - an image the registry lacks fails with "not found".
//
// Run it with the two variables dagger-engine prints:
//
//	eval "$(deploy/airgap/dagger-engine env)"
//	cd deploy/airgap/tools/dagger && go run ./smoke
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"dagger.io/dagger"
)

func main() {
	verbose := flag.Bool("v", false, "stream the engine's progress output")
	flag.Parse()
	if err := run(context.Background(), *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "smoke: error:", err)
		os.Exit(1)
	}
}

// runID keeps the engine from answering a check from its cache: each run
// proves the path again (its timings are those of a warm engine, not of a
// cache hit).
var runID = time.Now().Format(time.RFC3339Nano)

// fresh is image with the run's cache buster.
func fresh(c *dagger.Client, image string) *dagger.Container {
	return c.Container().From(image).WithEnvVariable("SMOKE_RUN", runID)
}

// check is one named proof against the engine.
type check struct {
	name string
	fn   func(context.Context, *dagger.Client) (string, error)
}

func run(ctx context.Context, verbose bool) error {
	for _, v := range []string{"_EXPERIMENTAL_DAGGER_RUNNER_HOST", "_EXPERIMENTAL_DAGGER_CLI_BIN"} {
		if os.Getenv(v) == "" {
			return fmt.Errorf("%s is not set: run eval \"$(deploy/airgap/dagger-engine env)\" first", v)
		}
	}
	goproxy, err := hostGoProxy()
	if err != nil {
		return err
	}

	var logs io.Writer = io.Discard
	if verbose {
		logs = os.Stderr
	}
	start := time.Now()
	client, err := dagger.Connect(ctx, dagger.WithLogOutput(logs))
	if err != nil {
		return fmt.Errorf("connect to the engine: %w", err)
	}
	defer client.Close()
	fmt.Printf("smoke: connected in %.1f s\n", time.Since(start).Seconds())

	checks := []check{
		{"go version in golang:1.26-trixie", goVersion("golang:1.26-trixie")},
		{"go version in golang:1.26", goVersion("golang:1.26")},
		{"go build fetching a module through the proxy (engine-installed CA)", goBuild(goproxy)},
		{"postgres:17 as a service, queried from another container", postgresService},
		{"an image the registry lacks", missingImage},
	}
	var failed []string
	for _, c := range checks {
		t := time.Now()
		out, err := c.fn(ctx, client)
		if ee := (*dagger.ExecError)(nil); errors.As(err, &ee) {
			err = fmt.Errorf("%w\n%s", err, strings.TrimSpace(ee.Stderr))
		}
		if err != nil {
			fmt.Printf("smoke: FAIL %s (%.1f s): %v\n", c.name, time.Since(t).Seconds(), err)
			failed = append(failed, c.name)
			continue
		}
		fmt.Printf("smoke: ok   %s (%.1f s): %s\n", c.name, time.Since(t).Seconds(), out)
	}
	fmt.Printf("smoke: %d/%d checks passed in %.1f s\n", len(checks)-len(failed), len(checks), time.Since(start).Seconds())
	if len(failed) > 0 {
		return fmt.Errorf("failed: %s", strings.Join(failed, "; "))
	}
	return nil
}

// hostGoProxy is the GOPROXY the host uses, handed to the build container so
// that it fetches modules from the same place.
func hostGoProxy() (string, error) {
	out, err := exec.Command("go", "env", "GOPROXY").Output()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		return "", fmt.Errorf("go env GOPROXY: %w: %s", err, strings.TrimSpace(string(ee.Stderr)))
	}
	if err != nil {
		return "", fmt.Errorf("go env GOPROXY: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func goVersion(image string) func(context.Context, *dagger.Client) (string, error) {
	return func(ctx context.Context, c *dagger.Client) (string, error) {
		out, err := fresh(c, image).WithExec([]string{"go", "version"}).Stdout(ctx)
		return strings.TrimSpace(out), err
	}
}

// helloSource is a program that needs one module from the proxy.
const helloSource = `package main

import (
	"fmt"

	"golang.org/x/example/hello/reverse"
)

func main() { fmt.Println(reverse.String("!enigne reggad deppag-ria eht morf olleh")) }
`

// goBuild builds and runs helloSource. The stand-in golang image trusts the
// host's CAs itself (seed-images adds them), so the first exec removes them
// from the image: the module download then works only because the engine
// installs the host's CAs (/usr/local/share/ca-certificates in its mount
// namespace) into the container for each exec.
func goBuild(goproxy string) func(context.Context, *dagger.Client) (string, error) {
	return func(ctx context.Context, c *dagger.Client) (string, error) {
		src := c.Directory().
			WithNewFile("go.mod", "module smoke\n\ngo 1.26\n").
			WithNewFile("main.go", helloSource)
		out, err := fresh(c, "golang:1.26-trixie").
			WithExec([]string{"sh", "-c", "rm -rf /usr/local/share/ca-certificates/* && update-ca-certificates --fresh >/dev/null"}).
			WithEnvVariable("GOPROXY", goproxy).
			WithEnvVariable("GOFLAGS", "-mod=mod").
			WithDirectory("/src", src).
			WithWorkdir("/src").
			WithExec([]string{"go", "get", "golang.org/x/example/hello/reverse@latest"}).
			WithExec([]string{"go", "build", "-o", "/usr/local/bin/hello", "."}).
			WithExec([]string{"hello"}).
			Stdout(ctx)
		return strings.TrimSpace(out), err
	}
}

func postgresService(ctx context.Context, c *dagger.Client) (string, error) {
	db := fresh(c, "postgres:17").
		WithEnvVariable("POSTGRES_PASSWORD", "smoke").
		WithEnvVariable("POSTGRES_DB", "smoke").
		WithExposedPort(5432).
		AsService()
	out, err := fresh(c, "postgres:17").
		WithServiceBinding("db", db).
		WithEnvVariable("PGPASSWORD", "smoke").
		WithExec([]string{"psql", "-h", "db", "-U", "postgres", "-d", "smoke", "-Atc", "select current_database() || ' on ' || version()"}).
		Stdout(ctx)
	out = strings.TrimSpace(out)
	if len(out) > 60 {
		out = out[:60] + "…"
	}
	return out, err
}

// missingImage expects a clean "not found" rather than a hang or a pull
// from the internet.
func missingImage(ctx context.Context, c *dagger.Client) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	_, err := c.Container().From("busybox:0.0.0-not-there").WithExec([]string{"true"}).Sync(ctx)
	if err == nil {
		return "", errors.New("busybox:0.0.0-not-there resolved: expected not found")
	}
	msg := err.Error()
	if !strings.Contains(msg, "not found") {
		return "", fmt.Errorf("expected a not found error, got: %w", err)
	}
	if i := strings.LastIndex(msg, "\n"); i >= 0 {
		msg = msg[:i] // the SDK appends a hint on its own line
	}
	return "failed as expected: " + strings.TrimSpace(msg), nil
}
