//go:build e2e

package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// testContract checks the HTTP contract end to end through the published
// port: the same requests a client makes, answered by the image against
// the real database. The handlers' details are tested in app/; this proves
// the assembled stack (configuration, migrations, auth, routing) works.
func testContract(t *testing.T, s *stack) {
	// The root links to the collections with absolute URLs on the host the
	// client used.
	var root map[string]string
	s.expect(t, request{method: "GET", path: "/"}, http.StatusOK).decode(t, &root)
	if root["posts"] != s.baseURL+"/posts/" || root["comments"] != s.baseURL+"/comments/" {
		t.Errorf("root = %v, want links under %s", root, s.baseURL)
	}

	// Create: 201, Location is the new post's URL, status starts as draft.
	r := s.expect(t, request{method: "POST", path: "/posts/", token: s.token,
		body: map[string]string{"title": "Hello e2e", "content": "First post.", "author": "ada"}}, http.StatusCreated)
	var post postJSON
	r.decode(t, &post)
	if post.ID <= 0 || post.Title != "Hello e2e" || post.Status != "draft" || post.PublishedAt != nil {
		t.Errorf("created post = %+v", post)
	}
	if loc := r.header.Get("Location"); loc == "" || loc != post.URL || loc != s.baseURL+"/posts/"+itoa(post.ID)+"/" {
		t.Errorf("Location %q, body url %q", loc, post.URL)
	}

	// Get.
	s.requirePost(t, post)

	// Partial update changes only the field sent.
	var patched postJSON
	s.expect(t, request{method: "PATCH", path: "/posts/" + itoa(post.ID) + "/", token: s.token,
		body: map[string]string{"title": "Hello again"}}, http.StatusOK).decode(t, &patched)
	if patched.Title != "Hello again" || patched.Content != post.Content || patched.Author != post.Author {
		t.Errorf("after PATCH: %+v", patched)
	}
	post.Title = patched.Title
	s.requirePost(t, post)

	// Comment on it, then find it through the ?post= filter.
	var comment struct {
		ID   int64  `json:"id"`
		Post int64  `json:"post"`
		Body string `json:"body"`
	}
	s.expect(t, request{method: "POST", path: "/comments/", token: s.token,
		body: map[string]any{"post": post.ID, "author": "bob", "body": "Nice."}}, http.StatusCreated).decode(t, &comment)
	if comment.Post != post.ID || comment.Body != "Nice." {
		t.Errorf("created comment = %+v", comment)
	}
	var comments pageJSON[struct {
		ID int64 `json:"id"`
	}]
	s.expect(t, request{method: "GET", path: "/comments/?post=" + itoa(post.ID)}, http.StatusOK).decode(t, &comments)
	if comments.Count != 1 || len(comments.Results) != 1 || comments.Results[0].ID != comment.ID {
		t.Errorf("comments of post %d: %+v", post.ID, comments)
	}

	testPagination(t, s)
	testErrors(t, s, post)
	testOperations(t, s, post)
}

// testPagination lists with a small page and walks the next/previous links
// the server builds.
func testPagination(t *testing.T, s *stack) {
	for i := range 3 {
		s.createPost(t, "Page filler "+itoa(int64(i)))
	}
	var first pageJSON[postJSON]
	s.expect(t, request{method: "GET", path: "/posts/?page_size=2"}, http.StatusOK).decode(t, &first)
	if first.Count < 4 || len(first.Results) != 2 || first.Next == nil || first.Previous != nil {
		t.Fatalf("first page: count %d, %d results, next %v, previous %v", first.Count, len(first.Results), first.Next, first.Previous)
	}
	next := strings.TrimPrefix(*first.Next, s.baseURL)
	if next == *first.Next {
		t.Fatalf("next link %q is not under %s", *first.Next, s.baseURL)
	}
	var second pageJSON[postJSON]
	s.expect(t, request{method: "GET", path: next}, http.StatusOK).decode(t, &second)
	if second.Count != first.Count || len(second.Results) != 2 || second.Previous == nil {
		t.Errorf("second page: %+v", second)
	}
	if len(second.Results) > 0 && second.Results[0].ID == first.Results[0].ID {
		t.Errorf("second page repeats the first: %+v", second.Results)
	}
}

