package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dagger.io/dagger"
)

// target is a Docker host the stack is deployed to, driven by the docker
// CLI and its compose plugin in a container of the pipeline. The compose
// file is the repository's own docker-compose.yml: the one the README's
// quick start runs is the one deployed.
type target struct {
	p   *pipeline
	cfg DeployConfig
	ctr *dagger.Container
}

// deployTools is the docker CLI and compose plugin from Debian trixie (the
// goImage's release, so no other base image is needed): docker-cli
// 26.1 and docker-compose 2.26, which negotiate the API version down to the
// target engine's (20.10 and later).
func (p *pipeline) deployTools() *dagger.Container {
	return p.dag.Container().From(goImage).
		WithEnvVariable("DEBIAN_FRONTEND", "noninteractive").
		WithExec([]string{"sh", "-c", "apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-cli docker-compose >/dev/null && rm -rf /var/lib/apt/lists/*"}).
		WithExec([]string{"docker", "compose", "version"})
}

// newTarget prepares the deploy container: the compose file, the stack's
// .env as a secret file (compose reads .env next to the file), the
// connection to DOCKER_HOST, and registry credentials when given (the
// target's engine pulls with the credentials the client sends).
func (p *pipeline) newTarget(cfg DeployConfig, env []byte) *target {
	c := p.deployTools().
		WithWorkdir("/deploy").
		WithFile("/deploy/docker-compose.yml", p.dag.Host().File("docker-compose.yml")).
		WithMountedSecret("/deploy/.env", p.dag.SetSecret("deploy-env", string(env)))
	scheme, rest, _ := strings.Cut(cfg.DockerHost, "://")
	switch scheme {
	case "unix":
		c = c.WithUnixSocket("/var/run/docker.sock", p.dag.Host().UnixSocket(rest)).
			WithEnvVariable("DOCKER_HOST", "unix:///var/run/docker.sock")
	case "ssh":
		c = c.WithMountedSecret("/root/.ssh/id_deploy", p.dag.SetSecret("deploy-ssh-key", cfg.SSHKey), dagger.ContainerWithMountedSecretOpts{Mode: 0o600}).
			WithNewFile("/root/.ssh/known_hosts", cfg.SSHKnownHosts).
			WithNewFile("/root/.ssh/config", "Host *\n  IdentityFile /root/.ssh/id_deploy\n  IdentitiesOnly yes\n  StrictHostKeyChecking yes\n  BatchMode yes\n").
			WithEnvVariable("DOCKER_HOST", cfg.DockerHost)
	default: // tcp
		c = c.WithEnvVariable("DOCKER_HOST", cfg.DockerHost)
	}
	t := &target{p: p, cfg: cfg, ctr: c}
	if o := p.opts; o.RegistryUsername != "" && o.Registry != "" && strings.HasPrefix(cfg.Image, registryHost(o.Registry)+"/") {
		t.ctr = t.ctr.
			WithEnvVariable("REGISTRY_HOST", registryHost(o.Registry)).
			WithEnvVariable("REGISTRY_USERNAME", o.RegistryUsername).
			WithSecretVariable("REGISTRY_PASSWORD", p.dag.SetSecret("registry-password", o.RegistryPassword))
		t.ctr = t.fresh().WithExec([]string{"sh", "-c", `printf '%s' "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USERNAME" --password-stdin "$REGISTRY_HOST" >/dev/null`})
	}
	return t
}

// fresh defeats the engine's cache: every command against the target must
// run, since what it reads or changes lives outside the engine.
func (t *target) fresh() *dagger.Container {
	return t.ctr.WithEnvVariable("CI_DEPLOY_NONCE", strconv.FormatInt(time.Now().UnixNano(), 10))
}

// currentImage is the image reference the project's api runs now ("" when
// it does not run): the version a failed deploy rolls back to.
func (t *target) currentImage(ctx context.Context) (string, error) {
	// docker ps shows a digest reference without its digest; the
	// container's configuration keeps the reference as it was deployed.
	out, err := t.fresh().WithExec([]string{"sh", "-c",
		`ids=$(docker ps -q --filter "label=com.docker.compose.project=$0" --filter label=com.docker.compose.service=api) && ` +
			`{ [ -z "$ids" ] || docker inspect --format '{{.Config.Image}}' $ids; }`,
		t.cfg.Project}).Stdout(ctx)
	if err != nil {
		return "", fmt.Errorf("read the running version on %s: %w", redactHost(t.cfg.DockerHost), explain(err))
	}
	for _, line := range strings.Split(out, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line, nil
		}
	}
	return "", nil
}

// up deploys image with `docker compose up -d --wait`: migrate runs to
// completion, then the api is recreated and must turn healthy (readiness:
// it answers and reaches the database) within the wait timeout. On failure
// the error carries compose's output and the api's last log lines.
func (t *target) up(ctx context.Context, image string) error {
	_, err := t.fresh().
		WithEnvVariable("BLOGSTACK_IMAGE", image).
		WithExec([]string{"docker", "compose", "-p", t.cfg.Project, "up", "-d", "--wait",
			"--wait-timeout", strconv.Itoa(int(t.cfg.WaitTimeout.Seconds())),
			"--no-build", "--remove-orphans"}).
		Sync(ctx)
	if err == nil {
		return nil
	}
	logs, lerr := t.fresh().WithEnvVariable("BLOGSTACK_IMAGE", image).
		WithExec([]string{"sh", "-c", "docker compose -p \"$0\" ps -a; docker compose -p \"$0\" logs --no-color --tail 15 migrate api", t.cfg.Project}).
		Stdout(ctx)
	if lerr != nil {
		logs = "(could not read the logs: " + firstLine(lerr.Error()) + ")"
	}
	return fmt.Errorf("%w\n--- services and last log lines ---\n%s", explain(err), strings.TrimSpace(logs))
}
