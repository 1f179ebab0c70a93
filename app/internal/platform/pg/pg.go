// Package pg opens and observes the PostgreSQL connection pool (pgx v5).
//
// It is a platform leaf: it knows nothing of posts or comments. Domains write
// their queries against DBTX, which both *pgxpool.Pool and pgx.Tx satisfy,
// so a business write and, later, its outbox row can share one transaction.
package pg

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/config"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DBTX is what a store needs to run SQL: a pool, a connection or a
// transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// Config says how to reach PostgreSQL.
type Config struct {
	URL            string        // DATABASE_URL, postgres://user:pass@host:5432/db
	MaxConns       int32         // DB_MAX_CONNS
	ConnectTimeout time.Duration // DB_CONNECT_TIMEOUT: how long Open keeps retrying
}

// LoadConfig reads DATABASE_URL (required), DB_MAX_CONNS (default 8) and
// DB_CONNECT_TIMEOUT (default 30s).
func LoadConfig(r *config.Reader) Config {
	return Config{
		URL:            r.URL("DATABASE_URL", "postgres", "postgresql"),
		MaxConns:       int32(r.Int("DB_MAX_CONNS", 8, 1, 1000)), //nolint:gosec // r.Int bounds it to 1..1000: no overflow
		ConnectTimeout: r.Duration("DB_CONNECT_TIMEOUT", 30*time.Second),
	}
}

// LogValue prints the configuration with the password masked.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("url", config.MaskURL(c.URL)),
		slog.Int("max_conns", int(c.MaxConns)),
		slog.Duration("connect_timeout", c.ConnectTimeout),
	)
}

// Open creates a pool and waits until PostgreSQL answers, retrying for up to
// cfg.ConnectTimeout: in a container stack the database often starts after
// the application, and failing at once would only make the orchestrator
// restart us in a loop.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*pgxpool.Pool, error) {
	pcfg, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		// pgx's parse errors can quote the URL with its password.
		return nil, errors.New("pg: DATABASE_URL cannot be parsed")
	}
	if cfg.MaxConns > 0 {
		pcfg.MaxConns = cfg.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("pg: create pool: %w", err)
	}
	if err := waitReady(ctx, pool, cfg.ConnectTimeout, log); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}

func waitReady(ctx context.Context, pool *pgxpool.Pool, timeout time.Duration, log *slog.Logger) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	delay := 100 * time.Millisecond
	for {
		err := pool.Ping(ctx)
		if err == nil {
			return nil
		}
		log.Warn("database not ready yet", "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("pg: database not reachable within %s: %w", timeout, err)
		case <-time.After(delay):
		}
		delay = min(delay*2, 2*time.Second)
	}
}

// hasCode lets stores map constraint failures to domain errors by SQLSTATE,
// never by message text.
func hasCode(err error, code string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == code
}

// IsForeignKeyViolation reports whether err is PostgreSQL's 23503.
func IsForeignKeyViolation(err error) bool { return hasCode(err, "23503") }
