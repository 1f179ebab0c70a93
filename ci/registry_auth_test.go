//go:build pipeline

package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// authRegistryAddr is where the test's authenticating registry listens. The
// engine must know it speaks plain HTTP: deploy/airgap/dagger-engine
// configures localhost:5001 so (other engines: add it to engine.json).
const authRegistryAddr = "127.0.0.1:5001"

// TestRegistryCredentials proves the credential paths against a registry
// that requires them (distribution/v3 with htpasswd, the registry the
// air-gapped set-up builds): publish with REGISTRY_USERNAME/PASSWORD
// (WithRegistryAuth) pushes, a wrong password is refused, and deploy's
// docker login lets the target engine pull the private image, which it
// cannot without.
func TestRegistryCredentials(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	password := startAuthRegistry(ctx, t)
	registry := "localhost:5001/auth-test"
	// One engine session per set of credentials, as one pipeline run has
	// one set.
	wrong := connect(ctx, t, registry)
	wrong.opts.RegistryUsername, wrong.opts.RegistryPassword = "ci", "wrong-"+password
	if _, err := publishStage(ctx, wrong); err == nil || !strings.Contains(strings.ToLower(err.Error()), "unauthorized") {
		t.Fatalf("publish with a wrong password: %v, want an unauthorized error", err)
	}
	// Closed before the next session: while a session holding wrong
	// credentials for a registry is attached, the engine answered another
	// session's push to it with 401 too (measured; see docs/cicd.md).
	_ = wrong.dag.Close()
	p := connect(ctx, t, registry)
	p.opts.RegistryUsername, p.opts.RegistryPassword = "ci", password
	figures, err := publishStage(ctx, p)
	if err != nil {
		t.Fatalf("publish with the credentials: %v", err)
	}
	t.Logf("published: %s", figures)
	image := p.published

	const project = "blogstack-auth-test"
	t.Cleanup(func() { removeProject(t, project) })
	removeProject(t, project)
	// The target must pull: no copy of the image on the host.
	_ = exec.CommandContext(ctx, "docker", "rmi", image).Run()
	p.opts.Deploy = DeployConfig{
		DockerHost:  "unix:///var/run/docker.sock",
		Project:     project,
		EnvFile:     writeEnv(t, 18079),
		URL:         "http://127.0.0.1:18079",
		WaitTimeout: 90 * time.Second,
		Image:       image,
	}

	withoutCreds := *p
	withoutCreds.opts.RegistryUsername, withoutCreds.opts.RegistryPassword = "", ""
	if _, err := deployStage(ctx, &withoutCreds); err == nil || !strings.Contains(strings.ToLower(err.Error()), "no basic auth credentials") {
		t.Fatalf("deploy of a private image without credentials: %v, want the target's pull refused", err)
	}
	removeProject(t, project)

	figures, err = deployStage(ctx, p)
	if err != nil {
		t.Fatalf("deploy with the credentials: %v", err)
	}
	t.Logf("deployed: %s", figures)
	assertRunning(ctx, t, p, image)
}

// startAuthRegistry builds the registry of deploy/airgap/tools/registry,
// starts it on authRegistryAddr with a random password for user "ci" and
// returns that password.
func startAuthRegistry(ctx context.Context, t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "registry")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/distribution/distribution/v3/cmd/registry")
	build.Dir = filepath.Join("..", "deploy", "airgap", "tools", "registry")
	build.Env = append(os.Environ(), "GOWORK=off", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the registry: %v: %s", err, out)
	}
	secret := make([]byte, 16)
	if _, err := rand.Read(secret); err != nil {
		t.Fatal(err)
	}
	password := hex.EncodeToString(secret)
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "htpasswd"), []byte("ci:"+string(hash)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf(`version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: %s}}
auth: {htpasswd: {realm: blogstack-test, path: %s}}
http: {addr: %s}
`, filepath.Join(dir, "data"), filepath.Join(dir, "htpasswd"), authRegistryAddr)
	if err := os.WriteFile(filepath.Join(dir, "config.yml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := exec.Command(bin, "serve", filepath.Join(dir, "config.yml"))
	srv.Env = append(os.Environ(), "OTEL_TRACES_EXPORTER=none")
	var logs strings.Builder
	srv.Stdout, srv.Stderr = &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatalf("start the registry: %v", err)
	}
	t.Cleanup(func() {
		_ = srv.Process.Kill()
		_ = srv.Wait()
	})
	// Up when /v2/ asks for credentials.
	for i := 0; ; i++ {
		resp, err := http.Get("http://" + authRegistryAddr + "/v2/")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusUnauthorized {
				return password
			}
			t.Fatalf("registry on %s answered %d without credentials, want 401 (is another registry listening there?)", authRegistryAddr, resp.StatusCode)
		}
		if i == 50 {
			t.Fatalf("registry on %s does not answer: %v\n%s", authRegistryAddr, err, logs.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}
