package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// Options is everything the pipeline is told from outside. Defaults come
// from git, so that `go run ./ci build` tags what is checked out.
type Options struct {
	Source      string // repository root on the host
	Dist        string // where artefacts are exported, relative to Source
	Version     string // image and binary version (VERSION build arg)
	Commit      string // COMMIT build arg
	Date        string // DATE build arg (the commit's time: same commit, same image)
	Integration bool   // test: also run the testcontainers integration tests
	DockerHost  string // integration tests: the host address at which published ports answer, seen from the pipeline
	Verbose     bool   // stream the engine's progress output

	// From the environment (the workflow's contract, see
	// .github/workflows/ci.yml), not flags: a password must not appear in a
	// process list. The password is only ever handed to the engine as a
	// Dagger secret.
	Registry         string // REGISTRY: publish target, e.g. ghcr.io/blogstack or localhost:5000/blogstack; empty skips publish
	RegistryUsername string // REGISTRY_USERNAME
	RegistryPassword string // REGISTRY_PASSWORD (never printed)

	Deploy DeployConfig // DOCKER_HOST, DEPLOY_*: read only when deploy is asked for
}

// parseArgs reads the flags and the stage names. Stage names are checked
// here, so a typo fails before the engine is contacted.
func parseArgs(ctx context.Context, args []string, stderr io.Writer) (Options, []string, error) {
	var o Options
	fs := flag.NewFlagSet("ci", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Source, "src", ".", "repository root")
	fs.StringVar(&o.Dist, "dist", "dist", "artefact directory, relative to -src")
	fs.StringVar(&o.Version, "version", "", "version (default: git describe --tags --always --dirty)")
	fs.StringVar(&o.Commit, "commit", "", "commit (default: git rev-parse --short HEAD)")
	fs.StringVar(&o.Date, "date", "", "build date, RFC 3339 (default: the commit's time, UTC)")
	fs.BoolVar(&o.Integration, "integration", true, "test: also run the integration tests against the host's Docker engine (-integration=false: unit tests only)")
	fs.StringVar(&o.DockerHost, "docker-host-ip", "10.87.0.1", "integration tests: the Docker host's address as the pipeline's containers reach it (the air-gapped engine's dagger0 gateway)")
	fs.BoolVar(&o.Verbose, "v", false, "stream the engine's progress output")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./ci [flags] <stage…>\nstages: %s\nflags:\n", strings.Join(stageNames(), ", "))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, nil, err
	}
	stages, err := expandStages(fs.Args())
	if err != nil {
		fs.Usage()
		return o, nil, err
	}
	o.Registry = strings.TrimSpace(os.Getenv("REGISTRY"))
	o.RegistryUsername = os.Getenv("REGISTRY_USERNAME")
	o.RegistryPassword = os.Getenv("REGISTRY_PASSWORD")
	if slices.Contains(stages, "deploy") {
		if o.Deploy, err = loadDeployConfig(os.Getenv); err != nil {
			return o, nil, err
		}
	}
	if err := o.fillFromGit(ctx); err != nil {
		return o, nil, err
	}
	return o, stages, nil
}

// fillFromGit sets the version fields not given as flags.
func (o *Options) fillFromGit(ctx context.Context) error {
	fields := []struct {
		dst  *string
		args []string
	}{
		{&o.Version, []string{"describe", "--tags", "--always", "--dirty"}},
		{&o.Commit, []string{"rev-parse", "--short", "HEAD"}},
		{&o.Date, []string{"log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%dT%H:%M:%SZ"}},
	}
	for _, f := range fields {
		if *f.dst != "" {
			continue
		}
		cmd := exec.CommandContext(ctx, "git", f.args...)
		cmd.Dir = o.Source
		cmd.Env = append(cmd.Environ(), "TZ=UTC")
		out, err := cmd.Output()
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			return fmt.Errorf("git %s: %w: %s (or pass the value as a flag)", strings.Join(f.args, " "), err, strings.TrimSpace(string(ee.Stderr)))
		}
		if err != nil {
			return fmt.Errorf("git %s: %w (or pass the value as a flag)", strings.Join(f.args, " "), err)
		}
		*f.dst = strings.TrimSpace(string(out))
	}
	return nil
}
