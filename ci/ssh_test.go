//go:build pipeline

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sshdImage is a Debian container with sshd and the docker CLI, built on the
// test machine: the deploy target of TestDeployOverSSH, reached as
// ssh://root@<docker host>:2222, its docker CLI talking to the machine's
// engine through the mounted socket, as on a real deploy host.
const sshdImage = "blogstack-test-sshd:trixie"

// TestDeployOverSSH deploys through DOCKER_HOST=ssh://…, the way the
// workflow deploys to staging and production: deploy key as a secret file,
// host key pinned in known_hosts (no trust on first use).
func TestDeployOverSSH(t *testing.T) {
	registry := os.Getenv("CI_TEST_REGISTRY")
	if registry == "" {
		t.Fatal("CI_TEST_REGISTRY not set (see TestDeployRollsBack)")
	}
	hostIP := os.Getenv("CI_TEST_DOCKER_HOST_IP")
	if hostIP == "" {
		hostIP = "10.87.0.1" // the air-gapped engine's dagger0 gateway: the machine, seen from the pipeline's containers
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	p := connect(ctx, t, registry)
	const project = "blogstack-ssh-test"

	// The deploy key, and a second key standing for a host key that does
	// not match.
	dir := t.TempDir()
	keygen := func(name string) (private, public string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if out, err := exec.CommandContext(ctx, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v: %s", err, out)
		}
		priv, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pub, err := os.ReadFile(path + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		return string(priv), string(pub)
	}
	deployKey, deployPub := keygen("deploy")
	_, otherPub := keygen("other")
	authorized := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(authorized, []byte(deployPub), 0o644); err != nil {
		t.Fatal(err)
	}

	// The target: sshd + docker CLI, on port 2222 of the machine.
	base := "debian:trixie"
	if exec.Command("docker", "image", "inspect", "blogstack-airgap/debian:trixie").Run() == nil {
		base = "blogstack-airgap/debian:trixie" // air-gapped: the seeded Debian rootfs
	}
	dockerfile := "FROM " + base + "\n" +
		"RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server docker-cli >/dev/null && rm -rf /var/lib/apt/lists/* && mkdir -p /run/sshd && ssh-keygen -A\n" +
		`CMD ["/usr/sbin/sshd", "-D", "-e", "-p", "2222", "-o", "PasswordAuthentication=no"]` + "\n"
	build := exec.CommandContext(ctx, "docker", "build", "-q", "-t", sshdImage, "-")
	build.Stdin = strings.NewReader(dockerfile)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the sshd image: %v: %s", err, out)
	}
	name := "blogstack-ssh-test-sshd"
	_ = exec.Command("docker", "rm", "-f", name).Run()
	if out, err := exec.CommandContext(ctx, "docker", "run", "-d", "--name", name, "-p", "2222:2222",
		"-v", "/var/run/docker.sock:/var/run/docker.sock",
		"-v", authorized+":/root/.ssh/authorized_keys:ro", sshdImage).CombinedOutput(); err != nil {
		t.Fatalf("start sshd: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("docker", "rm", "-f", name).Run() })
	hostKey, err := exec.CommandContext(ctx, "docker", "exec", name, "cat", "/etc/ssh/ssh_host_ed25519_key.pub").Output()
	if err != nil {
		t.Fatalf("read the host key: %v", err)
	}
	fields := strings.Fields(string(hostKey))
	knownHosts := "[" + hostIP + "]:2222 " + fields[0] + " " + fields[1] + "\n"

	cfg, err := loadDeployConfig(func(k string) string {
		return map[string]string{
			"DOCKER_HOST":            "ssh://root@" + hostIP + ":2222",
			"DEPLOY_SSH_KEY":         deployKey,
			"DEPLOY_SSH_KNOWN_HOSTS": knownHosts,
			"DEPLOY_PROJECT":         project,
			"DEPLOY_URL":             "http://127.0.0.1:18078",
			"DEPLOY_WAIT_TIMEOUT":    "90s",
		}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg.EnvFile = writeEnv(t, 18078)
	p.opts.Deploy = cfg
	t.Cleanup(func() { removeProject(t, project) })
	removeProject(t, project)

	good := push(ctx, t, registry, "ssh-good", p.image())
	p.opts.Deploy.Image = good
	figures, err := deployStage(ctx, p)
	if err != nil {
		t.Fatalf("deploy over ssh: %v", err)
	}
	t.Logf("over ssh: %s", figures)
	assertRunning(ctx, t, p, good)

	// A host key that does not match is refused: no trust on first use.
	f := strings.Fields(otherPub)
	p.opts.Deploy.SSHKnownHosts = "[" + hostIP + "]:2222 " + f[0] + " " + f[1] + "\n"
	if _, err := deployStage(ctx, p); err == nil || !strings.Contains(err.Error(), "Host key verification failed") {
		t.Fatalf("deploy with a wrong known host key: %v, want a host key verification failure", err)
	}
}
