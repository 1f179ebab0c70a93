package serve_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestRootAndOpenAPI(t *testing.T) {
	t.Parallel()
	b := setup(t)
	expect(t, b.do("GET", "/", ""), http.StatusOK, map[string]any{"posts": b.base + "/posts/", "comments": b.base + "/comments/"})
	r := b.do("GET", "/openapi.json", "")
	expect(t, r, http.StatusOK, nil)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("openapi.json Content-Type = %q", ct)
	}
	if r.obj(t)["openapi"] == nil {
		t.Fatalf("openapi.json has no openapi field: %.100s", r.body)
	}
}

func TestNegotiation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	cases := []struct {
		name, path, accept string
		status             int
		contentType        string
	}{
		{"default", "/posts/", "", 200, "application/json"},
		{"json", "/posts/", "application/json", 200, "application/json"},
		{"browser", "/posts/", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 200, "text/html"},
		{"format=json beats browser", "/posts/?format=json", "text/html", 200, "application/json"},
		{"format=api", "/posts/?format=api", "", 200, "text/html"},
		{"wildcard type", "/posts/", "application/*", 200, "application/json"},
		{"unsatisfiable", "/posts/", "application/xml", 406, "application/json"},
		{"unknown format", "/posts/?format=xml", "", 404, "application/json"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := b.do("GET", tc.path, "", "Accept", tc.accept)
			if r.status != tc.status || !strings.HasPrefix(r.header.Get("Content-Type"), tc.contentType) {
				t.Fatalf("status %d, Content-Type %q; want %d, %s; body %.200s", r.status, r.header.Get("Content-Type"), tc.status, tc.contentType, r.body)
			}
			if r.header.Get("Vary") != "Accept" {
				t.Fatalf("Vary = %q", r.header.Get("Vary"))
			}
		})
	}
	expect(t, b.do("GET", "/posts/", "", "Accept", "application/xml"), 406, map[string]any{"detail": "Could not satisfy the request Accept header."})
	expect(t, b.do("GET", "/posts/?format=xml", "", "Accept", "application/xml"), 404, map[string]any{"detail": "Not found."})
}

func TestHeadOptionsAndHeaders(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p := b.createPost("t", "c", "a")
	for _, path := range []string{"/", "/posts/", "/posts", "/comments/", "/posts/1/", "/posts/1"} {
		get := b.do("GET", path, "")
		head := b.do("HEAD", path, "")
		if head.status != get.status || len(head.body) != 0 || head.header.Get("Content-Type") != get.header.Get("Content-Type") {
			t.Errorf("HEAD %s: status %d body %d bytes; GET status %d", path, head.status, len(head.body), get.status)
		}
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"} {
			if got := get.header.Get(h); got != want {
				t.Errorf("GET %s: %s = %q, want %q", path, h, got, want)
			}
		}
	}
	_ = p

	r := b.do("OPTIONS", "/posts/", "")
	expect(t, r, http.StatusOK, nil)
	meta := r.obj(t)
	if meta["name"] != "Post List" || meta["description"] == "" {
		t.Fatalf("OPTIONS name/description: %v", meta)
	}
	title := meta["actions"].(map[string]any)["POST"].(map[string]any)["title"].(map[string]any)
	want := map[string]any{"type": "string", "required": true, "read_only": false, "label": "Title", "max_length": float64(200)}
	for k, v := range want {
		if title[k] != v {
			t.Errorf("OPTIONS actions.POST.title.%s = %v, want %v", k, title[k], v)
		}
	}
	inst := b.do("OPTIONS", "/posts/1/", "").obj(t)
	if inst["name"] != "Post Instance" || inst["actions"].(map[string]any)["PUT"] == nil {
		t.Fatalf("OPTIONS item: %v", inst)
	}
	if renders := inst["renders"].([]any); len(renders) != 2 || renders[0] != "application/json" {
		t.Fatalf("renders = %v", renders)
	}
	root := b.do("OPTIONS", "/", "").obj(t)
	if root["name"] != "Api Root" || root["actions"] != nil {
		t.Fatalf("OPTIONS root: %v", root)
	}

	expect(t, b.do("GET", "/nope/", ""), http.StatusNotFound, map[string]any{"detail": "Not found."})
	expect(t, b.do("GET", "/posts/abc/", ""), http.StatusNotFound, map[string]any{"detail": "Not found."})
	expect(t, b.do("GET", "/posts/99999999999999999999/", ""), http.StatusNotFound, map[string]any{"detail": "Not found."})
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	b := setup(t)
	r := b.do("GET", "/healthz", "", "X-Request-ID", "abc-123")
	if got := r.header.Get("X-Request-ID"); got != "abc-123" {
		t.Fatalf("propagated X-Request-ID = %q", got)
	}
	r1, r2 := b.do("GET", "/healthz", ""), b.do("GET", "/healthz", "", "X-Request-ID", "bad id with spaces")
	if id1, id2 := r1.header.Get("X-Request-ID"), r2.header.Get("X-Request-ID"); id1 == "" || id2 == "" || id1 == id2 || id2 == "bad id with spaces" {
		t.Fatalf("generated ids %q, %q: want two distinct fresh ids", id1, id2)
	}
	if !strings.Contains(b.logs.String(), `"request_id":"abc-123"`) {
		t.Fatalf("access log lacks the request id:\n%s", b.logs.String())
	}
}
