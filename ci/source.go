package main

import "dagger.io/dagger"

// goImage is the builder image, the same as the Dockerfile's build stage
// (and listed in deploy/airgap/images.list, so the air-gapped engine has it).
const goImage = "golang:1.26-trixie"

// source is the repository as the checks see it: everything but VCS data,
// artefacts and local caches.
func (p *pipeline) source() *dagger.Directory {
	return p.dag.Host().Directory(".", dagger.HostDirectoryOpts{
		Exclude: []string{".git", ".env", "bin/", "dist/", "test-artifacts/", "deploy/airgap/.cache/", "**/*.test"},
	})
}

// imageContext is what `docker build .` sends once .dockerignore has
// filtered it: the Dockerfile, go.mod, go.sum and app/ without tests. Keeping
// it this small keeps the upload and the build's cache key independent of
// the rest of the repository.
func (p *pipeline) imageContext() *dagger.Directory {
	return p.dag.Host().Directory(".", dagger.HostDirectoryOpts{
		Include: []string{"Dockerfile", ".dockerignore", "go.mod", "go.sum", "app/"},
		Exclude: []string{"app/**/*_test.go", "app/**/testdata/"},
	})
}

// goContainer is the Go toolchain with the source at /src and the module and
// build caches as cache volumes, which outlive runs on the same engine.
// GOWORK=off: the root module is checked on its own, as the image builds it
// (go.work only joins ci/ for `go run ./ci`).
func (p *pipeline) goContainer(src *dagger.Directory) *dagger.Container {
	return p.dag.Container().From(goImage).
		WithMountedCache("/go/pkg/mod", p.dag.CacheVolume("blogstack-go-mod")).
		WithMountedCache("/root/.cache/go-build", p.dag.CacheVolume("blogstack-go-build")).
		WithEnvVariable("GOWORK", "off").
		WithDirectory("/src", src).
		WithWorkdir("/src")
}
