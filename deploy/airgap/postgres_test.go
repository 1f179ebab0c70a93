package airgap_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/testcontainers/testcontainers-go"
	tcexec "github.com/testcontainers/testcontainers-go/exec"
	"github.com/testcontainers/testcontainers-go/wait"
)

const (
	pgUser     = "blog"
	pgPassword = "s3cret-for-tests"
	pgDB       = "blogdb"
)

// The postgres stand-in honours the official image's contract: user,
// password and database from the environment, init scripts (.sql and .sh)
// on the first start only, data kept in the volume across restarts and
// re-creation, the server running as postgres, a clean stop.
func TestPostgresStandIn(t *testing.T) {
	requireDocker(t)
	t.Parallel()
	ctx := t.Context()
	img := imageFor(t, "postgres")
	volume := "blogstack-airgap-test-" + rand.Text()[:12]
	t.Cleanup(func() { _, _ = dockerErr(context.Background(), "volume", "rm", "-f", volume) })

	first := startPostgres(t, img, volume, pgPassword)
	conn := connect(t, first, pgPassword)
	var user, db string
	if err := conn.QueryRow(ctx, "SELECT current_user, current_database()").Scan(&user, &db); err != nil {
		t.Fatal(err)
	}
	if user != pgUser || db != pgDB {
		t.Fatalf("connected as %s to %s, want %s to %s", user, db, pgUser, pgDB)
	}
	requireNotes(t, conn, "from init sql", "from init sh")
	if _, err := conn.Exec(ctx, "INSERT INTO notes(body) VALUES ('before restart')"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)

	if _, err := pgx.Connect(ctx, dsn(t, first, "wrong-password")); err == nil || !strings.Contains(err.Error(), "password authentication failed") {
		t.Fatalf("wrong password: got %v, want password authentication failed", err)
	}
	if got := execIn(t, first, "stat", "-c", "%U %u", "/proc/1"); got != "postgres 999" {
		t.Fatalf("PID 1 runs as %q, want postgres 999", got)
	}

	// docker stop: the server stops cleanly (exit 0) and says so on stdout/stderr.
	timeout := 20 * time.Second
	if err := first.Stop(ctx, &timeout); err != nil {
		t.Fatal(err)
	}
	state, err := first.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if state.ExitCode != 0 {
		t.Fatalf("exit code after docker stop = %d, want 0", state.ExitCode)
	}
	if logs := logsOf(t, first); !strings.Contains(logs, "database system is shut down") {
		t.Fatalf("logs after stop lack a clean shutdown:\n%s", logs)
	}

	// Restart of the same container: data still there.
	if err := first.Start(ctx); err != nil {
		t.Fatal(err)
	}
	conn = connect(t, first, pgPassword)
	requireNotes(t, conn, "from init sql", "from init sh", "before restart")
	conn.Close(ctx)
	if err := first.Terminate(ctx); err != nil {
		t.Fatal(err)
	}

	// A new container on the same volume: no second initialisation (init
	// scripts not re-run, a new POSTGRES_PASSWORD ignored), data intact.
	second := startPostgres(t, img, volume, "another-password")
	conn = connect(t, second, pgPassword)
	defer conn.Close(ctx)
	requireNotes(t, conn, "from init sql", "from init sh", "before restart")
	if logs := logsOf(t, second); !strings.Contains(logs, "skipping initialisation") {
		t.Fatalf("second container did not report skipping initialisation:\n%s", logs)
	}
}

// Without a password the stand-in refuses to initialise, with a clear line,
// as the official image does.
func TestPostgresStandInRequiresAPassword(t *testing.T) {
	requireDocker(t)
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	out, err := dockerErr(ctx, "run", "--rm", imageFor(t, "postgres"))
	if err == nil {
		t.Fatalf("postgres without POSTGRES_PASSWORD started: %s", out)
	}
	if !strings.Contains(err.Error(), "POSTGRES_PASSWORD is not set") {
		t.Fatalf("error does not name POSTGRES_PASSWORD: %v", err)
	}
}

func startPostgres(t *testing.T, img, volume, password string) *testcontainers.DockerContainer {
	t.Helper()
	initSQL := "CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);\nINSERT INTO notes(body) VALUES ('from init sql');\n"
	initSH := "#!/usr/bin/env bash\nset -e\npsql -v ON_ERROR_STOP=1 --username \"$POSTGRES_USER\" --dbname \"$POSTGRES_DB\" -c \"INSERT INTO notes(body) VALUES ('from init sh')\"\n"
	c, err := testcontainers.Run(t.Context(), img,
		testcontainers.WithEnv(map[string]string{"POSTGRES_USER": pgUser, "POSTGRES_PASSWORD": password, "POSTGRES_DB": pgDB}),
		testcontainers.WithExposedPorts("5432/tcp"),
		testcontainers.WithFiles(
			testcontainers.ContainerFile{Reader: strings.NewReader(initSQL), ContainerFilePath: "/docker-entrypoint-initdb.d/01-schema.sql", FileMode: 0o644},
			testcontainers.ContainerFile{Reader: strings.NewReader(initSH), ContainerFilePath: "/docker-entrypoint-initdb.d/02-more.sh", FileMode: 0o755},
		),
		testcontainers.WithMounts(testcontainers.VolumeMount(volume, "/var/lib/postgresql/data")),
		// The set-up server listens on no TCP port, so an open 5432 means the
		// real server; pg_isready must be on PATH. Checked from inside: see
		// endpoint for where the port is reached from here.
		testcontainers.WithWaitStrategy(
			wait.ForListeningPort("5432/tcp").SkipExternalCheck().WithStartupTimeout(time.Minute),
			wait.ForExec([]string{"pg_isready", "-h", "127.0.0.1", "-U", pgUser, "-d", pgDB}),
		),
	)
	if c != nil {
		t.Cleanup(func() { _ = c.Terminate(context.Background()) })
	}
	if err != nil {
		t.Fatalf("start %s: %v", img, err)
	}
	return c
}

func dsn(t *testing.T, c *testcontainers.DockerContainer, password string) string {
	t.Helper()
	return fmt.Sprintf("postgres://%s:%s@%s/%s?sslmode=disable", pgUser, password, endpoint(t, c, "5432/tcp"), pgDB)
}

func connect(t *testing.T, c *testcontainers.DockerContainer, password string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dsn(t, c, password))
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	return conn
}

func requireNotes(t *testing.T, conn *pgx.Conn, want ...string) {
	t.Helper()
	rows, err := conn.Query(t.Context(), "SELECT body FROM notes ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("notes = %q, want %q", got, want)
	}
}

func execIn(t *testing.T, c *testcontainers.DockerContainer, cmd ...string) string {
	t.Helper()
	code, r, err := c.Exec(t.Context(), cmd, tcexec.Multiplexed())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	out := strings.TrimSpace(string(b))
	if code != 0 {
		t.Fatalf("%v exited %d: %s", cmd, code, out)
	}
	return out
}

func logsOf(t *testing.T, c *testcontainers.DockerContainer) string {
	t.Helper()
	r, err := c.Logs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, _ := io.ReadAll(r)
	return string(b)
}
