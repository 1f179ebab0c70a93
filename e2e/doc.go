// Package e2e is the end-to-end test of the production stack: it builds the
// image from the repository's Dockerfile, checks it (non-root, no shell,
// size, OCI labels), brings the repository's docker-compose.yml up as its
// own Compose project, and checks what users and operators rely on: the
// HTTP contract on 127.0.0.1, data surviving restarts and re-creation,
// readiness and container health following a database outage and recovering
// without a restart, and a graceful drain on SIGTERM under load.
//
// The tests carry the e2e build tag, so `go test ./...` does not run them:
//
//	go test -tags e2e -count=1 -timeout 20m ./e2e/...
//
// They need the docker CLI with the compose plugin (v2+) and a reachable
// engine, whose published ports are reached at 127.0.0.1, and port 8000 free
// there (BLOGSTACK_E2E_PORT picks another). They fail, never skip, when any
// of that is missing. Each run is its own project (blogstack-e2e-<random>)
// with generated secrets in a temporary env file, so the repository's .env
// is neither needed nor touched; `docker compose down -v` always runs at
// the end, after the logs are printed when something failed.
package e2e
