package airgap_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The golang stand-in carries the host's toolchain and builds a program
// with no network at all.
func TestGolangStandInBuildsAProgram(t *testing.T) {
	requireDocker(t)
	t.Parallel()
	img := imageFor(t, "golang")

	if got := docker(t, t.Context(), "run", "--rm", "--network", "none", img, "go", "env", "GOVERSION", "GOPATH", "GOTOOLCHAIN"); got != runtime.Version()+"\n/go\nlocal" {
		t.Fatalf("go env in %s = %q, want %s, /go, local", img, got, runtime.Version())
	}

	src := t.TempDir()
	copyFile(t, filepath.Join("testdata", "hello", "main.go"), filepath.Join(src, "main.go"))
	writeFile(t, filepath.Join(src, "go.mod"), "module hello\n\ngo 1.26\n")
	got := docker(t, t.Context(), "run", "--rm", "--network", "none", "-v", src+":/src", "-w", "/src", img,
		"sh", "-c", "go build -o /tmp/hello . && /tmp/hello && git --version >/dev/null && test -s /etc/ssl/certs/ca-certificates.crt")
	if want := "hello from " + runtime.Version(); got != want {
		t.Fatalf("program built in %s printed %q, want %q", img, got, want)
	}
}

// Containers on the default bridge, which includes the RUN steps of
// docker build, reach the Go module proxy: the project's Dockerfile depends
// on it to download modules.
func TestContainersReachTheGoModuleProxy(t *testing.T) {
	requireDocker(t)
	t.Parallel()
	got := docker(t, t.Context(), "run", "--rm", imageFor(t, "golang"),
		"go", "mod", "download", "-json", "golang.org/x/text@v0.21.0")
	if !strings.Contains(got, `"Version": "v0.21.0"`) {
		t.Fatalf("go mod download in a container did not fetch golang.org/x/text: %s", got)
	}
}

// The distroless stand-in runs a static Go binary as nonroot (65532) with CA
// certificates, time zones and /tmp, and has no shell. Building the probe
// image also proves that docker build resolves FROM against a local image
// without a registry (none is reachable here).
func TestDistrolessStandInRunsAStaticBinaryAsNonroot(t *testing.T) {
	requireDocker(t)
	t.Parallel()
	ctxDir := t.TempDir()
	build := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(ctxDir, "probe"), "./testdata/probe")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build probe: %v: %s", err, out)
	}
	writeFile(t, filepath.Join(ctxDir, "Dockerfile"),
		"FROM "+imageFor(t, "distroless")+"\nCOPY probe /probe\nENTRYPOINT [\"/probe\"]\n")
	tag := "blogstack-airgap/probe:" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-"))
	docker(t, t.Context(), "build", "-q", "-t", tag, ctxDir)
	t.Cleanup(func() { _, _ = dockerErr(t.Context(), "image", "rm", "-f", tag) })

	got := docker(t, t.Context(), "run", "--rm", "--read-only", "--tmpfs", "/tmp", tag)
	if !strings.HasPrefix(got, "uid=65532 gid=65532 home=/home/nonroot roots=") {
		t.Fatalf("probe in distroless printed %q, want uid=65532 gid=65532 home=/home/nonroot and CA roots", got)
	}
	if out, err := dockerErr(t.Context(), "run", "--rm", "--entrypoint", "/bin/sh", tag, "-c", "true"); err == nil {
		t.Fatalf("distroless stand-in has a shell; it must not: %s", out)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(b))
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
