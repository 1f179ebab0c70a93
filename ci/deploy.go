package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// DeployConfig is what the deploy stage is told by the environment (the
// workflow's contract): where to deploy, what, and with which secrets.
type DeployConfig struct {
	DockerHost     string        // DOCKER_HOST: unix://… (default: the local socket), tcp://…, ssh://user@host
	Project        string        // DEPLOY_PROJECT: the compose project name (default "blogstack")
	Image          string        // DEPLOY_IMAGE: repository@sha256:…; default: what publish pushed in this run, else $REGISTRY/blogstack@$DIGEST
	EnvFile        string        // DEPLOY_ENV_FILE: the stack's .env (POSTGRES_PASSWORD, API_TOKENS, API_PORT, …); a secret, never printed
	URL            string        // DEPLOY_URL: where the deployed API answers, for the smoke test (default http://127.0.0.1:8000)
	SSHKey         string        // DEPLOY_SSH_KEY: private key for ssh:// targets (a secret)
	SSHKnownHosts  string        // DEPLOY_SSH_KNOWN_HOSTS: known_hosts lines for ssh:// targets (no trust on first use)
	WaitTimeout    time.Duration // DEPLOY_WAIT_TIMEOUT: how long `up --wait` may take (default 3m)
	ExpectedCommit string        // the commit the smoke test expects in blogstack_build_info (Options.Commit)
}

// loadDeployConfig reads DeployConfig from the environment.
func loadDeployConfig(getenv func(string) string) (DeployConfig, error) {
	c := DeployConfig{
		DockerHost:    strings.TrimSpace(getenv("DOCKER_HOST")),
		Project:       strings.TrimSpace(getenv("DEPLOY_PROJECT")),
		Image:         strings.TrimSpace(getenv("DEPLOY_IMAGE")),
		EnvFile:       strings.TrimSpace(getenv("DEPLOY_ENV_FILE")),
		URL:           strings.TrimRight(strings.TrimSpace(getenv("DEPLOY_URL")), "/"),
		SSHKey:        getenv("DEPLOY_SSH_KEY"),
		SSHKnownHosts: getenv("DEPLOY_SSH_KNOWN_HOSTS"),
		WaitTimeout:   3 * time.Minute,
	}
	if c.DockerHost == "" {
		c.DockerHost = "unix:///var/run/docker.sock"
	}
	if c.Project == "" {
		c.Project = "blogstack"
	}
	if c.URL == "" {
		c.URL = "http://127.0.0.1:8000"
	}
	if v := strings.TrimSpace(getenv("DEPLOY_WAIT_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return c, fmt.Errorf("DEPLOY_WAIT_TIMEOUT: %q is not a duration of at least 1s (e.g. 3m)", v)
		}
		c.WaitTimeout = d
	}
	if c.Image == "" {
		if reg, digest := strings.TrimSpace(getenv("REGISTRY")), strings.TrimSpace(getenv("DIGEST")); reg != "" && digest != "" {
			c.Image = strings.TrimSuffix(reg, "/") + "/" + imageName + "@" + digest
		}
	}
	scheme, _, ok := strings.Cut(c.DockerHost, "://")
	switch {
	case !ok:
		return c, fmt.Errorf("DOCKER_HOST: %q has no scheme (unix://, tcp:// or ssh://)", c.DockerHost)
	case scheme == "ssh" && c.SSHKey == "":
		return c, errors.New("DOCKER_HOST is ssh://: set DEPLOY_SSH_KEY (the deploy key) too")
	case scheme == "ssh" && strings.TrimSpace(c.SSHKnownHosts) == "":
		return c, errors.New("DOCKER_HOST is ssh://: set DEPLOY_SSH_KNOWN_HOSTS (ssh-keyscan of the host, checked out of band): the deploy does not trust a host key on first use")
	case scheme != "unix" && scheme != "tcp" && scheme != "ssh":
		return c, fmt.Errorf("DOCKER_HOST: scheme %q not supported (unix://, tcp:// or ssh://)", scheme)
	}
	return c, nil
}

// deployStage deploys the image to the target Docker host with compose,
// waits for every service to be healthy (the health gate), smoke-tests the
// API, and on any failure rolls back to the image the api ran before, checks
// that one answers, and fails. See docs/cicd.md (deploy, rollback).
func deployStage(ctx context.Context, p *pipeline) (string, error) {
	c := p.opts.Deploy
	if c.Image == "" {
		c.Image = p.published
	}
	if c.Image == "" {
		return "", fmt.Errorf("%w: nothing to deploy (publish did not push in this run; set DEPLOY_IMAGE, or REGISTRY and DIGEST)", errNotConfigured)
	}
	if c.EnvFile == "" {
		return "", errors.New("DEPLOY_ENV_FILE not set: the stack's .env (POSTGRES_PASSWORD, API_TOKENS, …; see .env.example) is needed to deploy")
	}
	env, err := os.ReadFile(c.EnvFile)
	if err != nil {
		return "", fmt.Errorf("DEPLOY_ENV_FILE: %w", err)
	}
	c.ExpectedCommit = p.opts.Commit
	t := p.newTarget(c, env)

	previous, err := t.currentImage(ctx)
	if err != nil {
		return "", err
	}
	fmt.Printf("ci: deploy: %s to %s (project %s); running before: %s\n", c.Image, redactHost(c.DockerHost), c.Project, orNone(previous))
	start := time.Now()
	failure := t.up(ctx, c.Image)
	if failure == nil {
		failure = smoke(ctx, c.URL, c.ExpectedCommit)
		if failure != nil {
			failure = fmt.Errorf("smoke test: %w", failure)
		}
	} else {
		failure = fmt.Errorf("health gate: %w", failure)
	}
	if failure == nil {
		return fmt.Sprintf("%s healthy and smoke-tested in %.1f s at %s (before: %s)", shortRef(c.Image), time.Since(start).Seconds(), c.URL, shortRef(orNone(previous))), nil
	}
	fmt.Printf("ci: deploy: %s failed: %v\n", shortRef(c.Image), firstLine(failure.Error()))
	if previous == "" || previous == c.Image {
		return "", fmt.Errorf("deploy of %s failed, nothing to roll back to (no earlier version ran): %w", c.Image, failure)
	}
	fmt.Printf("ci: deploy: rolling back to %s\n", previous)
	if err := t.up(ctx, previous); err != nil {
		return "", fmt.Errorf("deploy of %s failed (%w); ROLLBACK to %s FAILED too: %w", c.Image, failure, previous, err)
	}
	if err := smoke(ctx, c.URL, ""); err != nil {
		return "", fmt.Errorf("deploy of %s failed (%w); rolled back to %s, which FAILS its smoke test: %w", c.Image, failure, previous, err)
	}
	return "", fmt.Errorf("deploy of %s failed, rolled back to %s (healthy, smoke test passed): %w", c.Image, previous, failure)
}

// shortRef shortens repository@sha256:<64 hex> for the summary table.
func shortRef(ref string) string {
	repo, digest, ok := strings.Cut(ref, "@sha256:")
	if !ok || len(digest) < 12 {
		return ref
	}
	return repo + "@sha256:" + digest[:12]
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// redactHost drops a password from a tcp:// or ssh:// URL before printing.
func redactHost(h string) string {
	scheme, rest, _ := strings.Cut(h, "://")
	if user, host, ok := strings.Cut(rest, "@"); ok {
		if name, _, hasPass := strings.Cut(user, ":"); hasPass {
			return scheme + "://" + name + ":***@" + host
		}
	}
	return h
}
