package openapi_test

import (
	"strings"
	"testing"
)

// TestSchemasAcceptTheContract runs the payloads of the contract
// through the document's schemas: the good ones must pass, and near misses
// must fail, which also proves the checker can fail.
func TestSchemasAcceptTheContract(t *testing.T) {
	t.Parallel()
	s, err := loadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	const post = `{"id": 1, "url": "http://localhost:8000/posts/1/", "title": "Hello", "content": "World", "author": "ann", "status": "draft",
		"created_at": "2026-12-04T19:45:16.323025Z", "updated_at": "2026-12-04T19:45:16.323025Z", "published_at": null}`
	const comment = `{"id": 2, "url": "http://localhost:8000/comments/2/", "post": 1, "author": "bob", "body": "Nice", "created_at": "2026-12-04T19:45:16.323025Z"}`
	tests := []struct {
		path, method string
		status       int
		body         string
		wantErr      string // "" when the body must conform
	}{
		{"/", "GET", 200, `{"posts": "http://localhost:8000/posts/", "comments": "http://localhost:8000/comments/"}`, ""},
		{"/", "GET", 200, `{"posts": "/posts/", "comments": "http://localhost:8000/comments/"}`, "absolute URI"},
		{"/posts/", "GET", 200, `{"count": 1, "next": null, "previous": null, "results": [` + post + `]}`, ""},
		{"/posts/", "GET", 200, `{"count": 11, "next": "http://h/posts/?page=2", "previous": null, "results": []}`, ""},
		{"/posts/", "GET", 200, `{"count": 1, "next": null, "results": []}`, `"previous" is missing`},
		{"/posts/", "GET", 404, `{"detail": "Invalid page."}`, ""},
		{"/posts/", "POST", 201, post, ""},
		{"/posts/", "POST", 201, strings.Replace(post, `"draft"`, `"archived"`, 1), "is not one of"},
		{"/posts/", "POST", 201, strings.Replace(post, `"id": 1`, `"id": "1"`, 1), "is not of type"},
		{"/posts/", "POST", 201, strings.Replace(post, `"published_at": null`, `"published_at": "2026-12-04T19:45:16Z"`, 1), "microseconds"},
		{"/posts/", "POST", 201, strings.Replace(post, `"published_at": null`, `"published_at": "2026-12-04T19:45:17.000001Z"`, 1), ""},
		{"/posts/", "POST", 201, strings.Replace(post, `"status": "draft",`, ``, 1), `"status" is missing`},
		{"/posts/", "POST", 400, `{"title": ["This field is required."], "author": ["This field may not be blank."]}`, ""},
		{"/posts/", "POST", 400, `{"detail": "JSON parse error - unexpected end of JSON input"}`, ""},
		{"/posts/", "POST", 400, `{"title": "This field is required."}`, "oneOf"},
		{"/posts/", "POST", 401, `{"detail": "Authentication credentials were not provided."}`, ""},
		{"/posts/", "POST", 415, `{"detail": "Unsupported media type \"text/plain\" in request."}`, ""},
		{"/posts/{id}/", "GET", 200, post, ""},
		{"/posts/{id}/", "PATCH", 200, post, ""},
		{"/posts/{id}/", "GET", 404, `{"detail": "Not found."}`, ""},
		{"/posts/{id}/", "GET", 404, `{}`, `"detail" is missing`},
		{"/posts/{id}/", "OPTIONS", 200, `{"name": "Post Instance", "description": "", "renders": ["application/json", "text/html"], "parses": ["application/json"],
			"actions": {"PUT": {"title": {"type": "string", "required": true, "read_only": false, "label": "Title", "max_length": 200}}}}`, ""},
		{"/comments/", "GET", 200, `{"count": 1, "next": null, "previous": null, "results": [` + comment + `]}`, ""},
		{"/comments/", "POST", 400, `{"post": ["Invalid pk \"9999\" - object does not exist."]}`, ""},
		{"/comments/{id}/", "PUT", 200, strings.Replace(comment, `"post": 1`, `"post": 1.5`, 1), "is not of type"},
		{"/healthz", "GET", 200, `{"status": "ok"}`, ""},
		{"/readyz", "GET", 503, `{"status": "unavailable", "components": {"database": "unreachable", "server": "ok"}}`, ""},
		{"/readyz", "GET", 503, `{"status": "down", "components": {}}`, "is not one of"},
	}
	for _, tt := range tests {
		schema, err := s.response(tt.path, tt.method, tt.status, "application/json")
		if err != nil {
			t.Errorf("%s %s %d: %v", tt.method, tt.path, tt.status, err)
			continue
		}
		v, err := decodeJSON([]byte(tt.body))
		if err != nil {
			t.Fatalf("sample %s: %v", tt.body, err)
		}
		errs := strings.Join(s.check(schema, v, "body"), "; ")
		switch {
		case tt.wantErr == "" && errs != "":
			t.Errorf("%s %s %d: %s", tt.method, tt.path, tt.status, errs)
		case tt.wantErr != "" && !strings.Contains(errs, tt.wantErr):
			t.Errorf("%s %s %d: errors %q, want one containing %q", tt.method, tt.path, tt.status, errs, tt.wantErr)
		}
	}
}

func TestCheckerRefusesUnknownKeywords(t *testing.T) {
	t.Parallel()
	s, err := loadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	errs := s.check(map[string]any{"pattern": "^a"}, "b", "x")
	if len(errs) != 1 || !strings.Contains(errs[0], "pattern") {
		t.Errorf("errors %q, want one about the unknown keyword", errs)
	}
}

func TestUndocumentedResponsesAreReported(t *testing.T) {
	t.Parallel()
	s, err := loadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path, method string
		status       int
	}{{"/nope/", "GET", 200}, {"/posts/", "TRACE", 200}, {"/posts/", "GET", 418}} {
		if _, err := s.response(c.path, c.method, c.status, "application/json"); err == nil {
			t.Errorf("%s %s %d: reported as documented", c.method, c.path, c.status)
		}
	}
}
