//go:build tools

// Package tools pins the container registry (CNCF distribution, the
// reference implementation behind Docker Hub's registry:3 image) that
// dagger-engine runs on 127.0.0.1:5000 to hold the air-gapped stand-in
// images. It is a module of its own so that the Dagger tools module's
// OpenTelemetry replace lines cannot change what it builds against.
package tools

import _ "github.com/distribution/distribution/v3/cmd/registry"
