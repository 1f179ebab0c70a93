package serve_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blogstack/blogstack/app/internal/migrate"
	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/blogstack/blogstack/app/internal/platform/pgtest"
	"github.com/blogstack/blogstack/app/internal/serve"
	"github.com/gofiber/fiber/v2"
)

func TestHealthReadyMetrics(t *testing.T) {
	t.Parallel()
	b := setup(t)
	expect(t, b.do("GET", "/healthz", ""), http.StatusOK, map[string]any{"status": "ok"})
	expect(t, b.do("GET", "/readyz", ""), http.StatusOK, nil)
	b.do("GET", "/posts/1/", "")
	// Fiber's method strings alias reused buffers; kept as labels they once
	// turned into garbage and broke every later scrape.
	for _, m := range []string{"TRACE", "PATCH", "OPTIONS", "DELETE"} {
		b.do(m, "/posts/", "")
	}

	m := b.do("GET", "/metrics", "")
	expect(t, m, http.StatusOK, nil)
	for _, want := range []string{
		`blogstack_http_requests_total{code="404",method="GET",route="/posts/:id"} 1`,
		`blogstack_http_request_duration_seconds_bucket{method="GET",route="/posts/:id"`,
		`blogstack_db_pool_max_conns`,
		`go_goroutines`,
		`blogstack_build_info{commit="unknown",go_version="go`,
	} {
		if !strings.Contains(string(m.body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	b.db.Drop(t)
	r := b.do("GET", "/readyz", "")
	expect(t, r, http.StatusServiceUnavailable, nil)
	if comps := r.obj(t)["components"].(map[string]any); comps["database"] != "unreachable" {
		t.Fatalf("readyz components = %v, want database unreachable", comps)
	}
	expect(t, b.do("GET", "/healthz", ""), http.StatusOK, nil)
}

func TestPanicIsPlain500(t *testing.T) {
	t.Parallel()
	b := setup(t, func(s *serve.Server) {
		s.App().Get("/test/panic", func(*fiber.Ctx) error { panic("secret internals") })
	})
	r := b.do("GET", "/test/panic", "")
	expect(t, r, http.StatusInternalServerError, map[string]any{"detail": "A server error occurred."})
	if strings.Contains(string(r.body), "secret") || r.header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("500 leaks internals or lacks headers: %s %v", r.body, r.header)
	}
	if !strings.Contains(b.logs.String(), "secret internals") {
		t.Fatal("the panic was not logged")
	}
	expect(t, b.do("GET", "/healthz", ""), http.StatusOK, nil) // still serving
}

func TestGracefulShutdownDrains(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	b := setup(t, func(s *serve.Server) {
		s.App().Get("/test/slow", func(c *fiber.Ctx) error {
			close(started)
			time.Sleep(500 * time.Millisecond)
			return c.SendString("done")
		})
	})
	got := make(chan response, 1)
	go func() { got <- b.do("GET", "/test/slow", "") }()
	<-started
	b.srv.Stop()
	r := <-got
	if r.status != http.StatusOK || string(r.body) != "done" {
		t.Fatalf("in-flight request during shutdown: %d %q", r.status, r.body)
	}
	if err := b.srv.Wait(5 * time.Second); err != nil {
		t.Fatalf("Serve after draining: %v", err)
	}
	if resp, err := http.Get(b.base + "/healthz"); err == nil {
		resp.Body.Close()
		t.Fatal("server still accepts connections after shutdown")
	}
}

func TestConcurrentPatchesKeepEveryField(t *testing.T) {
	t.Parallel()
	b := setup(t)
	const rounds = 20
	for i := 0; i < rounds; i++ {
		p := b.createPost("t", "c", "a")
		path := fmt.Sprintf("/posts/%v/", p["id"])
		var wg sync.WaitGroup
		for field, value := range map[string]string{"title": "T", "content": "C", "author": "A"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if r := b.write("PATCH", path, fmt.Sprintf(`{%q:%q}`, field, value)); r.status != http.StatusOK {
					t.Errorf("PATCH %s: %d %s", field, r.status, r.body)
				}
			}()
		}
		wg.Wait()
		o := b.do("GET", path, "").obj(t)
		if o["title"] != "T" || o["content"] != "C" || o["author"] != "A" {
			t.Fatalf("round %d lost an update: %v", i, o)
		}
	}
}

func TestRunRefusesSchemaBehind(t *testing.T) {
	t.Parallel()
	db := pgtest.NewEmpty(t)
	cfg := testConfig()
	cfg.DB = pg.Config{URL: db.URL, MaxConns: 2, ConnectTimeout: 5 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := serve.Run(ctx, cfg, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	if !errors.Is(err, migrate.ErrBehind) || !strings.Contains(err.Error(), "blogstack migrate") {
		t.Fatalf("Run on an unmigrated database = %v, want ErrBehind telling to run blogstack migrate", err)
	}
}
