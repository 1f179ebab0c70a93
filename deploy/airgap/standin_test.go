package airgap_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"
)

func TestMain(m *testing.M) {
	// Ryuk, testcontainers' reaper, needs an image that air-gapped hosts
	// lack; these tests terminate their containers themselves.
	if _, set := os.LookupEnv("TESTCONTAINERS_RYUK_DISABLED"); !set {
		_ = os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	}
	os.Exit(m.Run())
}

// standIn is one row of images.list.
type standIn struct{ tag, recipe string }

// standIns reads images.list, the one list of stand-ins.
func standIns(t *testing.T) []standIn {
	t.Helper()
	f, err := os.Open("images.list")
	if err != nil {
		t.Fatalf("open images.list: %v", err)
	}
	defer f.Close()
	var out []standIn
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		out = append(out, standIn{tag: fields[0], recipe: fields[1]})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read images.list: %v", err)
	}
	return out
}

// imageFor returns the tag of the stand-in built by recipe.
func imageFor(t *testing.T, recipe string) string {
	t.Helper()
	for _, s := range standIns(t) {
		if s.recipe == recipe {
			return s.tag
		}
	}
	t.Fatalf("images.list has no %q recipe", recipe)
	return ""
}

// requireDocker fails the test loudly when no Docker engine answers: these
// tests prove images, and a machine without Docker proves nothing.
func requireDocker(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("stand-in image tests need Docker; skipped in -short mode")
	}
	if out, err := exec.Command("docker", "info", "--format", "{{.ServerVersion}}").CombinedOutput(); err != nil {
		t.Fatalf("Docker engine not reachable (these tests need it; run deploy/airgap/seed-images first): %v: %s", err, out)
	}
}

// docker runs the docker CLI and returns its standard output; a failure
// fails the test with the command's standard error.
func docker(t *testing.T, ctx context.Context, args ...string) string {
	t.Helper()
	out, err := dockerErr(ctx, args...)
	if err != nil {
		t.Fatalf("docker %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// dockerErr is docker without failing: for commands expected to fail.
func dockerErr(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "docker", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), &cmdError{err: err, stderr: strings.TrimSpace(stderr.String())}
	}
	return strings.TrimSpace(stdout.String()), nil
}

type cmdError struct {
	err    error
	stderr string
}

func (e *cmdError) Error() string { return e.err.Error() + ": " + e.stderr }

func TestStandInsArePresentAndLabelled(t *testing.T) {
	requireDocker(t)
	list := standIns(t)
	if len(list) < 5 {
		t.Fatalf("images.list lists %d images, want at least the base, golang, distroless, postgres and nsq", len(list))
	}
	for _, s := range list {
		t.Run(s.tag, func(t *testing.T) {
			got := docker(t, t.Context(), "image", "inspect", "-f",
				`{{ index .Config.Labels "io.blogstack.airgap.standin" }} {{ index .Config.Labels "io.blogstack.airgap.stands-in-for" }}`, s.tag)
			if want := "true " + s.tag; got != want {
				t.Fatalf("labels of %s = %q, want %q (is it a stand-in built by seed-images?)", s.tag, got, want)
			}
		})
	}
}

// endpoint returns host:port where the container's port answers from this
// process. testcontainers assumes that a process inside a container
// (/.dockerenv) reaches published ports through the default gateway, which
// is wrong when the engine runs in that same container, as on our CI
// machines: loopback is tried next. TESTCONTAINERS_HOST_OVERRIDE still
// decides first, through Host.
func endpoint(t *testing.T, c *testcontainers.DockerContainer, port string) string {
	t.Helper()
	mapped, err := c.MappedPort(t.Context(), port)
	if err != nil {
		t.Fatalf("mapped port %s: %v", port, err)
	}
	hosts := []string{"127.0.0.1"}
	if h, err := c.Host(t.Context()); err == nil {
		hosts = append([]string{h}, hosts...)
	}
	var dialErr error
	for _, h := range hosts {
		addr := net.JoinHostPort(h, mapped.Port())
		conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err == nil {
			_ = conn.Close()
			return addr
		}
		dialErr = errors.Join(dialErr, err)
	}
	t.Fatalf("port %s of the container is not reachable: %v", port, dialErr)
	return ""
}
