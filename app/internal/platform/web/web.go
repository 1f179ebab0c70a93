// Package web is the HTTP platform under every API of the project: it builds
// the Fiber app with its limits and timeouts, the middleware chain (request
// id, access log and metrics, panic recovery, security headers), bearer-token
// authentication, and the one error handler that turns every error into a
// DRF-shaped response.
//
// It is a leaf: domains plug their error sentinels in through ErrorMapper
// functions, and their HTML rendering through a per-request Responder, so web
// never imports a domain or a template.
package web

import (
	"encoding/json"
	"log/slog"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/config"
	"github.com/gofiber/fiber/v2"
)

// Config holds the HTTP server's settings.
type Config struct {
	Addr         string        // HTTP_ADDR
	BodyLimit    int64         // BODY_LIMIT, bytes
	ReadTimeout  time.Duration // HTTP_READ_TIMEOUT
	WriteTimeout time.Duration // HTTP_WRITE_TIMEOUT
	IdleTimeout  time.Duration // HTTP_IDLE_TIMEOUT
	// TrustProxy makes absolute URLs follow X-Forwarded-Proto and
	// X-Forwarded-Host; enable it only behind a proxy that sets them.
	TrustProxy bool // TRUST_PROXY
}

// LoadConfig reads the HTTP variables; defaults suit a container behind a
// load balancer.
func LoadConfig(r *config.Reader) Config {
	return Config{
		Addr:         r.Addr("HTTP_ADDR", ":8000"),
		BodyLimit:    r.Bytes("BODY_LIMIT", 1<<20),
		ReadTimeout:  r.Duration("HTTP_READ_TIMEOUT", 10*time.Second),
		WriteTimeout: r.Duration("HTTP_WRITE_TIMEOUT", 10*time.Second),
		IdleTimeout:  r.Duration("HTTP_IDLE_TIMEOUT", 60*time.Second),
		TrustProxy:   r.Bool("TRUST_PROXY", false),
	}
}

// LogValue prints the configuration.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("addr", c.Addr),
		slog.Int64("body_limit", c.BodyLimit),
		slog.Duration("read_timeout", c.ReadTimeout),
		slog.Duration("write_timeout", c.WriteTimeout),
		slog.Duration("idle_timeout", c.IdleTimeout),
		slog.Bool("trust_proxy", c.TrustProxy),
	)
}

// New returns a Fiber app with the project's middleware chain installed;
// register routes on it afterwards. mappers translate domain errors (see
// ErrorMapper). metrics may be nil in tests that do not scrape.
func New(cfg Config, log *slog.Logger, metrics *Metrics, mappers ...ErrorMapper) *fiber.App {
	eh := &errorHandler{log: log, mappers: mappers}
	app := fiber.New(fiber.Config{
		DisableStartupMessage: true,
		ErrorHandler:          eh.handle,
		BodyLimit:             int(cfg.BodyLimit),
		ReadTimeout:           cfg.ReadTimeout,
		WriteTimeout:          cfg.WriteTimeout,
		IdleTimeout:           cfg.IdleTimeout,
		// A list page is ~5 KB: with fasthttp's default 4 KB buffer it left
		// in two write(2)s, a system call per request that measurably cost
		// list throughput on 2 cores (bench/api/README.md).
		WriteBufferSize: 16 << 10,
		CaseSensitive:   true,
		JSONEncoder:     json.Marshal,
		JSONDecoder:     json.Unmarshal,
	})
	app.Use(
		requestID(newIDSource()),
		observe(log, metrics),
		recoverPanics(log),
		securityHeaders,
	)
	return app
}
