package serve_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/blogstack/blogstack/app/internal/platform/pgtest"
	"github.com/blogstack/blogstack/app/internal/serve"
	"github.com/blogstack/blogstack/app/internal/serve/servetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// Tokens the test servers accept.
const (
	token    = "test-token-0123456789"
	oldToken = "rotated-token-abcdefghij"
)

// bundle is one test's running server on its own database.
type bundle struct {
	t    *testing.T
	db   *pgtest.DB
	srv  *servetest.Server
	base string
	logs *syncBuffer
}

func testConfig() serve.Config { return servetest.Config(oldToken, token) }

// setup starts a server on a fresh migrated database; prepare may add
// routes before it listens.
func setup(t *testing.T, prepare ...func(*serve.Server)) *bundle {
	t.Helper()
	db := pgtest.New(t)
	return setupOn(t, db, testConfig(), prepare...)
}

func setupOn(t *testing.T, db *pgtest.DB, cfg serve.Config, prepare ...func(*serve.Server)) *bundle {
	t.Helper()
	logs := &syncBuffer{}
	srv := servetest.Start(t, db, cfg, slog.New(slog.NewJSONHandler(logs, nil)), prepare...)
	return &bundle{t: t, db: db, srv: srv, base: srv.Base, logs: logs}
}

// response is what a test looks at.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into a generic value.
func (r response) json(t *testing.T) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, r.body)
	}
	return v
}

// obj decodes the body as a JSON object.
func (r response) obj(t *testing.T) map[string]any {
	t.Helper()
	m, ok := r.json(t).(map[string]any)
	if !ok {
		t.Fatalf("body is not a JSON object: %s", r.body)
	}
	return m
}

// do sends a request; headers are name, value pairs.
func (b *bundle) do(method, path, body string, headers ...string) response {
	b.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, b.base+path, rd)
	if err != nil {
		b.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

// write sends an authenticated JSON write.
func (b *bundle) write(method, path, body string) response {
	b.t.Helper()
	return b.do(method, path, body, "Authorization", "Bearer "+token, "Content-Type", "application/json")
}

// createPost creates a post and returns its JSON.
func (b *bundle) createPost(title, content, author string) map[string]any {
	b.t.Helper()
	body, _ := json.Marshal(map[string]string{"title": title, "content": content, "author": author})
	r := b.write("POST", "/posts/", string(body))
	if r.status != http.StatusCreated {
		b.t.Fatalf("create post: %d %s", r.status, r.body)
	}
	return r.obj(b.t)
}

// expect checks status and, when want is not nil, the JSON body.
func expect(t *testing.T, r response, status int, want any) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	if want == nil {
		return
	}
	wantJSON, _ := json.Marshal(want)
	var w any
	_ = json.Unmarshal(wantJSON, &w)
	got := r.json(t)
	g, _ := json.Marshal(got)
	w2, _ := json.Marshal(w)
	if !bytes.Equal(g, w2) {
		t.Fatalf("body = %s\nwant   %s", g, w2)
	}
}

// syncBuffer lets the server's goroutines and the test share the log.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
