package main

import (
	"strings"
	"testing"
	"time"
)

func TestLoadDeployConfig(t *testing.T) {
	env := func(kv map[string]string) func(string) string {
		return func(k string) string { return kv[k] }
	}
	c, err := loadDeployConfig(env(nil))
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if c.DockerHost != "unix:///var/run/docker.sock" || c.Project != "blogstack" || c.URL != "http://127.0.0.1:8000" || c.WaitTimeout != 3*time.Minute || c.Image != "" {
		t.Errorf("defaults = %+v", c)
	}

	c, err = loadDeployConfig(env(map[string]string{"REGISTRY": "ghcr.io/acme/", "DIGEST": "sha256:abc", "DEPLOY_URL": "https://staging.example.com/", "DEPLOY_WAIT_TIMEOUT": "90s"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Image != "ghcr.io/acme/blogstack@sha256:abc" || c.URL != "https://staging.example.com" || c.WaitTimeout != 90*time.Second {
		t.Errorf("REGISTRY+DIGEST = %+v", c)
	}

	c, err = loadDeployConfig(env(map[string]string{"DEPLOY_IMAGE": "r/x@sha256:1", "REGISTRY": "ghcr.io/acme", "DIGEST": "sha256:2"}))
	if err != nil || c.Image != "r/x@sha256:1" {
		t.Errorf("DEPLOY_IMAGE wins over REGISTRY+DIGEST: %q, %v", c.Image, err)
	}

	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"DOCKER_HOST": "/var/run/docker.sock"}, "has no scheme"},
		{map[string]string{"DOCKER_HOST": "npipe:////./pipe/docker"}, `scheme "npipe" not supported`},
		{map[string]string{"DOCKER_HOST": "ssh://deploy@host"}, "DEPLOY_SSH_KEY"},
		{map[string]string{"DOCKER_HOST": "ssh://deploy@host", "DEPLOY_SSH_KEY": "k"}, "DEPLOY_SSH_KNOWN_HOSTS"},
		{map[string]string{"DEPLOY_WAIT_TIMEOUT": "soon"}, "DEPLOY_WAIT_TIMEOUT"},
		{map[string]string{"DEPLOY_WAIT_TIMEOUT": "10ms"}, "at least 1s"},
	} {
		if _, err := loadDeployConfig(env(tc.env)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want one naming %q", tc.env, err, tc.want)
		}
	}
	if _, err := loadDeployConfig(env(map[string]string{"DOCKER_HOST": "ssh://deploy@host", "DEPLOY_SSH_KEY": "k", "DEPLOY_SSH_KNOWN_HOSTS": "host ssh-ed25519 AAAA"})); err != nil {
		t.Errorf("complete ssh:// configuration refused: %v", err)
	}
}

func TestRedactHostAndShortRef(t *testing.T) {
	if got := redactHost("tcp://user:secret@host:2376"); got != "tcp://user:***@host:2376" {
		t.Errorf("redactHost = %q", got)
	}
	if got := redactHost("ssh://deploy@host"); got != "ssh://deploy@host" {
		t.Errorf("redactHost without password = %q", got)
	}
	ref := "localhost:5000/blogstack/blogstack@sha256:" + strings.Repeat("ab", 32)
	if got := shortRef(ref); got != "localhost:5000/blogstack/blogstack@sha256:abababababab" {
		t.Errorf("shortRef = %q", got)
	}
	if got := shortRef("blogstack:local"); got != "blogstack:local" {
		t.Errorf("shortRef of a tag = %q", got)
	}
}
