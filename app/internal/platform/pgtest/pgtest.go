// Package pgtest gives integration tests a real PostgreSQL: one container per
// test binary, started with testcontainers on first use, and a fresh
// database per test, cloned from a migrated template so each test starts
// from the current schema in milliseconds.
//
// Use it from a package's TestMain so the container is terminated when the
// tests end (Ryuk, testcontainers' reaper, is not required):
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	func TestSomething(t *testing.T) {
//		db := pgtest.New(t) // migrated, dropped at cleanup
//		...db.Pool...
//	}
//
// The image comes from BLOGSTACK_POSTGRES_IMAGE (default postgres:17). When
// Docker is unreachable the test fails and says so; `go test -short` skips
// these tests explicitly instead.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blogstack/blogstack/app/internal/migrate"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/testcontainers/testcontainers-go"
)

// ImageEnv names the variable that overrides the PostgreSQL image.
const ImageEnv = "BLOGSTACK_POSTGRES_IMAGE"

// DefaultImage is used when ImageEnv is unset.
const DefaultImage = "postgres:17"

const templateDB = "blogstack_template"

// cluster is the container shared by the tests of one binary.
type cluster struct {
	ctr      *testcontainers.DockerContainer
	hostPort string
	admin    *pgxpool.Pool
	mu       sync.Mutex // CREATE DATABASE … TEMPLATE must not overlap
	seq      atomic.Int64
}

// shared is per test binary by nature: a package-level singleton is the only
// way tests of one package can share a container. It is touched only by
// Main and start.
var shared struct {
	once    sync.Once
	c       *cluster
	err     error
	inMain  atomic.Bool
	started atomic.Bool
}

