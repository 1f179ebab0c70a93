package openapi_test

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blogstack/blogstack/app/internal/browsable"
	"github.com/blogstack/blogstack/app/internal/platform/pgtest"
	"github.com/blogstack/blogstack/app/internal/serve"
	"github.com/blogstack/blogstack/app/internal/serve/servetest"
)

// The test binary shares one PostgreSQL container; see pgtest.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

const testToken = "openapi-test-token-0123456789"

// probeMethods are the methods tried on every documented path. CONNECT is
// left out: Go's client cannot send it to a path.
var probeMethods = []string{"GET", "HEAD", "OPTIONS", "TRACE", "POST", "PUT", "PATCH", "DELETE"}

// liveServer is the real server on its own database.
type liveServer struct {
	t    *testing.T
	srv  *serve.Server
	base string
}

func startServer(t *testing.T) *liveServer {
	t.Helper()
	srv := servetest.Start(t, pgtest.New(t), servetest.Config(testToken), nil)
	return &liveServer{t: t, srv: srv.Server, base: srv.Base}
}

type reply struct {
	status    int
	mediaType string
	body      []byte
}

// do sends one request; headers are name, value pairs.
func (l *liveServer) do(method, path, body string, headers ...string) reply {
	l.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, l.base+path, rd)
	if err != nil {
		l.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		l.t.Fatal(err)
	}
	mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	return reply{status: res.StatusCode, mediaType: mt, body: b}
}

// conforms checks that the reply is documented for docPath and method, and
// that a JSON body matches the documented schema.
func conforms(t *testing.T, s schemas, docPath, method, target string, r reply) {
	t.Helper()
	media := r.mediaType
	if len(r.body) == 0 {
		media = ""
	}
	schema, err := s.response(docPath, method, r.status, media)
	if err != nil {
		t.Errorf("%s %s: %v (body %.200s)", method, target, err, r.body)
		return
	}
	if media != "application/json" || schema == nil {
		return
	}
	v, err := decodeJSON(r.body)
	if err != nil {
		t.Errorf("%s %s: body is not JSON: %v", method, target, err)
		return
	}
	for _, e := range s.check(schema, v, "body") {
		t.Errorf("%s %s %d: %s", method, target, r.status, e)
	}
}

// docPath maps a Fiber route to the documented path: ":id" becomes "{id}",
// and resources are documented in their trailing-slash form.
func docPath(route string, documented map[string]bool) string {
	p := regexp.MustCompile(`:([A-Za-z_]+)\??`).ReplaceAllString(route, "{$1}")
	if !strings.HasSuffix(p, "/") && documented[p+"/"] {
		return p + "/"
	}
	return p
}

