package main

import (
	"context"
	"errors"
	"fmt"

	"dagger.io/dagger"
)

// golangciModule is golangci-lint v2, pinned, built from source in the
// pipeline's Go container (module proxy only: works air-gapped). Its
// configuration is the committed .golangci.yml at the repository root.
const golangciModule = "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0"

// golangci runs golangci-lint on the module in dir (relative to the
// repository root) with the root's configuration; its analysis cache is a
// cache volume, like Go's.
func (p *pipeline) golangci(dir string) *dagger.Container {
	return p.goContainer(p.source()).
		WithMountedCache("/root/.cache/golangci-lint", p.dag.CacheVolume("blogstack-golangci-lint")).
		WithExec([]string{"go", "install", golangciModule}).
		WithWorkdir("/src/" + dir).
		WithExec([]string{"golangci-lint", "run", "--config", "/src/.golangci.yml", "--color", "never", "./..."})
}

// lintGo runs golangci-lint on the application module and on ci/, both
// even when one fails, and reports every finding.
func lintGo(ctx context.Context, p *pipeline) (string, error) {
	var errs []error
	for _, dir := range []string{".", "ci"} {
		if _, err := p.golangci(dir).Sync(ctx); err != nil {
			errs = append(errs, fmt.Errorf("golangci-lint in %s: %w", dir, explain(err)))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	return "golangci-lint clean (root module, ci/)", nil
}
