// Package healthcheck is the healthcheck role: `blogstack healthcheck`
// probes the local server's /healthz (or the path in HEALTHCHECK_PATH, such
// as /readyz) and exits 0 or 1, for a container HEALTHCHECK in an image that
// has no curl.
package healthcheck

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/config"
)

// Config is the healthcheck role's configuration.
type Config struct {
	URL     string        // derived from HTTP_ADDR and HEALTHCHECK_PATH
	Timeout time.Duration // HEALTHCHECK_TIMEOUT
}

// LoadConfig derives the probe URL from HTTP_ADDR, the variable the server
// listens on, so the two cannot disagree; a wildcard host means loopback.
//
// HEALTHCHECK_PATH picks what is probed: /healthz (liveness, the default)
// answers as long as the process does, which suits a check that gets the
// container restarted; /readyz also needs the database, which suits a check
// that should report an outage (compose's api service, `up --wait`).
func LoadConfig(src config.Source) (Config, error) {
	r := config.NewReader(src)
	addr := r.Addr("HTTP_ADDR", ":8000")
	timeout := r.Duration("HEALTHCHECK_TIMEOUT", 3*time.Second)
	path := r.String("HEALTHCHECK_PATH", "/healthz")
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " ?#") {
		r.Fail("HEALTHCHECK_PATH", errors.New(`must be a URL path such as "/readyz"`))
	}
	if err := r.Err(); err != nil {
		return Config{}, err
	}
	host, port, _ := net.SplitHostPort(addr) // validated by Addr
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return Config{URL: "http://" + net.JoinHostPort(host, port) + path, Timeout: timeout}, nil
}

// LogValue prints the configuration.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("url", c.URL), slog.Duration("timeout", c.Timeout))
}

// Run probes cfg.URL once; nil means healthy.
func Run(ctx context.Context, cfg Config, _ *slog.Logger) error {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, cfg.URL, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %d", cfg.URL, resp.StatusCode)
	}
	return nil
}
