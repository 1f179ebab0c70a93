package browsable_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/blogstack/blogstack/app/internal/browsable"
)

// The HTTP layer renders a page from the payload it would have sent as JSON.
func ExampleRender() {
	var b strings.Builder
	err := browsable.Render(&b, browsable.Page{
		Name:    "Post Instance",
		Method:  http.MethodGet,
		Path:    "/posts/1/",
		Status:  http.StatusOK,
		Allow:   []string{"GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"},
		Headers: [][2]string{{"Content-Type", "application/json"}},
		Body:    map[string]any{"id": 1, "url": "http://localhost:8000/posts/1/"},
		Forms: &browsable.Forms{Update: true, Delete: true, Fields: []browsable.Field{
			{Name: "title", Label: "Title", Kind: "string", Required: true, MaxLength: 200, Value: "Hello"},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	page := b.String()
	fmt.Println(strings.HasPrefix(page, "<!DOCTYPE html>"))
	fmt.Println(strings.Contains(page, `<a href="http://localhost:8000/posts/1/" rel="nofollow">`))
	fmt.Println(strings.Contains(page, `id="update-form"`))
	// Output:
	// true
	// true
	// true
}

// A server mounts the assets under AssetsPrefix and sends
// ContentSecurityPolicy with the pages. With Fiber, the filesystem
// middleware over http.FS(browsable.Assets()) does the same.
func ExampleAssets() {
	mux := http.NewServeMux()
	mux.Handle(browsable.AssetsPrefix, http.StripPrefix(browsable.AssetsPrefix, http.FileServerFS(browsable.Assets())))

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, browsable.AssetsPrefix+"browsable.js", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	// Output: 200 text/javascript; charset=utf-8
}
