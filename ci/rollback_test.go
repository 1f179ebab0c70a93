//go:build pipeline

// The rollback test drives the real deploy stage against a real engine, a
// real registry and the local Docker engine: it needs the Dagger engine
// (deploy/airgap/dagger-engine start, or any engine the SDK reaches), a
// registry the engine pushes to and the Docker host pulls from
// (CI_TEST_REGISTRY, e.g. localhost:5000/blogstack-test) and the Docker
// socket. .ci/run runs it:
//
//	go test -tags pipeline -count=1 -run TestDeploy ./ci
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dagger.io/dagger"
)

// testProject is the compose project the test deploys (and removes).
const testProject = "blogstack-rollback-test"

func TestDeployRollsBack(t *testing.T) {
	registry := os.Getenv("CI_TEST_REGISTRY")
	if registry == "" {
		t.Fatal("CI_TEST_REGISTRY not set: this test needs a registry the Dagger engine pushes to and the Docker host pulls from (e.g. localhost:5000/blogstack-test with deploy/airgap/dagger-engine start)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	p := connect(ctx, t, registry)
	good := push(ctx, t, registry, "good", p.image())
	// Broken on purpose, the two ways a release fails its deploy: a health
	// check that never passes (the probe's timeout cannot be met), and a
	// server that is healthy inside but does not answer where users reach it
	// (it listens on another port), which only the smoke test sees.
	unhealthy := push(ctx, t, registry, "unhealthy", p.image().WithEnvVariable("HEALTHCHECK_TIMEOUT", "1ns"))
	unreachable := push(ctx, t, registry, "unreachable", p.image().WithEnvVariable("HTTP_ADDR", ":9000"))

	p.opts.Deploy = DeployConfig{
		DockerHost:  "unix:///var/run/docker.sock",
		Project:     testProject,
		EnvFile:     writeEnv(t, 18077),
		URL:         "http://127.0.0.1:18077",
		WaitTimeout: 90 * time.Second,
	}
	t.Cleanup(func() { removeProject(t, testProject) })
	removeProject(t, testProject) // a run interrupted earlier

	deploy := func(image string) (string, error) {
		p.opts.Deploy.Image = image
		t.Logf("deploying %s", image)
		return deployStage(ctx, p)
	}

	// A first deploy of a broken release has nothing to fall back to.
	if _, err := deploy(unhealthy); err == nil || !strings.Contains(err.Error(), "nothing to roll back to") {
		t.Fatalf("broken first deploy: %v, want a failure with nothing to roll back to", err)
	}
	removeProject(t, testProject)

	figures, err := deploy(good)
	if err != nil {
		t.Fatalf("deploy of the good release: %v", err)
	}
	t.Logf("good release: %s", figures)
	assertRunning(ctx, t, p, good)

	for _, tc := range []struct{ name, image, stage string }{
		{"health check fails", unhealthy, "health gate"},
		{"smoke test fails", unreachable, "smoke test"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := deploy(tc.image)
			if err == nil {
				t.Fatalf("deploy of %s passed", tc.image)
			}
			msg := err.Error()
			if !strings.Contains(msg, "rolled back to "+good) || !strings.Contains(msg, tc.stage) {
				t.Fatalf("deploy error %q: want a %s failure rolled back to %s", firstLine(msg), tc.stage, good)
			}
			assertRunning(ctx, t, p, good)
		})
	}
}

// assertRunning checks that the api runs image and answers as the good
// release (the smoke test with its commit).
func assertRunning(ctx context.Context, t *testing.T, p *pipeline, image string) {
	t.Helper()
	env, err := os.ReadFile(p.opts.Deploy.EnvFile)
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.newTarget(p.opts.Deploy, env).currentImage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != image {
		t.Fatalf("the api runs %q, want %q", got, image)
	}
	if err := smoke(ctx, p.opts.Deploy.URL, p.opts.Commit); err != nil {
		t.Fatalf("the running release fails its smoke test: %v", err)
	}
}

// connect reaches the engine with the repository root as its working
// directory, and returns a pipeline with fixed version fields.
func connect(ctx context.Context, t *testing.T, registry string) *pipeline {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var logs io.Writer = io.Discard
	if testing.Verbose() {
		logs = os.Stderr
	}
	dag, err := dagger.Connect(ctx, dagger.WithWorkdir(root), dagger.WithLogOutput(logs))
	if err != nil {
		t.Fatalf("connect to the Dagger engine: %v", err)
	}
	t.Cleanup(func() { _ = dag.Close() })
	opts := Options{Source: root, Version: "rollback-test", Commit: "feedc0d", Date: "2026-12-04T00:00:00Z", Registry: registry}
	return &pipeline{dag: dag, opts: opts}
}

// push publishes c to <registry>/blogstack:<tag> and returns the pushed
// reference with its digest.
func push(ctx context.Context, t *testing.T, registry, tag string, c *dagger.Container) string {
	t.Helper()
	ref, err := c.Publish(ctx, strings.TrimSuffix(registry, "/")+"/blogstack:"+tag)
	if err != nil {
		t.Fatalf("push %s: %v", tag, err)
	}
	return ref
}

// writeEnv writes the stack's .env for a test deploy on port.
func writeEnv(t *testing.T, port int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "deploy.env")
	env := fmt.Sprintf("POSTGRES_PASSWORD=pipeline-test-pw\nAPI_TOKENS=pipeline-test-token-0123\nAPI_PORT=%d\nAPI_BIND=127.0.0.1\n", port)
	if err := os.WriteFile(path, []byte(env), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// removeProject removes a compose project, volumes included, with the
// host's docker CLI.
func removeProject(t *testing.T, project string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "sh", "-c",
		`ids=$(docker ps -aq --filter label=com.docker.compose.project=$0); [ -z "$ids" ] || docker rm -f $ids >/dev/null
		vols=$(docker volume ls -q --filter label=com.docker.compose.project=$0); [ -z "$vols" ] || docker volume rm $vols >/dev/null
		nets=$(docker network ls -q --filter label=com.docker.compose.project=$0); [ -z "$nets" ] || docker network rm $nets >/dev/null
		true`, project).CombinedOutput()
	if err != nil {
		t.Errorf("remove project %s: %v: %s", project, err, out)
	}
}
