package main

import (
	"context"
	"fmt"
	"strings"

	"dagger.io/dagger"
)

// gofmtList lists the Go files whose formatting differs from gofmt's, in
// every module of the repository (the app and ci/).
func (p *pipeline) gofmtList() *dagger.Container {
	return p.goContainer(p.source()).WithExec([]string{"gofmt", "-l", "."})
}

// vet runs go vet on the module in dir (relative to the repository root),
// on its own (GOWORK=off, see goContainer).
func (p *pipeline) vet(dir string) *dagger.Container {
	return p.goContainer(p.source()).
		WithWorkdir("/src/" + dir).
		WithExec([]string{"go", "vet", "./..."})
}

// lintStage fails when a file is not gofmt-formatted, go vet reports
// anything (in the application module or in the pipeline's own) or
// actionlint finds a fault in a workflow.
func lintStage(ctx context.Context, p *pipeline) (string, error) {
	unformatted, err := p.gofmtList().Stdout(ctx)
	if err != nil {
		return "", err
	}
	if files := strings.Fields(unformatted); len(files) > 0 {
		return "", fmt.Errorf("gofmt: %d file(s) not formatted: %s", len(files), strings.Join(files, " "))
	}
	for _, dir := range []string{".", "ci"} {
		if _, err := p.vet(dir).Sync(ctx); err != nil {
			return "", fmt.Errorf("go vet in %s: %w", dir, err)
		}
	}
	workflows, err := lintWorkflows(ctx, p)
	if err != nil {
		return "", err
	}
	return "gofmt clean, go vet clean (root module, ci/), " + workflows, nil
}
