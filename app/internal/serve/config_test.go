package serve_test

import (
	"strings"
	"testing"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/config"
	"github.com/blogstack/blogstack/app/internal/serve"
)

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	cfg, err := serve.LoadConfig(config.Map(map[string]string{
		"DATABASE_URL": "postgres://u:pw@db/blog",
		"API_TOKENS":   "0123456789abcdef, fedcba9876543210",
		"LOG_LEVEL":    "warn",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTP.Addr != ":8000" || cfg.HTTP.BodyLimit != 1<<20 || len(cfg.Tokens) != 2 || cfg.ShutdownTimeout != 10*time.Second || cfg.Log.Level.String() != "WARN" {
		t.Fatalf("defaults/values wrong: %+v", cfg)
	}

	_, err = serve.LoadConfig(config.Map(map[string]string{"DATABASE_URL": "postgres://u:pw@db/blog", "API_TOKENS": "short", "LOG_LEVEL": "loud"}))
	if err == nil || !strings.Contains(err.Error(), "API_TOKENS") || !strings.Contains(err.Error(), "LOG_LEVEL") {
		t.Fatalf("bad values: %v", err)
	}
	_, err = serve.LoadConfig(config.Map(nil))
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL is required") || !strings.Contains(err.Error(), "API_TOKENS is required") {
		t.Fatalf("missing values: %v", err)
	}
}
