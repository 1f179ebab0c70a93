//go:build tools

// Package tools pins the Docker CLI plugins the air-gapped machines lack:
// Compose v2+ (docker compose) and Buildx (BuildKit builds with cache
// mounts). seed-images builds them from this module so that their versions
// are recorded in go.mod and go.sum like any other dependency.
package tools

import (
	_ "github.com/docker/buildx/cmd/buildx"
	_ "github.com/docker/compose/v5/cmd"
)