// TestDocumentMatchesServer keeps the document true: every route the server
// registers is documented, every documented path and method is served and
// nothing else is, and real responses, good and bad, match the schemas.
func TestDocumentMatchesServer(t *testing.T) {
	t.Parallel()
	s, err := loadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	l := startServer(t)
	paths := s.doc["paths"].(map[string]any)
	documented := map[string]bool{}
	for p := range paths {
		documented[p] = true
	}

	t.Run("routes", func(t *testing.T) {
		for _, r := range l.srv.App().GetRoutes(true) {
			// The browsable page's stylesheet and script are not API.
			if strings.HasPrefix(r.Path, browsable.AssetsPrefix) {
				continue
			}
			if p := docPath(r.Path, documented); !documented[p] {
				t.Errorf("route %s %s (%s) is not documented", r.Method, r.Path, p)
			}
		}
	})

	auth := []string{"Authorization", "Bearer " + testToken, "Content-Type", "application/json"}
	create := func(path, body string) int64 {
		r := l.do("POST", path, body, auth...)
		if r.status != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, r.status, r.body)
		}
		var obj struct{ ID int64 }
		if err := json.Unmarshal(r.body, &obj); err != nil {
			t.Fatal(err)
		}
		return obj.ID
	}
	postID := create("/posts/", `{"title": "Hello", "content": "World", "author": "ann"}`)
	pid := strconv.FormatInt(postID, 10)
	commentID := create("/comments/", `{"post": `+pid+`, "author": "bob", "body": "Nice"}`)
	ids := map[string]string{"posts": pid, "comments": strconv.FormatInt(commentID, 10)}
	writes := map[string]string{
		"posts":    `{"title": "Changed", "content": "Text", "author": "ann"}`,
		"comments": `{"post": ` + pid + `, "author": "bob", "body": "Changed"}`,
	}

	t.Run("methods", func(t *testing.T) {
		sorted := make([]string, 0, len(paths))
		for p := range paths {
			sorted = append(sorted, p)
		}
		// Comments sort before posts, so deleting the post (and its
		// comments) comes last.
		slices.Sort(sorted)
		for _, p := range sorted {
			collection := strings.Split(strings.Trim(p, "/"), "/")[0]
			target := strings.ReplaceAll(p, "{id}", ids[collection])
			item := paths[p].(map[string]any)
			for _, m := range probeMethods {
				r := l.do(m, target, writes[collection], auth...)
				served := r.status != http.StatusMethodNotAllowed && r.status != http.StatusNotFound
				_, doc := item[strings.ToLower(m)]
				switch {
				case served != doc:
					t.Errorf("%s %s: served %v (status %d), documented %v", m, target, served, r.status, doc)
				case served:
					conforms(t, s, p, m, target, r)
				}
			}
		}
	})

	t.Run("samples", func(t *testing.T) {
		p2 := strconv.FormatInt(create("/posts/", `{"title": "Second", "content": "x", "author": "cy"}`), 10)
		create("/posts/", `{"title": "Third", "content": "x", "author": "cy"}`)
		create("/comments/", `{"post": `+p2+`, "author": "bob", "body": "On the second"}`)
		html := []string{"Accept", "text/html"}
		samples := []struct {
			method, target, doc, body string
			headers                   []string
			status                    int
		}{
			{"GET", "/", "/", "", nil, 200},
			{"GET", "/", "/", "", html, 200},
			{"GET", "/posts", "/posts/", "", nil, 200},
			{"GET", "/posts/?page=2&page_size=1", "/posts/", "", nil, 200},
			{"GET", "/posts/?page=last&page_size=1&ordering=-title", "/posts/", "", nil, 200},
			{"GET", "/posts/?search=second&format=json", "/posts/", "", nil, 200},
			{"GET", "/posts/?format=api", "/posts/", "", nil, 200},
			{"GET", "/posts/?page=999", "/posts/", "", nil, 404},
			{"GET", "/posts/?format=xml", "/posts/", "", nil, 404},
			{"GET", "/posts/", "/posts/", "", []string{"Accept", "text/plain"}, 406},
			{"GET", "/posts/" + p2, "/posts/{id}/", "", nil, 200},
			{"GET", "/posts/" + p2 + "/", "/posts/{id}/", "", html, 200},
			{"GET", "/posts/999999/", "/posts/{id}/", "", nil, 404},
			{"GET", "/posts/abc/", "/posts/{id}/", "", nil, 404},
			{"POST", "/posts/", "/posts/", `{"title": "x"}`, []string{"Content-Type", "application/json"}, 401},
			{"POST", "/posts/", "/posts/", `{}`, []string{"Authorization", "Bearer wrong-token-000000000", "Content-Type", "application/json"}, 401},
			{"POST", "/posts/", "/posts/", `{}`, auth, 400},
			{"POST", "/posts/", "/posts/", `{"title": ` + `"` + strings.Repeat("x", 201) + `", "content": " ", "author": null}`, auth, 400},
			{"POST", "/posts/", "/posts/", `{"title": `, auth, 400},
			{"POST", "/posts/", "/posts/", `title=Form&content=Body&author=ann`, []string{"Authorization", "Bearer " + testToken, "Content-Type", "application/x-www-form-urlencoded"}, 201},
			{"POST", "/posts/", "/posts/", `hello`, []string{"Authorization", "Bearer " + testToken, "Content-Type", "text/plain"}, 415},
			{"PATCH", "/posts/" + p2 + "/", "/posts/{id}/", `{"title": ""}`, auth, 400},
			{"PATCH", "/posts/999999/", "/posts/{id}/", `{"title": "x"}`, auth, 404},
			{"GET", "/comments/?post=" + p2, "/comments/", "", nil, 200},
			{"POST", "/comments/", "/comments/", `{"post": 999999, "author": "a", "body": "b"}`, auth, 400},
			{"POST", "/comments/", "/comments/", `{"post": "x", "author": "a", "body": "b"}`, auth, 400},
			{"OPTIONS", "/comments/", "/comments/", "", nil, 200},
			{"GET", "/healthz", "/healthz", "", nil, 200},
			{"GET", "/readyz", "/readyz", "", nil, 200},
			{"GET", "/metrics", "/metrics", "", nil, 200},
			{"GET", "/openapi.json", "/openapi.json", "", nil, 200},
		}
		for _, c := range samples {
			r := l.do(c.method, c.target, c.body, c.headers...)
			if r.status != c.status {
				t.Errorf("%s %s: status %d, want %d (body %.200s)", c.method, c.target, r.status, c.status, r.body)
				continue
			}
			conforms(t, s, c.doc, c.method, c.target, r)
		}
	})
}
