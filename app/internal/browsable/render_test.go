package browsable

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
)

// postFields is the writable side of a post, as the API describes it.
var postFields = []Field{
	{Name: "title", Label: "Title", Kind: "string", Required: true, MaxLength: 200, HelpText: "At most 200 characters."},
	{Name: "content", Label: "Content", Kind: "text", Required: true},
	{Name: "author", Label: "Author", Kind: "string", Required: true, MaxLength: 100},
}

var listHeaders = [][2]string{{"Content-Type", "application/json"}, {"Vary", "Accept"}}

func render(t *testing.T, p Page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, p); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.String()
}

var (
	preRe  = regexp.MustCompile(`(?s)<pre id="response-body"[^>]*>(.*?)</pre>`)
	tagRe  = regexp.MustCompile(`<[^>]*>`)
	hrefRe = regexp.MustCompile(`<a href="([^"]*)"`)
	idRe   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// responseText is what a reader sees in the response body: tags removed,
// entities decoded.
func responseText(t *testing.T, page string) string {
	t.Helper()
	m := preRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no <pre id=\"response-body\"> in page")
	}
	return html.UnescapeString(tagRe.ReplaceAllString(m[1], ""))
}

// responseLinks are the decoded hrefs of the links inside the response body.
func responseLinks(t *testing.T, page string) []string {
	t.Helper()
	m := preRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no <pre id=\"response-body\"> in page")
	}
	var links []string
	for _, h := range hrefRe.FindAllStringSubmatch(m[1], -1) {
		links = append(links, html.UnescapeString(h[1]))
	}
	return links
}

