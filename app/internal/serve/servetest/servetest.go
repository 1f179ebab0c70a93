// Package servetest runs the real blog server for tests of other packages
// (the contract, OpenAPI and browser tests), so they all drive exactly what
// `blogstack serve` runs: serve.New over a pgtest database, on a loopback
// listener, stopped and checked when the test ends.
package servetest

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/pgtest"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/blogstack/blogstack/app/internal/serve"
)

// Config is a serve configuration fit for tests: loopback, small limits,
// short timeouts, and the given bearer tokens.
func Config(tokens ...string) serve.Config {
	return serve.Config{
		HTTP: web.Config{Addr: "127.0.0.1:0", BodyLimit: 64 << 10,
			ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second, IdleTimeout: 5 * time.Second},
		Tokens:          tokens,
		ShutdownTimeout: 5 * time.Second,
		ReadyTimeout:    time.Second,
	}
}

// Server is a running test server.
type Server struct {
	*serve.Server
	// Base is the server's root URL, e.g. http://127.0.0.1:41234.
	Base string

	stop   context.CancelFunc
	done   chan error
	once   sync.Once
	result error
}

// ErrStillServing is Wait's answer when Serve has not returned in time.
var ErrStillServing = errors.New("servetest: Serve has not returned")

// Stop begins a graceful shutdown, as SIGTERM does in main, without
// waiting for it: in-flight requests are drained.
func (s *Server) Stop() { s.stop() }

// Wait waits at most timeout for Serve to return and returns its error, or
// ErrStillServing. Once Serve has returned, every call returns its result.
func (s *Server) Wait(timeout time.Duration) error {
	select {
	case err := <-s.done:
		s.once.Do(func() { s.result = err; close(s.done) })
		return s.result
	case <-time.After(timeout):
		return ErrStillServing
	}
}

// Start serves cfg over db until the test ends; log may be nil to discard
// the server's logs. prepare runs before the server listens (to add routes).
// At cleanup the server is stopped as SIGTERM would stop it, and an error
// from Serve, or a Serve that does not return, fails the test.
func Start(t testing.TB, db *pgtest.DB, cfg serve.Config, log *slog.Logger, prepare ...func(*serve.Server)) *Server {
	t.Helper()
	if log == nil {
		log = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	srv := serve.New(cfg, db.Pool, log)
	for _, p := range prepare {
		p(srv)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{Server: srv, Base: "http://" + ln.Addr().String(), stop: cancel, done: make(chan error, 1)}
	go func() { s.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		s.Stop()
		if err := s.Wait(cfg.ShutdownTimeout + 5*time.Second); err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return s
}