// Main runs the tests and then terminates the container if one was
// started. Return its result from TestMain.
func Main(m *testing.M) int {
	shared.inMain.Store(true)
	code := m.Run()
	if c := shared.c; c != nil {
		c.admin.Close()
		if err := testcontainers.TerminateContainer(c.ctr); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: terminate container: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// DB is one test's database.
type DB struct {
	Name string
	URL  string // postgres://… for this database, e.g. for DATABASE_URL
	Pool *pgxpool.Pool
}

// New returns a fresh database with the current schema; it is dropped when
// the test ends.
func New(t testing.TB) *DB { return newDB(t, templateDB) }

// NewEmpty returns a fresh database without any migration, for testing
// migrations themselves.
func NewEmpty(t testing.TB) *DB { return newDB(t, "template0") }

// Drop removes the database under the test's feet, terminating its
// connections: the way to test what happens when the database goes away.
func (db *DB) Drop(t testing.TB) {
	t.Helper()
	c := start(t)
	if _, err := c.admin.Exec(context.Background(), `DROP DATABASE IF EXISTS `+pgx.Identifier{db.Name}.Sanitize()+` WITH (FORCE)`); err != nil {
		t.Fatalf("pgtest: drop %s: %v", db.Name, err)
	}
}

func newDB(t testing.TB, template string) *DB {
	t.Helper()
	c := start(t)
	ctx := context.Background()
	name := "test_" + strconv.FormatInt(c.seq.Add(1), 10)
	c.mu.Lock()
	_, err := c.admin.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE `+template)
	c.mu.Unlock()
	if err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	db := &DB{Name: name, URL: c.url(name)}
	if db.Pool, err = pgxpool.New(ctx, db.URL); err != nil {
		t.Fatalf("pgtest: connect to %s: %v", name, err)
	}
	t.Cleanup(func() {
		db.Pool.Close()
		if _, err := c.admin.Exec(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("pgtest: drop %s: %v", name, err)
		}
	})
	return db
}

func (c *cluster) url(db string) string {
	return "postgres://postgres:postgres@" + c.hostPort + "/" + db + "?sslmode=disable"
}

// start returns the shared cluster, starting it on first use, or ends the
// test: skipped under -short, failed when Docker or the image is missing.
func start(t testing.TB) *cluster {
	t.Helper()
	if testing.Short() {
		t.Skip("pgtest: -short: skipping a test that needs PostgreSQL in Docker")
	}
	if !shared.inMain.Load() {
		t.Fatal("pgtest: call pgtest.Main from the package's TestMain, so the container is terminated after the tests")
	}
	shared.once.Do(func() {
		shared.c, shared.err = startCluster()
	})
	if shared.err != nil {
		t.Fatalf("pgtest: %v", shared.err)
	}
	return shared.c
}

func startCluster() (*cluster, error) {
	// Ryuk would need its own image, which an air-gapped machine lacks; Main
	// terminates the container instead. An explicit setting still wins.
	if _, set := os.LookupEnv("TESTCONTAINERS_RYUK_DISABLED"); !set {
		_ = os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	}
	image := os.Getenv(ImageEnv)
	if image == "" {
		image = DefaultImage
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctr, err := testcontainers.Run(ctx, image,
		testcontainers.WithEnv(map[string]string{
			"POSTGRES_USER": "postgres", "POSTGRES_PASSWORD": "postgres", "POSTGRES_DB": "postgres",
		}),
		testcontainers.WithExposedPorts("5432/tcp"),
		// Durability is worthless for throw-away test data; speed is not.
		testcontainers.WithCmd("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"),
		// No wait strategy: connect below is the readiness check (a real
		// SELECT 1 from this process, the only proof that matters). The
		// listening-port strategy runs `docker exec` in the container, and an
		// exec's hijacked stream never returns through the Docker socket as
		// the Dagger pipeline forwards it (docs/cicd.md, integration tests).
	)
	if err != nil {
		if ctr != nil {
			_ = testcontainers.TerminateContainer(ctr)
		}
		return nil, fmt.Errorf("cannot start PostgreSQL from image %s (set %s to use another): %w; "+
			"integration tests need a reachable Docker engine and the image present locally; "+
			"run `go test -short ./...` to skip them explicitly", image, ImageEnv, err)
	}
	c := &cluster{ctr: ctr}
	if c.hostPort, err = hostPort(ctx, ctr); err != nil {
		_ = testcontainers.TerminateContainer(ctr)
		return nil, err
	}
	if err := c.connect(ctx); err != nil {
		_ = testcontainers.TerminateContainer(ctr)
		return nil, err
	}
	return c, nil
}

// hostPort finds where the mapped port answers. testcontainers assumes that
// a process inside a container (/.dockerenv exists) reaches published ports
// through the default gateway, which is wrong when the Docker engine runs in
// that same container, as on our CI machines; loopback is tried next.
// TESTCONTAINERS_HOST_OVERRIDE, honoured by Host, still decides first.
func hostPort(ctx context.Context, ctr *testcontainers.DockerContainer) (string, error) {
	port, err := ctr.MappedPort(ctx, "5432/tcp")
	if err != nil {
		return "", fmt.Errorf("find PostgreSQL's mapped port: %w", err)
	}
	hosts := []string{"127.0.0.1"}
	if h, err := ctr.Host(ctx); err == nil {
		hosts = append([]string{h}, hosts...)
	}
	// Retried until ctx ends: where the port is reached through the
	// engine's NAT rather than its userland proxy (from another container,
	// as in the CI pipeline), the connection is refused until PostgreSQL
	// itself listens.
	var d net.Dialer
	for {
		var dialErr error
		for _, h := range hosts {
			addr := net.JoinHostPort(h, port.Port())
			dctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			conn, err := d.DialContext(dctx, "tcp", addr)
			cancel()
			if err == nil {
				_ = conn.Close()
				return addr, nil
			}
			dialErr = errors.Join(dialErr, err)
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("PostgreSQL's port is not reachable: %w", dialErr)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// connect waits for a real query to succeed (the port opens before the
// image's init scripts finish and the server restarts), then builds the
// migrated template database.
func (c *cluster) connect(ctx context.Context) error {
	var err error
	for {
		if c.admin, err = pgxpool.New(ctx, c.url("postgres")); err == nil {
			if _, err = c.admin.Exec(ctx, "SELECT 1"); err == nil {
				break
			}
			c.admin.Close()
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("PostgreSQL never answered SELECT 1: %w", err)
		case <-time.After(200 * time.Millisecond):
		}
	}
	if _, err := c.admin.Exec(ctx, `CREATE DATABASE `+templateDB); err != nil {
		return fmt.Errorf("create template database: %w", err)
	}
	conn, err := pgx.Connect(ctx, c.url(templateDB))
	if err != nil {
		return fmt.Errorf("connect to template database: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := migrate.Apply(ctx, conn, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		return fmt.Errorf("migrate template database: %w", err)
	}
	return nil
}
