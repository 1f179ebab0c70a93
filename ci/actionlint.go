package main

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"dagger.io/dagger"
)

// actionlintModule is the workflow linter, pinned; built from source by the
// pipeline's Go container, so it comes through the Go module proxy like
// everything else (air-gapped included). Without shellcheck in the image,
// the shell of run: steps is not checked.
const actionlintModule = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

// workflows lists the GitHub Actions workflows of the repository.
func (p *pipeline) workflows(ctx context.Context) ([]string, error) {
	var files []string
	for _, pattern := range []string{".github/workflows/*.yml", ".github/workflows/*.yaml"} {
		found, err := p.source().Glob(ctx, pattern)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
	}
	slices.Sort(files)
	return files, nil
}

// actionlint checks the given workflow files. They are named on the command
// line because actionlint only finds .github/workflows by itself inside a
// git checkout, and the source has no .git.
func (p *pipeline) actionlint(files []string) *dagger.Container {
	return p.goContainer(p.source()).
		WithExec([]string{"go", "install", actionlintModule}).
		WithExec(append([]string{"actionlint", "-color=false"}, files...))
}

// lintWorkflows runs actionlint on every workflow and says how many it
// checked; a repository without workflows is an error, not a pass.
func lintWorkflows(ctx context.Context, p *pipeline) (string, error) {
	files, err := p.workflows(ctx)
	if err != nil {
		return "", fmt.Errorf("list workflows: %w", err)
	}
	if len(files) == 0 {
		return "", errors.New("actionlint: no workflow in .github/workflows")
	}
	if _, err := p.actionlint(files).Sync(ctx); err != nil {
		return "", fmt.Errorf("actionlint: %w", err)
	}
	return fmt.Sprintf("actionlint clean (%d workflow(s))", len(files)), nil
}
