package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

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

// lintFormatAndVet fails when a file is not gofmt-formatted or go vet
// reports anything, in the application module or in the pipeline's own.
func lintFormatAndVet(ctx context.Context, p *pipeline) (string, error) {
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
	return "gofmt clean, go vet clean (root module, ci/)", nil
}

// lintChecks are the lint stage's checks. They are independent and run in
// parallel; each verdict is reported, so one failure does not hide another.
var lintChecks = []func(context.Context, *pipeline) (string, error){
	lintFormatAndVet,
	lintGo,
	lintWorkflows,
}

// lintStage runs every lint check and fails when any of them does, with
// all their errors (each explained: a failed exec shows its output).
func lintStage(ctx context.Context, p *pipeline) (string, error) {
	figures := make([]string, len(lintChecks))
	errs := make([]error, len(lintChecks))
	var wg sync.WaitGroup
	for i, check := range lintChecks {
		wg.Go(func() {
			figures[i], errs[i] = check(ctx, p)
			if errs[i] != nil {
				errs[i] = explain(errs[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	return strings.Join(figures, ", "), nil
}
