package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

// imageName is the repository under REGISTRY that publish pushes to:
// $REGISTRY/blogstack:<commit> and $REGISTRY/blogstack:<version>.
const imageName = "blogstack"

// errNotConfigured marks a stage that did not run because what it needs is
// not configured (publish without REGISTRY). It is reported as "skipped" and
// does not fail the run; see docs/cicd.md (exit codes).
var errNotConfigured = errors.New("skipped")

// publishRefs are the references publish pushes: the image under the commit
// and under the version (one tag when they are the same, as with
// `git describe --always` on an untagged commit).
func (p *pipeline) publishRefs() []string {
	repo := strings.TrimSuffix(p.opts.Registry, "/") + "/" + imageName
	var refs []string
	for _, t := range []string{p.opts.Commit, p.opts.Version} {
		ref := repo + ":" + tagSafe(t)
		if !slices.Contains(refs, ref) {
			refs = append(refs, ref)
		}
	}
	return refs
}

// publishStage pushes the image of the build stage (the same p.image(), so
// the engine's cache gives the same layers, not a second build) to the
// configured registry, under the commit and the version, and prints the
// pushed reference with its digest. Credentials, when given, reach the
// engine as a Dagger secret (WithRegistryAuth), never on a command line or
// in a log. With GITHUB_OUTPUT set it appends digest=sha256:… (and
// image=<repository>@sha256:…) for the workflow's later jobs.
func publishStage(ctx context.Context, p *pipeline) (string, error) {
	o := p.opts
	if o.Registry == "" {
		return "", fmt.Errorf("%w: REGISTRY not set (nothing pushed)", errNotConfigured)
	}
	if (o.RegistryUsername == "") != (o.RegistryPassword == "") {
		return "", errors.New("REGISTRY_USERNAME and REGISTRY_PASSWORD must be set together (or neither, for a registry without authentication)")
	}
	img := p.image()
	if o.RegistryUsername != "" {
		secret := p.dag.SetSecret("registry-password", o.RegistryPassword)
		img = img.WithRegistryAuth(registryHost(o.Registry), o.RegistryUsername, secret)
	}
	var digest string
	for _, ref := range p.publishRefs() {
		got, err := img.Publish(ctx, ref)
		if err != nil {
			return "", fmt.Errorf("push %s: %w", ref, err)
		}
		_, d, ok := strings.Cut(got, "@")
		if !ok {
			return "", fmt.Errorf("push %s: the engine returned %q, no digest", ref, got)
		}
		if digest != "" && d != digest {
			return "", fmt.Errorf("push %s: digest %s differs from the first tag's %s", ref, d, digest)
		}
		digest = d
		fmt.Printf("ci: publish: pushed %s\n", got)
	}
	repo := strings.TrimSuffix(o.Registry, "/") + "/" + imageName
	p.published = repo + "@" + digest
	if out := os.Getenv("GITHUB_OUTPUT"); out != "" {
		if err := appendOutput(out, "digest="+digest, "image="+repo+"@"+digest); err != nil {
			return "", err
		}
	}
	tags := make([]string, 0, 2)
	for _, ref := range p.publishRefs() {
		tags = append(tags, ref[strings.LastIndex(ref, ":")+1:])
	}
	return fmt.Sprintf("%s@%s (tags %s)", repo, digest, strings.Join(tags, ", ")), nil
}

// registryHost is the host part of REGISTRY (ghcr.io of ghcr.io/blogstack),
// the address WithRegistryAuth binds the credentials to.
func registryHost(registry string) string {
	host, _, _ := strings.Cut(registry, "/")
	return host
}

var tagUnsafe = regexp.MustCompile(`[^A-Za-z0-9_.-]`)

// tagSafe turns a version into a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}):
// v1.2.3+meta becomes v1.2.3-meta.
func tagSafe(s string) string {
	s = tagUnsafe.ReplaceAllString(s, "-")
	if s == "" || s[0] == '.' || s[0] == '-' {
		s = "_" + s
	}
	if len(s) > 128 {
		s = s[:128]
	}
	return s
}

// appendOutput appends name=value lines to the GitHub Actions output file.
func appendOutput(path string, lines ...string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o600) //nolint:gosec // G703: GITHUB_OUTPUT names the runner's own output file, meant to be written
	if err != nil {
		return fmt.Errorf("GITHUB_OUTPUT: %w", err)
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(f, l); err != nil {
			_ = f.Close()
			return fmt.Errorf("GITHUB_OUTPUT: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("GITHUB_OUTPUT: %w", err)
	}
	return nil
}
