package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/blogstack/blogstack/app/internal/platform/config"
)

func TestRunUsageAndConfigErrors(t *testing.T) {
	t.Parallel()
	var logs, errOut bytes.Buffer
	if code := run(context.Background(), nil, config.Map(nil), &logs, &errOut); code != 2 || !strings.Contains(errOut.String(), "serve") {
		t.Fatalf("no args: code %d, %q", code, errOut.String())
	}
	errOut.Reset()
	if code := run(context.Background(), []string{"fly"}, config.Map(nil), &logs, &errOut); code != 2 {
		t.Fatalf("unknown command: code %d", code)
	}
	errOut.Reset()
	env := config.Map(map[string]string{"DATABASE_URL": "postgres://u:hunter2@h/db", "SHUTDOWN_TIMEOUT": "later"})
	code := run(context.Background(), []string{"serve"}, env, &logs, &errOut)
	line := errOut.String()
	if code != 1 || strings.Count(line, "\n") != 1 || !strings.Contains(line, "SHUTDOWN_TIMEOUT") ||
		!strings.Contains(line, "API_TOKENS") || strings.Contains(line, "hunter2") || strings.Contains(line, "goroutine") {
		t.Fatalf("config error: code %d, output %q", code, line)
	}
}

func TestHealthcheckCommand(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	status := http.StatusOK
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	env := config.Map(map[string]string{"HTTP_ADDR": ln.Addr().String()})
	var logs, errOut bytes.Buffer
	if code := run(context.Background(), []string{"healthcheck"}, env, &logs, &errOut); code != 0 {
		t.Fatalf("healthy server: code %d, %s", code, errOut.String())
	}
	_ = srv.Close()
	if code := run(context.Background(), []string{"healthcheck"}, env, &logs, &errOut); code != 1 {
		t.Fatalf("stopped server: code %d", code)
	}
}

func TestVersionCommand(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"version"}, config.Map(nil), &out, &errOut); code != 0 {
		t.Fatalf("version: code %d, %q", code, errOut.String())
	}
	if got := out.String(); !strings.HasPrefix(got, "blogstack dev (commit unknown") || !strings.HasSuffix(got, ")\n") {
		t.Fatalf("version printed %q", got)
	}
}
