package serve_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var microsUTC = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)

func TestPostCRUD(t *testing.T) {
	t.Parallel()
	b := setup(t)

	r := b.write("POST", "/posts/", `{"title":"  Hello  ","content":"World","author":"Ann","status":"published","id":99}`)
	expect(t, r, http.StatusCreated, nil)
	p := r.obj(t)
	id := int(p["id"].(float64))
	url := fmt.Sprintf("%s/posts/%d/", b.base, id)
	if p["url"] != url || r.header.Get("Location") != url {
		t.Fatalf("url = %v, Location = %q, want %s", p["url"], r.header.Get("Location"), url)
	}
	if p["title"] != "Hello" || p["status"] != "draft" || p["published_at"] != nil {
		t.Fatalf("created post = %v: want trimmed title, draft status, null published_at", p)
	}
	for _, k := range []string{"created_at", "updated_at"} {
		if s, _ := p[k].(string); !microsUTC.MatchString(s) {
			t.Fatalf("%s = %v, want ISO 8601 UTC with microseconds", k, p[k])
		}
	}

	got := b.do("GET", fmt.Sprintf("/posts/%d", id), "")
	expect(t, got, http.StatusOK, p)

	r = b.write("PUT", fmt.Sprintf("/posts/%d/", id), `{"title":"T2","content":"C2","author":"A2"}`)
	expect(t, r, http.StatusOK, nil)
	if o := r.obj(t); o["title"] != "T2" || o["content"] != "C2" || o["author"] != "A2" || o["created_at"] != p["created_at"] {
		t.Fatalf("after PUT: %v", o)
	}
	expect(t, b.write("PUT", fmt.Sprintf("/posts/%d/", id), `{"title":"T3"}`), http.StatusBadRequest,
		map[string]any{"content": []string{"This field is required."}, "author": []string{"This field is required."}})

	r = b.write("PATCH", fmt.Sprintf("/posts/%d/", id), `{"content":"C3"}`)
	expect(t, r, http.StatusOK, nil)
	if o := r.obj(t); o["title"] != "T2" || o["content"] != "C3" {
		t.Fatalf("after PATCH: %v", o)
	}

	expect(t, b.write("DELETE", fmt.Sprintf("/posts/%d/", id), ""), http.StatusNoContent, nil)
	expect(t, b.do("GET", fmt.Sprintf("/posts/%d/", id), ""), http.StatusNotFound, map[string]any{"detail": "Not found."})
	expect(t, b.write("DELETE", fmt.Sprintf("/posts/%d/", id), ""), http.StatusNotFound, map[string]any{"detail": "Not found."})
}

func TestPostValidation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	long := strings.Repeat("é", 201)
	cases := []struct {
		name, body string
		want       map[string]any
	}{
		{"all missing", `{}`, map[string]any{
			"title": []string{"This field is required."}, "content": []string{"This field is required."}, "author": []string{"This field is required."}}},
		{"too long and blank", `{"title":"` + long + `","content":"   ","author":null}`, map[string]any{
			"title":   []string{"Ensure this field has no more than 200 characters."},
			"content": []string{"This field may not be blank."},
			"author":  []string{"This field may not be null."}}},
		{"wrong types", `{"title":["x"],"content":{"a":1},"author":true}`, map[string]any{
			"title": []string{"Not a valid string."}, "content": []string{"Not a valid string."}, "author": []string{"Not a valid string."}}},
		{"not an object", `[1,2]`, map[string]any{"non_field_errors": []string{"Invalid data. Expected a dictionary, but got list."}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, b.write("POST", "/posts/", tc.body), http.StatusBadRequest, tc.want)
		})
	}
	r := b.do("GET", "/posts/", "")
	if o := r.obj(t); o["count"] != float64(0) {
		t.Fatalf("invalid writes stored something: %s", r.body)
	}
}

func TestPostBodies(t *testing.T) {
	t.Parallel()
	b := setup(t)
	auth := []string{"Authorization", "Bearer " + token}

	r := b.do("POST", "/posts/", "title=Form&content=Body+text&author=Bo",
		append(auth, "Content-Type", "application/x-www-form-urlencoded")...)
	expect(t, r, http.StatusCreated, nil)
	if o := r.obj(t); o["content"] != "Body text" {
		t.Fatalf("form post = %v", o)
	}

	r = b.do("POST", "/posts/", `{"title":`, append(auth, "Content-Type", "application/json")...)
	expect(t, r, http.StatusBadRequest, nil)
	if d, _ := r.obj(t)["detail"].(string); !strings.HasPrefix(d, "JSON parse error - ") {
		t.Fatalf("malformed JSON detail = %q", d)
	}

	expect(t, b.do("POST", "/posts/", "hello", append(auth, "Content-Type", "text/plain")...),
		http.StatusUnsupportedMediaType, map[string]any{"detail": `Unsupported media type "text/plain" in request.`})

	// A raw request, because the server answers 413 from Content-Length
	// alone and closes: an HTTP client still sending the body sees a reset.
	conn, err := net.Dial("tcp", strings.TrimPrefix(b.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /posts/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", token, 70<<10)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("oversized body: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestAuth(t *testing.T) {
	t.Parallel()
	b := setup(t)
	body := `{"title":"t","content":"c","author":"a"}`
	ct := []string{"Content-Type", "application/json"}
	r := b.do("POST", "/posts/", body, ct...)
	expect(t, r, http.StatusUnauthorized, map[string]any{"detail": "Authentication credentials were not provided."})
	if r.header.Get("WWW-Authenticate") == "" {
		t.Fatal("401 without WWW-Authenticate")
	}
	expect(t, b.do("POST", "/posts/", body, append(ct, "Authorization", "Basic dTpw")...), http.StatusUnauthorized,
		map[string]any{"detail": "Authentication credentials were not provided."})
	expect(t, b.do("POST", "/posts/", body, append(ct, "Authorization", "Bearer nope")...), http.StatusUnauthorized,
		map[string]any{"detail": "Invalid token."})
	expect(t, b.do("POST", "/posts/", body, append(ct, "Authorization", "Bearer "+oldToken)...), http.StatusCreated, nil)
	expect(t, b.do("DELETE", "/posts/1/", ""), http.StatusUnauthorized, nil)
	expect(t, b.do("GET", "/posts/1/", ""), http.StatusOK, nil)
}

func TestMethodNotAllowed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p := b.createPost("t", "c", "a")
	cases := []struct{ method, path, allow string }{
		{"PATCH", "/posts/", "GET, POST, HEAD, OPTIONS"},
		{"DELETE", "/comments/", "GET, POST, HEAD, OPTIONS"},
		{"POST", fmt.Sprintf("/posts/%v/", p["id"]), "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"},
		{"PUT", "/", "GET, HEAD, OPTIONS"},
	}
	for _, tc := range cases {
		r := b.write(tc.method, tc.path, `{}`)
		expect(t, r, http.StatusMethodNotAllowed, map[string]any{"detail": `Method "` + tc.method + `" not allowed.`})
		if got := r.header.Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow = %q, want %q", tc.method, tc.path, got, tc.allow)
		}
	}
}
