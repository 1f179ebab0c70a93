// Package migrate applies the database schema: numbered .sql files embedded
// in the binary, applied in order, each in its own transaction together with
// the row that records it.
//
// Only the migrate role changes the schema; serve merely checks it with
// Check and refuses to start when it is behind, so a rolling deploy never has
// several servers racing to alter tables. Two migrate processes may still run
// at once (two replicas' init jobs): a PostgreSQL advisory lock serialises
// them and the second finds nothing left to do.
package migrate

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

//go:embed sql/*.sql
var files embed.FS

// lockKey identifies the advisory lock taken while migrating: the bytes of
// "blogstk" so it is recognisable in pg_locks.
const lockKey int64 = 0x626c6f6773746b

const (
	createTableSQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)`
	tableExistsSQL = `SELECT to_regclass('schema_migrations') IS NOT NULL`
	versionSQL     = `SELECT coalesce(max(version), 0) FROM schema_migrations`
	recordSQL      = `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`
	lockSQL        = `SELECT pg_advisory_lock($1)`
	unlockSQL      = `SELECT pg_advisory_unlock($1)`
)

// ErrBehind is returned by Check when the database lacks migrations this
// binary needs.
var ErrBehind = errors.New("database schema is behind")

// Migration is one embedded schema change.
type Migration struct {
	Version int    // from the file name's numeric prefix, 1-based, no gaps
	Name    string // file name, e.g. "0001_posts.sql"
	SQL     string
}

// All returns the embedded migrations in version order. It fails when a file
// name lacks a numeric prefix or versions have gaps, which a test guards.
func All() ([]Migration, error) {
	entries, err := fs.ReadDir(files, "sql")
	if err != nil {
		return nil, fmt.Errorf("migrate: read embedded files: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(prefix)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migrate: file %q must be named NNNN_description.sql", e.Name())
		}
		body, err := files.ReadFile(path.Join("sql", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("migrate: read %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrate: versions must be 1..n without gaps, %s is number %d", m.Name, i+1)
		}
	}
	return out, nil
}

// Latest is the schema version this binary expects.
func Latest() int {
	all, err := All()
	if err != nil {
		return -1 // All's own test keeps this unreachable
	}
	return len(all)
}

// Version returns the database's schema version, 0 when never migrated.
func Version(ctx context.Context, db pg.DBTX) (int, error) {
	var exists bool
	if err := db.QueryRow(ctx, tableExistsSQL).Scan(&exists); err != nil {
		return 0, fmt.Errorf("migrate: look for schema_migrations: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v int
	if err := db.QueryRow(ctx, versionSQL).Scan(&v); err != nil {
		return 0, fmt.Errorf("migrate: read schema version: %w", err)
	}
	return v, nil
}

// Check returns an error wrapping ErrBehind when the database is older than
// this binary. A newer database is accepted: during a rollback the previous
// binary must keep serving, which is why migrations only ever add.
func Check(ctx context.Context, db pg.DBTX) error {
	v, err := Version(ctx, db)
	if err != nil {
		return err
	}
	if want := Latest(); v < want {
		return fmt.Errorf("%w: it is at version %d and this binary needs %d; run `blogstack migrate` first", ErrBehind, v, want)
	}
	return nil
}

// Apply brings the database up to Latest and returns how many migrations it
// ran. It holds a session advisory lock on conn for the whole run, which is
// why it takes a single connection rather than a pool.
func Apply(ctx context.Context, conn *pgx.Conn, log *slog.Logger) (int, error) {
	all, err := All()
	if err != nil {
		return 0, err
	}
	if _, err := conn.Exec(ctx, lockSQL, lockKey); err != nil {
		return 0, fmt.Errorf("migrate: take advisory lock: %w", err)
	}
	defer func() {
		// A fresh context: the lock must go even when ctx was cancelled, and
		// it dies with the session anyway if this fails.
		_, _ = conn.Exec(context.WithoutCancel(ctx), unlockSQL, lockKey)
	}()
	if _, err := conn.Exec(ctx, createTableSQL); err != nil {
		return 0, fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	current, err := Version(ctx, conn)
	if err != nil {
		return 0, err
	}
	applied := 0
	for _, m := range all[min(current, len(all)):] {
		if err := applyOne(ctx, conn, m); err != nil {
			return applied, err
		}
		applied++
		log.Info("migration applied", "version", m.Version, "name", m.Name)
	}
	return applied, nil
}

func applyOne(ctx context.Context, conn *pgx.Conn, m Migration) error {
	err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		// Simple protocol: a file holds several statements and no parameters.
		if _, err := tx.Exec(ctx, m.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, recordSQL, m.Version, m.Name)
		return err
	})
	if err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) {
			return fmt.Errorf("migrate: %s: %s (SQLSTATE %s): %w", m.Name, pgErr.Message, pgErr.Code, err)
		}
		return fmt.Errorf("migrate: %s: %w", m.Name, err)
	}
	return nil
}
