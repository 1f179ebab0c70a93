package migrate_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"

	"github.com/blogstack/blogstack/app/internal/migrate"
	"github.com/blogstack/blogstack/app/internal/platform/pgtest"
	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestAllIsNumberedWithoutGaps(t *testing.T) {
	all, err := migrate.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 || migrate.Latest() != len(all) {
		t.Fatalf("All() = %d migrations, Latest() = %d", len(all), migrate.Latest())
	}
	for i, m := range all {
		if m.Version != i+1 || m.SQL == "" {
			t.Fatalf("migration %d: %+v", i, m)
		}
	}
}

func TestConcurrentApply(t *testing.T) {
	t.Parallel()
	db := pgtest.NewEmpty(t)
	ctx := context.Background()
	if err := migrate.Check(ctx, db.Pool); !errors.Is(err, migrate.ErrBehind) {
		t.Fatalf("Check on an empty database = %v, want ErrBehind", err)
	}

	const runners = 4
	applied := make([]int, runners)
	var wg sync.WaitGroup
	for i := range runners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := pgx.Connect(ctx, db.URL)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close(ctx)
			if applied[i], err = migrate.Apply(ctx, conn, quiet); err != nil {
				t.Errorf("runner %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range applied {
		total += n
	}
	if total != migrate.Latest() {
		t.Fatalf("runners applied %v migrations in all, want exactly %d once", applied, migrate.Latest())
	}
	var rows int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&rows); err != nil || rows != migrate.Latest() {
		t.Fatalf("schema_migrations rows = %d (%v)", rows, err)
	}
	if err := migrate.Check(ctx, db.Pool); err != nil {
		t.Fatalf("Check after Apply: %v", err)
	}
}

func TestRunIsIdempotent(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t) // already migrated
	conn, err := pgx.Connect(context.Background(), db.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if n, err := migrate.Apply(context.Background(), conn, quiet); err != nil || n != 0 {
		t.Fatalf("Apply on a current database = %d, %v; want 0, nil", n, err)
	}
}
