package migrate

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/blogstack/blogstack/app/internal/platform/config"
	"github.com/blogstack/blogstack/app/internal/platform/obs"
	"github.com/blogstack/blogstack/app/internal/platform/pg"
)

// Config is the migrate role's configuration.
type Config struct {
	DB  pg.Config
	Log obs.LogConfig
}

// LoadConfig reads the migrate role's variables; see README "Configuration".
func LoadConfig(src config.Source) (Config, error) {
	r := config.NewReader(src)
	cfg := Config{DB: pg.LoadConfig(r), Log: obs.LoadLogConfig(r)}
	return cfg, r.Err()
}

// LogValue prints the configuration with secrets masked.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.Any("db", c.DB), slog.String("log_level", c.Log.Level.String()))
}

// Run is the migrate role: wait for the database, apply what is missing,
// report the resulting version.
func Run(ctx context.Context, cfg Config, log *slog.Logger) error {
	pool, err := pg.Open(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer pool.Close()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: acquire connection: %w", err)
	}
	defer conn.Release()
	n, err := Apply(ctx, conn.Conn(), log)
	if err != nil {
		return err
	}
	log.Info("schema up to date", "version", Latest(), "applied", n)
	return nil
}
