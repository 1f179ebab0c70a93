package healthcheck

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/config"
)

func TestLoadConfigDerivesTheURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"defaults probe liveness on loopback", nil, "http://127.0.0.1:8000/healthz"},
		{"wildcard host means loopback", map[string]string{"HTTP_ADDR": "0.0.0.0:9000"}, "http://127.0.0.1:9000/healthz"},
		{"explicit host is kept", map[string]string{"HTTP_ADDR": "10.0.0.5:8000"}, "http://10.0.0.5:8000/healthz"},
		{"readiness path", map[string]string{"HEALTHCHECK_PATH": "/readyz"}, "http://127.0.0.1:8000/readyz"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := LoadConfig(config.Map(tc.env))
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			if cfg.URL != tc.want {
				t.Errorf("URL = %q, want %q", cfg.URL, tc.want)
			}
		})
	}
}

func TestLoadConfigRejectsABadPath(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"readyz", "http://evil/readyz", "/readyz?x=1", "/a b"} {
		if _, err := LoadConfig(config.Map(map[string]string{"HEALTHCHECK_PATH": path})); err == nil {
			t.Errorf("HEALTHCHECK_PATH=%q: no error", path)
		}
	}
}

// TestRunProbesTheConfiguredPath checks the probe hits HEALTHCHECK_PATH and
// fails on a non-200, as /readyz answers 503 when the database is down.
func TestRunProbesTheConfiguredPath(t *testing.T) {
	t.Parallel()
	ready := make(chan bool, 1)
	ready <- false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz":
			w.WriteHeader(http.StatusOK)
		case "/readyz":
			ok := <-ready
			ready <- ok
			if !ok {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			w.WriteHeader(http.StatusOK)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	load := func(path string) Config {
		t.Helper()
		cfg, err := LoadConfig(config.Map(map[string]string{
			"HTTP_ADDR": "127.0.0.1:" + port, "HEALTHCHECK_PATH": path, "HEALTHCHECK_TIMEOUT": "2s",
		}))
		if err != nil {
			t.Fatalf("LoadConfig: %v", err)
		}
		return cfg
	}
	ctx := context.Background()
	if err := Run(ctx, load("/healthz"), nil); err != nil {
		t.Errorf("liveness probe: %v", err)
	}
	if err := Run(ctx, load("/readyz"), nil); err == nil {
		t.Error("readiness probe passed while /readyz answers 503")
	}
	<-ready
	ready <- true
	if err := Run(ctx, load("/readyz"), nil); err != nil {
		t.Errorf("readiness probe once ready: %v", err)
	}
}

// TestRunTimesOut checks a hung server fails the probe within the timeout
// instead of hanging the container's health check.
func TestRunTimesOut(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	t.Cleanup(func() { close(release); srv.Close() })
	start := time.Now()
	err := Run(context.Background(), Config{URL: srv.URL + "/healthz", Timeout: 200 * time.Millisecond}, nil)
	if err == nil {
		t.Fatal("probe of a hung server passed")
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("probe took %s, want about the 200ms timeout", took)
	}
}
