package serve

import (
	"errors"
	"log/slog"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/config"
	"github.com/blogstack/blogstack/app/internal/platform/obs"
	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/blogstack/blogstack/app/internal/platform/web"
)

// minTokenLength keeps guessable tokens out of production.
const minTokenLength = 16

// Config is the serve role's configuration.
type Config struct {
	HTTP web.Config
	DB   pg.Config
	Log  obs.LogConfig
	// Tokens are the bearer tokens accepted for writes (API_TOKENS).
	Tokens []string
	// ShutdownTimeout bounds the drain of in-flight requests on SIGTERM.
	ShutdownTimeout time.Duration
	// ReadyTimeout bounds the database ping of /readyz.
	ReadyTimeout time.Duration
}

// LoadConfig reads the serve role's variables; see README "Configuration".
func LoadConfig(src config.Source) (Config, error) {
	r := config.NewReader(src)
	cfg := Config{
		HTTP:            web.LoadConfig(r),
		DB:              pg.LoadConfig(r),
		Log:             obs.LoadLogConfig(r),
		Tokens:          r.List("API_TOKENS"),
		ShutdownTimeout: r.Duration("SHUTDOWN_TIMEOUT", 10*time.Second),
		ReadyTimeout:    r.Duration("READY_TIMEOUT", 2*time.Second),
	}
	if len(cfg.Tokens) == 0 {
		r.Fail("API_TOKENS", errors.New("is required: a comma-separated list of bearer tokens for writes"))
	}
	for _, t := range cfg.Tokens {
		if len(t) < minTokenLength {
			r.Fail("API_TOKENS", errors.New("has a token shorter than 16 characters"))
			break
		}
	}
	return cfg, r.Err()
}

// LogValue prints the configuration; tokens are counted, never shown.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("http", c.HTTP),
		slog.Any("db", c.DB),
		slog.String("log_level", c.Log.Level.String()),
		slog.Int("api_tokens", len(c.Tokens)),
		slog.Duration("shutdown_timeout", c.ShutdownTimeout),
		slog.Duration("ready_timeout", c.ReadyTimeout),
	)
}
