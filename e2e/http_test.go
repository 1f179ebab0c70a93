//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// client bounds every request: a hung server fails a check, not the run.
// No keep-alive: the phases restart and kill the server, and a request
// must not fail on a connection left over from before.
var client = &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}

// response is what the checks look at.
type response struct {
	status int
	header http.Header
	body   []byte
}

// decode unmarshals the body into v, failing the test with the body shown.
func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// request is a request to the stack; body, when not nil, is sent as JSON.
type request struct {
	method, path string
	body         any
	token        string // sent as "Authorization: Bearer <token>" when set
	accept       string // default application/json
}

// send performs req and reads the whole body; a transport error is returned
// so callers that expect failures (outage, drain) can count them.
func (s *stack) send(req request) (response, error) {
	var body io.Reader
	if req.body != nil {
		b, err := json.Marshal(req.body)
		if err != nil {
			return response{}, err
		}
		body = bytes.NewReader(b)
	}
	hr, err := http.NewRequest(req.method, s.baseURL+req.path, body)
	if err != nil {
		return response{}, err
	}
	if req.body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	hr.Header.Set("Accept", "application/json")
	if req.accept != "" {
		hr.Header.Set("Accept", req.accept)
	}
	if req.token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.token)
	}
	resp, err := client.Do(hr)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

// expect sends req and fails the test unless it answers want.
func (s *stack) expect(t *testing.T, req request, want int) response {
	t.Helper()
	r, err := s.send(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.method, req.path, err)
	}
	if r.status != want {
		t.Fatalf("%s %s: status %d, want %d; body: %s", req.method, req.path, r.status, want, r.body)
	}
	return r
}

// eventually polls cond every interval until it reports done, and fails the
// test with cond's last explanation when timeout passes first. It returns
// how long it took.
func eventually(t *testing.T, timeout, interval time.Duration, what string, cond func() (done bool, state string)) time.Duration {
	t.Helper()
	start := time.Now()
	var state string
	for {
		var done bool
		if done, state = cond(); done {
			return time.Since(start)
		}
		if time.Since(start) > timeout {
			t.Fatalf("%s: not within %s; last seen: %s", what, timeout, state)
		}
		time.Sleep(interval)
	}
}

// postJSON is a post as the API shows it. It repeats blogapi's type on
// purpose: a black-box test reads the wire format, so a change of the
// server's JSON breaks it instead of following along.
type postJSON struct {
	ID          int64   `json:"id"`
	URL         string  `json:"url"`
	Title       string  `json:"title"`
	Content     string  `json:"content"`
	Author      string  `json:"author"`
	Status      string  `json:"status"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
	PublishedAt *string `json:"published_at"`
}

// pageJSON is DRF's pagination envelope.
type pageJSON[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// createPost creates a post with the write token and returns it.
func (s *stack) createPost(t *testing.T, title string) postJSON {
	t.Helper()
	r := s.expect(t, request{method: "POST", path: "/posts/", token: s.token,
		body: map[string]string{"title": title, "content": "Body of " + title, "author": "e2e"}}, http.StatusCreated)
	var p postJSON
	r.decode(t, &p)
	return p
}

// requirePost fetches a post and checks its title and content: the data
// is still there.
func (s *stack) requirePost(t *testing.T, want postJSON) {
	t.Helper()
	var got postJSON
	s.expect(t, request{method: "GET", path: "/posts/" + itoa(want.ID) + "/"}, http.StatusOK).decode(t, &got)
	if got.Title != want.Title || got.Content != want.Content {
		t.Fatalf("post %d is now %+v, want %+v", want.ID, got, want)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