// testErrors checks the error answers keep DRF's shapes.
func testErrors(t *testing.T, s *stack, post postJSON) {
	// Validation: 400 with the failing fields, each a list of messages.
	var invalid map[string][]string
	s.expect(t, request{method: "POST", path: "/posts/", token: s.token,
		body: map[string]string{"title": "", "author": strings.Repeat("x", 101)}}, http.StatusBadRequest).decode(t, &invalid)
	for _, field := range []string{"title", "content", "author"} {
		if len(invalid[field]) == 0 {
			t.Errorf("400 body %v has no message for %s", invalid, field)
		}
	}

	// Writes without a token, or with a wrong one, are refused with 401.
	for _, tok := range []string{"", "wrong-token-0123456789abcdef"} {
		r := s.expect(t, request{method: "POST", path: "/posts/", token: tok,
			body: map[string]string{"title": "t", "content": "c", "author": "a"}}, http.StatusUnauthorized)
		var detail map[string]string
		r.decode(t, &detail)
		if detail["detail"] == "" || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("401 (token %q): body %s, WWW-Authenticate %q", tok, r.body, r.header.Get("WWW-Authenticate"))
		}
	}
	// Both rotation tokens write: the first one of API_TOKENS too.
	first, _, _ := strings.Cut(s.env["API_TOKENS"], ",")
	s.expect(t, request{method: "PATCH", path: "/posts/" + itoa(post.ID) + "/", token: first,
		body: map[string]string{"author": post.Author}}, http.StatusOK)

	// Unknown ids and URLs: 404 {"detail": "Not found."}.
	for _, path := range []string{"/posts/999999999/", "/no-such-thing/"} {
		var detail map[string]string
		s.expect(t, request{method: "GET", path: path}, http.StatusNotFound).decode(t, &detail)
		if detail["detail"] != "Not found." {
			t.Errorf("404 of %s: %v", path, detail)
		}
	}
}

// testOperations checks the endpoints operators and browsers use.
func testOperations(t *testing.T, s *stack, post postJSON) {
	var health struct {
		Status     string            `json:"status"`
		Components map[string]string `json:"components"`
	}
	s.expect(t, request{method: "GET", path: "/healthz"}, http.StatusOK).decode(t, &health)
	if health.Status != "ok" {
		t.Errorf("/healthz: %+v", health)
	}
	s.expect(t, request{method: "GET", path: "/readyz"}, http.StatusOK).decode(t, &health)
	if health.Status != "ok" || health.Components["database"] != "ok" {
		t.Errorf("/readyz: %+v", health)
	}

	// The requests above were counted, and the pool is instrumented.
	metrics := string(s.expect(t, request{method: "GET", path: "/metrics", accept: "text/plain"}, http.StatusOK).body)
	for _, name := range []string{"blogstack_http_requests_total", "blogstack_http_request_duration_seconds", "blogstack_db_pool_", "go_goroutines"} {
		if !strings.Contains(metrics, name) {
			t.Errorf("/metrics has no %s", name)
		}
	}

	// A browser gets the browsable HTML page, showing the data.
	r := s.expect(t, request{method: "GET", path: "/posts/" + itoa(post.ID) + "/", accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}, http.StatusOK)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Accept: text/html answered Content-Type %q", ct)
	}
	if html := string(r.body); !strings.Contains(strings.ToLower(html), "<html") || !strings.Contains(html, post.Title) {
		t.Errorf("HTML page lacks <html> or the post's title %q:\n%.500s", post.Title, html)
	}
}
