// Package obs sets up the process's observability: JSON structured logs with
// log/slog and a Prometheus registry with the Go runtime and process
// collectors. It is a leaf: roles build one Logger and one Registry in main
// and pass them down, so tests can use their own.
package obs

import (
	"fmt"
	"github.com/blogstack/blogstack/app/internal/buildinfo"
	"io"
	"log/slog"
	"strings"

	"github.com/blogstack/blogstack/app/internal/platform/config"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// LogConfig is the logging part of every role's configuration.
type LogConfig struct {
	// Level is the minimum level written; "warn" silences the per-request
	// access log, which is written at info.
	Level slog.Level
}

// LoadLogConfig reads LOG_LEVEL (debug, info, warn or error; default info).
func LoadLogConfig(r *config.Reader) LogConfig {
	raw := r.String("LOG_LEVEL", "info")
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(strings.ToUpper(raw))); err != nil {
		r.Fail("LOG_LEVEL", fmt.Errorf("must be debug, info, warn or error, got %q", raw))
	}
	return LogConfig{Level: lvl}
}

// NewLogger returns a JSON logger writing to w at cfg.Level.
func NewLogger(w io.Writer, cfg LogConfig) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: cfg.Level}))
}

// NewRegistry returns a registry with the Go runtime and process collectors,
// the baseline every /metrics endpoint of the project exposes.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	b := buildinfo.Get()
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "blogstack_build_info",
		Help: "Always 1; the labels say which build is running (for dashboards and deploy checks).",
	}, []string{"version", "commit", "go_version"})
	build.WithLabelValues(b.Version, b.Commit, b.GoVersion).Set(1)
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		build,
	)
	return reg
}
