package airgap_test

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

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
