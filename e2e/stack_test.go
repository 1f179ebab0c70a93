//go:build e2e

package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ory/dockertest/v3"
	"github.com/ory/dockertest/v3/docker"
)

// containerInfo is a container as the Engine API describes it.
type containerInfo = docker.Container

// stack is one Compose project of the repository's docker-compose.yml: its
// own name, generated env file, image tag and port. Compose is driven
// through the docker CLI, as users drive it; containers through the Engine
// API (dockertest's client).
type stack struct {
	repo    string            // repository root: the Compose project directory
	project string            // blogstack-e2e-<random>
	envFile string            // the generated env file
	env     map[string]string // its variables, secrets included
	image   string            // the tag the build produces
	baseURL string            // http://127.0.0.1:<port>
	token   string            // a write token from API_TOKENS
	docker  *dockertest.Pool
}

// Bounds on the docker commands; the whole test must end well inside
// .ci/run's 20 minutes even when every step times out.
const (
	buildTimeout   = 8 * time.Minute // cold: modules come from the proxy
	upTimeout      = 3 * time.Minute
	composeTimeout = 90 * time.Second // down, restart, ps, logs
)

// newStack prepares a project; nothing runs yet. It fails the test when
// Docker or the compose plugin is unreachable, and registers the cleanup
// that prints the logs on failure and always removes the project with its
// volume and image.
func newStack(t *testing.T) *stack {
	t.Helper()
	repo := repoRoot(t)
	id := randomHex(t, 4)
	port := os.Getenv("BLOGSTACK_E2E_PORT")
	if port == "" {
		port = "8000"
	}
	s := &stack{
		repo:    repo,
		project: "blogstack-e2e-" + id,
		image:   "blogstack-e2e:" + id,
		baseURL: "http://127.0.0.1:" + port,
		token:   randomHex(t, 24),
	}
	s.docker = connectDocker(t)
	if out, err := s.run(30*time.Second, "docker", "compose", "version"); err != nil {
		t.Fatalf("the docker compose plugin (v2+) is required: %v\n%s", err, out)
	}
	// A stack already answering on the port would be tested in our place.
	if c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second); err == nil {
		c.Close()
		t.Fatalf("127.0.0.1:%s is already in use; stop what listens there or set BLOGSTACK_E2E_PORT", port)
	}
	s.env = map[string]string{
		"POSTGRES_USER":     "blog_e2e",
		"POSTGRES_PASSWORD": randomHex(t, 24), // hex: it goes into DATABASE_URL
		"POSTGRES_DB":       "blog_e2e",
		// Two tokens, as during a rotation; the test writes with the second.
		"API_TOKENS":           randomHex(t, 24) + "," + s.token,
		"API_BIND":             "127.0.0.1",
		"API_PORT":             port,
		"LOG_LEVEL":            "info",
		"SHUTDOWN_TIMEOUT":     "15s",
		"BLOGSTACK_IMAGE":      s.image,
		"BLOGSTACK_VERSION":    "v0.0.0-e2e." + id,
		"BLOGSTACK_COMMIT":     gitCommit(repo),
		"BLOGSTACK_BUILD_DATE": time.Now().UTC().Format(time.RFC3339),
	}
	s.envFile = filepath.Join(t.TempDir(), "e2e.env")
	if err := os.WriteFile(s.envFile, []byte(envFileText(s.env)), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.teardown(t) })
	return s
}

// teardown prints what helps to debug a failure, then removes everything
// the project created. It runs even when the test failed or was stopped by
// t.FailNow; each command is bounded.
func (s *stack) teardown(t *testing.T) {
	if t.Failed() {
		out, _ := s.compose(composeTimeout, "ps", "-a")
		t.Logf("docker compose ps -a:\n%s", out)
		out, _ = s.compose(composeTimeout, "logs", "--no-color", "--timestamps", "--tail", "200")
		t.Logf("docker compose logs:\n%s", out)
	}
	if out, err := s.compose(2*time.Minute, "down", "-v", "--remove-orphans", "--timeout", "10"); err != nil {
		t.Errorf("docker compose down -v: %v\n%s", err, out)
	}
	// Only our own tag: `down --rmi all` would also remove postgres:17.
	if out, err := s.run(time.Minute, "docker", "image", "rm", s.image); err != nil && !strings.Contains(string(out), "No such image") {
		t.Errorf("docker image rm %s: %v\n%s", s.image, err, out)
	}
}

// compose runs `docker compose` on this project and returns its combined
// output.
func (s *stack) compose(timeout time.Duration, args ...string) ([]byte, error) {
	base := []string{"compose", "-p", s.project, "--env-file", s.envFile,
		"-f", filepath.Join(s.repo, "docker-compose.yml"), "--project-directory", s.repo}
	return s.run(timeout, "docker", append(base, args...)...)
}

// mustCompose is compose that fails the test on error.
func (s *stack) mustCompose(t *testing.T, timeout time.Duration, args ...string) string {
	t.Helper()
	out, err := s.compose(timeout, args...)
	if err != nil {
		t.Fatalf("docker compose %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// run executes a command with a bounded time. The environment drops the
// variables of the env file: Compose lets the caller's environment win
// over --env-file, and a POSTGRES_PASSWORD exported in the developer's
// shell must not change what is tested.
func (s *stack) run(timeout time.Duration, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = s.repo
	cmd.WaitDelay = 5 * time.Second
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ours := s.env[k]; !ours && !strings.HasPrefix(k, "COMPOSE_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return out, fmt.Errorf("%s %s: no result within %s", name, strings.Join(args, " "), timeout)
	}
	return out, err
}

// containerID returns the id of the service's container, stopped or not.
func (s *stack) containerID(t *testing.T, service string) string {
	t.Helper()
	id := strings.TrimSpace(s.mustCompose(t, composeTimeout, "ps", "-a", "-q", service))
	if id == "" || strings.Contains(id, "\n") {
		t.Fatalf("want one %s container, docker compose ps -q says %q", service, id)
	}
	return id
}

// up starts the project and waits until every service is healthy (or, for
// migrate, completed), which is what users run.
func (s *stack) up(t *testing.T) time.Duration {
	t.Helper()
	start := time.Now()
	s.mustCompose(t, upTimeout, "up", "-d", "--wait", "--wait-timeout", "150")
	return time.Since(start)
}

// connectDocker returns a dockertest pool on the engine of DOCKER_HOST (or
// the default socket) after a bounded ping: an unreachable engine fails
// the test.
func connectDocker(t *testing.T) *dockertest.Pool {
	t.Helper()
	pool, err := dockertest.NewPool("")
	if err != nil {
		t.Fatalf("docker client: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := pool.Client.PingWithContext(ctx); err != nil {
		t.Fatalf("Docker Engine unreachable (the e2e test needs it): %v", err)
	}
	return pool
}

// repoRoot is the directory above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test's source file")
	}
	root := filepath.Dir(filepath.Dir(file))
	if _, err := os.Stat(filepath.Join(root, "docker-compose.yml")); err != nil {
		t.Fatalf("repository root: %v", err)
	}
	return root
}

// gitCommit is HEAD's short hash, the value a release build stamps; a tree
// without git still gets a distinct value to check the label against.
func gitCommit(repo string) string {
	out, err := exec.Command("git", "-C", repo, "rev-parse", "--short=12", "HEAD").Output()
	if c := strings.TrimSpace(string(out)); err == nil && c != "" {
		return c
	}
	return "nogit"
}

func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// envFileText writes vars as an env file, sorted for readable diffs.
func envFileText(vars map[string]string) string {
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\n", k, vars[k])
	}
	return b.String()
}
