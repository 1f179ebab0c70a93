package blogapi

import (
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/blogstack/blogstack/app/internal/browsable"
	"github.com/blogstack/blogstack/app/internal/platform/web"
)

// TestHTMLPageIsFilled checks what the HTML path hands the renderer, with a
// stub in place of the templates (their own tests are in browsable).
func TestHTMLPageIsFilled(t *testing.T) {
	t.Parallel()
	var got browsable.Page
	api := New(Options{Tokens: []string{"t"}, Render: func(w io.Writer, p browsable.Page) error {
		got = p
		_, err := io.WriteString(w, "<html>ok</html>")
		return err
	}})
	app := web.New(web.Config{BodyLimit: 1 << 20}, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, MapError)
	api.Register(app)

	// Origin-form with a Host header, as clients send it (fasthttp ≥ 1.70
	// refuses a request without Host).
	req := httptest.NewRequest("GET", "/?format=api", nil)
	req.Host = "example.org"
	resp, err := app.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || string(body) != "<html>ok</html>" {
		t.Fatalf("HTML root: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	root, ok := got.Body.(rootJSON)
	if got.Name != "Api Root" || !ok || root.Posts != "http://example.org/posts/" || got.Forms != nil || got.Query != "format=api" {
		t.Fatalf("page = %+v", got)
	}

	e := api.endpoints()[1] // Post List
	forms := e.forms(nil)
	if forms == nil || !forms.Create || len(forms.Fields) != 3 || forms.Fields[1].Kind != "text" || forms.Fields[0].MaxLength != 200 {
		t.Fatalf("Post List forms = %+v", forms)
	}
	item := api.endpoints()[2] // Post Instance
	if f := item.forms(postJSON{Title: "T"}); f == nil || !f.Update || !f.Delete || f.Fields[0].Value != "T" {
		t.Fatalf("Post Instance forms = %+v", f)
	}
	if f := item.forms(web.Detail{Detail: "Not found."}); f != nil {
		t.Fatalf("an error page got edit forms: %+v", f)
	}
}

// TestHTMLRenderFailureIsJSON500: a broken renderer must not leave the
// client with half a page or a panic.
func TestHTMLRenderFailureIsJSON500(t *testing.T) {
	t.Parallel()
	api := New(Options{Render: func(io.Writer, browsable.Page) error { return errors.New("boom") }})
	app := web.New(web.Config{BodyLimit: 1 << 20}, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, MapError)
	api.Register(app)
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept", "text/html")
	resp, err := app.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 500 || string(body) != `{"detail":"A server error occurred."}` {
		t.Fatalf("render failure: %d %s", resp.StatusCode, body)
	}
}