func TestRender(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		page      Page
		wantText  string   // exact visible response body
		wantLinks []string // hrefs inside the body, in order
		want      []string // raw HTML fragments that must appear
		wantNot   []string // raw HTML fragments that must not appear
	}{
		{
			name: "root",
			page: Page{
				Name: "Api Root", Description: "The entry point of the blog API.",
				Method: "GET", Path: "/", Status: 200, Allow: []string{"GET", "HEAD", "OPTIONS"}, Headers: listHeaders,
				Body: map[string]string{"posts": "http://localhost:8000/posts/", "comments": "http://localhost:8000/comments/"},
			},
			wantText:  "{\n  \"comments\": \"http://localhost:8000/comments/\",\n  \"posts\": \"http://localhost:8000/posts/\"\n}",
			wantLinks: []string{"http://localhost:8000/comments/", "http://localhost:8000/posts/"},
			want: []string{
				"<!DOCTYPE html>", `<a class="brand" href="/">blogstack API</a>`,
				`<span aria-current="page">Api Root</span>`, "<h1>Api Root</h1>",
				`<p class="description">The entry point of the blog API.</p>`,
				`HTTP 200 OK`, `<dt>Allow:</dt> <dd>GET, HEAD, OPTIONS</dd>`, `<dt>Vary:</dt> <dd>Accept</dd>`,
				`id="options-button"`, `<a id="format-json" href="/?format=json">`,
				`<code id="request-target">/</code>`,
			},
			wantNot: []string{`id="pagination"`, `id="api-token"`, `<form`, `href="/">Api Root</a>`},
		},
		{
			name: "list",
			page: Page{
				Name: "Post List", Method: "GET", Path: "/posts/", Query: "page=2", Status: 200,
				Allow: []string{"GET", "POST", "HEAD", "OPTIONS"}, Headers: listHeaders,
				Body: map[string]any{
					"count": 21, "next": "http://localhost:8000/posts/?page=3", "previous": "http://localhost:8000/posts/",
					"results": []map[string]any{{"id": 11, "title": "Hello", "url": "http://localhost:8000/posts/11/"}},
				},
				Forms: &Forms{Create: true, Fields: postFields},
			},
			wantLinks: []string{"http://localhost:8000/posts/?page=3", "http://localhost:8000/posts/", "http://localhost:8000/posts/11/"},
			want: []string{
				`<a href="/">Api Root</a>`, `<span aria-current="page">Post List</span>`,
				`<code id="request-target">/posts/?page=2</code>`,
				`<a class="btn" id="page-previous" rel="prev" href="http://localhost:8000/posts/">« Previous</a>`,
				`<a class="btn" id="page-next" rel="next" href="http://localhost:8000/posts/?page=3">Next »</a>`,
				`Page 2 · 21 items`,
				`<a id="format-json" href="/posts/?format=json&amp;page=2">`,
				`<input id="api-token" name="api-token" type="password"`,
				`<form class="card api-form" id="create-form" method="post" action="/posts/"`,
				`<input id="create-title" name="title" type="text" value="" required maxlength="200" aria-describedby="create-title-help">`,
				`<p class="help" id="create-title-help">At most 200 characters.</p>`,
				`<textarea id="create-content" name="content" rows="6" required>`,
				`<input id="create-author" name="author" type="text" value="" required maxlength="100">`,
				`data-error-for="title"`,
				`<button type="submit" class="btn btn-primary" id="create-submit" data-method="POST">POST</button>`,
			},
			wantNot: []string{`id="update-form"`, `id="delete-button"`},
		},
		{
			name: "comment list has an integer post field",
			page: Page{
				Name: "Comment List", Method: "GET", Path: "/comments", Query: "post=3", Status: 200,
				Body: map[string]any{"count": 0, "next": nil, "previous": nil, "results": []any{}},
				Forms: &Forms{Create: true, Fields: []Field{
					{Name: "post", Label: "Post", Kind: "integer", Required: true},
					{Name: "author", Label: "Author", Kind: "string", Required: true, MaxLength: 100},
					{Name: "body", Label: "Body", Kind: "text", Required: true},
				}},
			},
			wantText: "{\n  \"count\": 0,\n  \"next\": null,\n  \"previous\": null,\n  \"results\": []\n}",
			want: []string{
				`<span aria-current="page">Comment List</span>`,
				`<input id="create-post" name="post" type="number" step="1" inputmode="numeric" value="" required>`,
				`<textarea id="create-body" name="body" rows="6" required>`,
				`<span class="btn disabled" aria-disabled="true">« Previous</span>`,
				`<span class="btn disabled" aria-disabled="true">Next »</span>`,
				`Page 1 · 0 items`,
			},
			wantNot: []string{`id="page-next"`, `id="page-previous"`},
		},
		{
			name: "instance",
			page: Page{
				Name: "Post Instance", Method: "GET", Path: "/posts/3/", Status: 200,
				Allow: []string{"GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}, Headers: listHeaders,
				Body: map[string]any{"id": 3, "title": "Third", "published_at": nil},
				Forms: &Forms{Update: true, Delete: true, Fields: []Field{
					{Name: "title", Label: "Title", Kind: "string", Required: true, MaxLength: 200, Value: "Third"},
					{Name: "content", Label: "Content", Kind: "text", Required: true, Value: "line one\nline two"},
				}},
			},
			wantText: "{\n  \"id\": 3,\n  \"published_at\": null,\n  \"title\": \"Third\"\n}",
			want: []string{
				`<a href="/">Api Root</a>`, `<a href="/posts/">Post List</a>`, `<span aria-current="page">Post Instance</span>`,
				`<form class="card api-form" id="update-form" method="post" action="/posts/3/"`,
				`<input id="update-title" name="title" type="text" value="Third" required maxlength="200">`,
				// The newline after the tag is eaten by the HTML parser, so a
				// value starting with a newline keeps it.
				"<textarea id=\"update-content\" name=\"content\" rows=\"6\" required>\nline one\nline two</textarea>",
				`id="put-button" data-method="PUT"`,
				`id="patch-button" data-method="PATCH" formnovalidate`,
				`id="delete-button" data-method="DELETE" data-confirm="Delete /posts/3/? This cannot be undone."`,
				`id="api-token"`,
			},
			wantNot: []string{`id="create-form"`, `id="pagination"`},
		},
		{
			name: "validation error",
			page: Page{
				Name: "Post List", Method: "POST", Path: "/posts/", Status: 400, Headers: listHeaders,
				Body:  map[string][]string{"title": {"This field is required."}, "author": {"Ensure this field has no more than 100 characters."}},
				Forms: &Forms{Create: true, Fields: postFields},
			},
			wantText: "{\n  \"author\": [\n    \"Ensure this field has no more than 100 characters.\"\n  ],\n  \"title\": [\n    \"This field is required.\"\n  ]\n}",
			want: []string{
				`<div class="status client-error" id="response-status">HTTP 400 Bad Request</div>`,
				`<span class="method" id="request-method">POST</span>`,
			},
		},
		{
			name: "not found",
			page: Page{
				Name: "Post Instance", Method: "GET", Path: "/posts/999/", Status: 404, Headers: listHeaders,
				Body: map[string]string{"detail": "Not found."},
			},
			wantText: "{\n  \"detail\": \"Not found.\"\n}",
			want:     []string{`HTTP 404 Not Found`, `class="status client-error"`},
			wantNot:  []string{`id="api-token"`, `<form`},
		},
		{
			name: "no content",
			page: Page{Name: "Post Instance", Method: "DELETE", Path: "/posts/3/", Status: 204},
			want: []string{
				`<div class="status ok" id="response-status">HTTP 204 No Content</div>`,
				`<pre id="response-body" class="json empty"></pre>`,
			},
			wantNot: []string{`id="pagination"`},
		},
		{
			name:    "endpoint without OPTIONS and method defaulted",
			page:    Page{Name: "Post List", Path: "/posts", Status: 200, Allow: []string{"GET", "HEAD"}, Body: []int{}},
			want:    []string{`<span class="method" id="request-method">GET</span>`, `<span aria-current="page">Post List</span>`},
			wantNot: []string{`id="options-button"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			page := render(t, tt.page)
			if tt.wantText != "" {
				if got := responseText(t, page); got != tt.wantText {
					t.Errorf("response body text:\n%s\nwant:\n%s", got, tt.wantText)
				}
			}
			if got := responseLinks(t, page); strings.Join(got, " ") != strings.Join(tt.wantLinks, " ") {
				t.Errorf("response links = %q, want %q", got, tt.wantLinks)
			}
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(page, w) {
					t.Errorf("page has %q", w)
				}
			}
			seen := map[string]bool{}
			for _, m := range idRe.FindAllStringSubmatch(page, -1) {
				if seen[m[1]] {
					t.Errorf("duplicate id %q", m[1])
				}
				seen[m[1]] = true
			}
		})
	}
}

// TestRenderEscapesUserValues feeds markup through every place a user's
// value can reach: the body, a form value, the path and the query.
func TestRenderEscapesUserValues(t *testing.T) {
	t.Parallel()
	evil := `<script>alert("x")</script>"><img src=x onerror=alert(1)>`
	page := render(t, Page{
		Name: "Post Instance", Description: evil, Method: "GET",
		Path: `/posts/"><script>alert(2)</script>/`, Query: `q="><script>alert(3)</script>`, Status: 200,
		Headers: [][2]string{{"Location", evil}},
		Body: map[string]any{
			"title":   evil,
			"link":    `http://example.test/"><script>alert(4)</script>`,
			"js":      "javascript:alert(5)",
			"results": []string{evil},
		},
		Forms: &Forms{Update: true, Delete: true, Fields: []Field{
			{Name: "title", Kind: "string", Value: evil, HelpText: evil},
			{Name: "content", Kind: "text", Value: "</textarea>" + evil},
		}},
	})
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("page has %d <script tags, want only the page's own", n)
	}
	for _, bad := range []string{"<img", "</script>\"", "href=\"javascript:", `"><script`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	if !strings.Contains(responseText(t, page), `"title": "<script>alert(\"x\")</script>\"><img src=x onerror=alert(1)>"`) {
		t.Errorf("the title is not shown verbatim to the reader:\n%s", responseText(t, page))
	}
	if links := responseLinks(t, page); len(links) != 0 {
		t.Errorf("links %q: a URL with quotes or markup and a javascript: URL must stay text", links)
	}
}

func TestRenderFailsWithoutWritingOnUnencodableBody(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	err := Render(&buf, Page{Name: "Broken", Path: "/", Status: 200, Body: map[string]any{"c": make(chan int)}})
	if err == nil {
		t.Fatal("Render succeeded with a body JSON cannot encode")
	}
	if buf.Len() != 0 {
		t.Errorf("Render wrote %d bytes before failing; the caller could no longer send a 500", buf.Len())
	}
}

// TestRenderPaginatedStruct checks that pagination is found by shape, not
// by Go type: the API encodes a struct, not a map.
func TestRenderPaginatedStruct(t *testing.T) {
	t.Parallel()
	type post struct {
		ID  int    `json:"id"`
		URL string `json:"url"`
	}
	type pageOf struct {
		Count    int     `json:"count"`
		Next     *string `json:"next"`
		Previous *string `json:"previous"`
		Results  []post  `json:"results"`
	}
	next := "http://localhost:8000/posts/?page=2"
	page := render(t, Page{Name: "Post List", Path: "/posts/", Status: 200,
		Body: pageOf{Count: 11, Next: &next, Results: []post{{1, "http://localhost:8000/posts/1/"}}}})
	if !strings.Contains(page, `<a class="btn" id="page-next" rel="next" href="http://localhost:8000/posts/?page=2">`) {
		t.Error("no next link for a struct-shaped page")
	}
	if !strings.Contains(page, "Page 1 · 11 items") {
		t.Error("page info missing")
	}
	want := "{\n  \"count\": 11,\n  \"next\": \"http://localhost:8000/posts/?page=2\",\n  \"previous\": null,\n  \"results\": [\n    {\n      \"id\": 1,\n      \"url\": \"http://localhost:8000/posts/1/\"\n    }\n  ]\n}"
	if got := responseText(t, page); got != want {
		t.Errorf("struct order not kept:\n%s", got)
	}
}

func TestRenderNoPaginationForOtherShapes(t *testing.T) {
	t.Parallel()
	for _, body := range []any{
		map[string]any{"count": 1, "results": []int{1}},                                   // next/previous missing
		map[string]any{"count": "x", "next": nil, "previous": nil, "results": []int{}},    // count not a number
		map[string]any{"count": 1, "next": nil, "previous": nil, "results": "not a list"}, // results not a list
		[]int{1, 2},
	} {
		if page := render(t, Page{Name: "X", Path: "/x/", Status: 200, Body: body}); strings.Contains(page, `id="pagination"`) {
			t.Errorf("pagination rendered for %v", body)
		}
	}
}

// TestRenderIsCSPCompatible guards ContentSecurityPolicy: one inline script,
// style or event handler and the page breaks under it.
func TestRenderIsCSPCompatible(t *testing.T) {
	t.Parallel()
	page := render(t, Page{Name: "Post Instance", Description: "d", Path: "/posts/1/", Status: 200,
		Body:  map[string]any{"count": 1, "next": "http://h/posts/?page=2", "previous": nil, "results": []int{}},
		Forms: &Forms{Create: true, Update: true, Delete: true, Fields: postFields}})
	handler := regexp.MustCompile(`(?i)\s(on[a-z]+|style)\s*=`)
	for _, tag := range tagRe.FindAllString(page, -1) {
		if handler.MatchString(tag) {
			t.Errorf("inline handler or style in %s", tag)
		}
		if strings.HasPrefix(tag, "<script") && !strings.Contains(tag, ` src="`) {
			t.Errorf("inline script %s", tag)
		}
		if strings.HasPrefix(tag, "<style") {
			t.Errorf("inline stylesheet %s", tag)
		}
	}
}
