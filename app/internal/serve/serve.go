// Package serve is the serve role: the HTTP server of the blog API with its
// operational endpoints (/healthz, /readyz, /metrics), started by
// `blogstack serve`.
//
// Tests build a Server with New on their own pool, may add routes to App(),
// and run it with Serve on a 127.0.0.1:0 listener; Run is what main calls.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync/atomic"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/blog/blogapi"
	"github.com/blogstack/blogstack/app/internal/migrate"
	"github.com/blogstack/blogstack/app/internal/platform/obs"
	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Server is the configured HTTP server.
type Server struct {
	cfg      Config
	pool     *pgxpool.Pool
	log      *slog.Logger
	app      *fiber.App
	counts   *blog.CountCache // kept in step by the watcher Serve runs
	draining atomic.Bool      // set on shutdown so /readyz turns away new traffic
}

// New builds the server on pool; it does not listen yet.
func New(cfg Config, pool *pgxpool.Pool, log *slog.Logger) *Server {
	reg := obs.NewRegistry()
	reg.MustRegister(pg.NewPoolCollector(pool))
	s := &Server{cfg: cfg, pool: pool, log: log, counts: blog.NewCountCache()}
	reg.MustRegister(newCountsCollector(s.counts))
	s.app = web.New(cfg.HTTP, log, web.NewMetrics(reg), blogapi.MapError)
	s.app.Get("/healthz", s.healthz)
	s.app.Get("/readyz", s.readyz)
	s.app.Get("/metrics", adaptor.HTTPHandler(promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})))
	blogapi.New(blogapi.Options{DB: pool, Tokens: cfg.Tokens, TrustProxy: cfg.HTTP.TrustProxy, Counts: s.counts}).Register(s.app)
	return s
}

// App exposes the Fiber app, so tests can add routes before Serve.
func (s *Server) App() *fiber.App { return s.app }

// watcherAppName is the application_name of the count cache's change
// watcher connection, to find it in pg_stat_activity.
const watcherAppName = "blogstack-change-watcher"

// Serve answers requests on ln until ctx is done, then stops accepting,
// drains in-flight requests for up to the shutdown timeout and returns.
// Meanwhile a watcher on its own connection keeps the list count cache in
// step with writes made by other replicas and roles; lists count in SQL
// whenever it is not polling.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	wctx, stopWatcher := context.WithCancel(ctx)
	watcherDone := make(chan error, 1)
	go func() {
		watcherDone <- pg.Watch(wctx, s.counts.WatchConfig(pg.DedicatedConn(s.pool, watcherAppName), s.log))
	}()
	defer func() {
		stopWatcher()
		if err := <-watcherDone; err != nil {
			s.log.Error("change watcher", "err", err)
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- s.app.Listener(ln) }()
	s.log.Info("listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	if err := s.app.ShutdownWithTimeout(s.cfg.ShutdownTimeout); err != nil {
		return fmt.Errorf("serve: drain within %s: %w", s.cfg.ShutdownTimeout, err)
	}
	if err := <-errc; err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// Run is the serve role: connect, check the schema, listen on the
// configured address until ctx is done, close the pool.
func Run(ctx context.Context, cfg Config, log *slog.Logger) error {
	pool, err := pg.Open(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := migrate.Check(ctx, pool); err != nil {
		if errors.Is(err, migrate.ErrBehind) {
			return fmt.Errorf("serve: refusing to start: %w", err)
		}
		return fmt.Errorf("serve: check schema: %w", err)
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", cfg.HTTP.Addr, err)
	}
	return New(cfg, pool, log).Serve(ctx, ln)
}
