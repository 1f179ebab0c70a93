# blogstack: one small, non-root image for every role of the binary
# (serve, migrate, healthcheck, and the later workers), chosen by `command:`.
#
#   docker build --build-arg VERSION=v1.0.0 --build-arg COMMIT=$(git rev-parse --short HEAD) \
#                --build-arg DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) -t blogstack .
#
# No "# syntax=" line on purpose: air-gapped builders cannot pull a frontend
# image, and the engine's built-in frontend supports everything used here.

FROM golang:1.26-trixie AS build
WORKDIR /src
# Modules first: this layer only changes with go.mod/go.sum. Only the
# modules the binary imports are fetched (not test-only ones).
COPY go.mod go.sum ./
COPY app ./app
ARG VERSION=dev
ARG COMMIT=unknown
ARG DATE=unknown
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath \
      -ldflags "-s -w \
        -X github.com/blogstack/blogstack/app/internal/buildinfo.version=${VERSION} \
        -X github.com/blogstack/blogstack/app/internal/buildinfo.commit=${COMMIT} \
        -X github.com/blogstack/blogstack/app/internal/buildinfo.date=${DATE}" \
      -o /out/blogstack ./app/cmd/blogstack

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=dev
ARG COMMIT=unknown
ARG DATE=unknown
LABEL org.opencontainers.image.title="blogstack" \
      org.opencontainers.image.description="Blog REST API (Go, Fiber, pgx) with the publish saga and notification workers" \
      org.opencontainers.image.source="https://github.com/blogstack/blogstack" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${COMMIT}" \
      org.opencontainers.image.created="${DATE}"
COPY --from=build /out/blogstack /blogstack
USER 65532:65532
EXPOSE 8000
# distroless has no shell or curl: the binary probes its own /healthz.
# Liveness on purpose: it needs no database, so wherever health triggers a
# replacement (Swarm, orchestrators reading it) a database outage cannot cause
# a restart loop. docker-compose.yml sets HEALTHCHECK_PATH=/readyz for the
# api, so there health means ready (database included) and gates `up --wait`.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 CMD ["/blogstack", "healthcheck"]
ENTRYPOINT ["/blogstack"]
CMD ["serve"]
