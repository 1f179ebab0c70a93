package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dagger.io/dagger"
)

// image builds the root Dockerfile, as `docker build` would, with the
// version build arguments.
func (p *pipeline) image() *dagger.Container {
	return p.imageContext().DockerBuild(dagger.DirectoryDockerBuildOpts{
		BuildArgs: []dagger.BuildArg{
			{Name: "VERSION", Value: p.opts.Version},
			{Name: "COMMIT", Value: p.opts.Commit},
			{Name: "DATE", Value: p.opts.Date},
		},
	})
}

// binary is the blogstack binary inside the image.
func (p *pipeline) binary() *dagger.File {
	return p.image().File("/blogstack")
}

// buildStage builds the image, checks that its binary runs and reports its
// version, and exports the image as an OCI tarball (`docker load -i`) and the
// binary to dist/.
func buildStage(ctx context.Context, p *pipeline) (string, error) {
	img := p.image()
	version, err := img.WithExec([]string{"/blogstack", "version"}).Stdout(ctx)
	if err != nil {
		return "", fmt.Errorf("run the image's binary: %w", err)
	}
	if !strings.Contains(version, p.opts.Version) {
		return "", fmt.Errorf("the image's binary reports %q, want version %s", strings.TrimSpace(version), p.opts.Version)
	}
	tarball := filepath.Join(p.opts.Dist, "blogstack-image.tar")
	if _, err := img.Export(ctx, tarball); err != nil {
		return "", fmt.Errorf("export the image: %w", err)
	}
	bin := filepath.Join(p.opts.Dist, "blogstack")
	if _, err := p.binary().Export(ctx, bin); err != nil {
		return "", fmt.Errorf("export the binary: %w", err)
	}
	imgSize, err := fileSize(p.opts.Source, tarball)
	if err != nil {
		return "", err
	}
	binSize, err := fileSize(p.opts.Source, bin)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("image tarball %s (%s), binary %s (%s), version %s",
		mebibytes(imgSize), tarball, mebibytes(binSize), bin, p.opts.Version), nil
}

// fileSize stats an exported artefact (paths are relative to the source).
func fileSize(root, path string) (int64, error) {
	fi, err := os.Stat(filepath.Join(root, path))
	if err != nil {
		return 0, fmt.Errorf("exported artefact: %w", err)
	}
	return fi.Size(), nil
}

func mebibytes(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
