package browsable

import (
	"strings"
	"testing"
)

func TestLinkify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		json  string
		links []string
	}{
		{"url value", `{"url": "http://h/posts/1/"}`, []string{"http://h/posts/1/"}},
		{"https and query", `["https://h/posts/?page=2&search=a"]`, []string{"https://h/posts/?page=2&search=a"}},
		{"key is never a link", `{"http://h/": 1}`, nil},
		{"key then value", `{"http://h/" : "http://h/x"}`, []string{"http://h/x"}},
		{"javascript scheme", `["javascript:alert(1)"]`, nil},
		{"relative path", `["/posts/1/"]`, nil},
		{"no host", `["http:///x"]`, nil},
		{"url inside prose", `["see http://h/ now"]`, nil},
		{"escaped quote before url", `["a\"b", "http://h/"]`, []string{"http://h/"}},
		{"escaped backslash ends string", `["a\\", "http://h/"]`, []string{"http://h/"}},
		{"unterminated string", `["http://h/`, nil},
		{"numbers and null", `{"a": 1, "b": null, "c": true}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			segs := linkify([]byte(tt.json))
			var text strings.Builder
			var links []string
			for _, s := range segs {
				text.WriteString(s.Text)
				if s.Href != "" {
					links = append(links, s.Href)
				}
			}
			if text.String() != tt.json {
				t.Errorf("segments spell %q, want the input %q", text.String(), tt.json)
			}
			if strings.Join(links, " ") != strings.Join(tt.links, " ") {
				t.Errorf("links = %q, want %q", links, tt.links)
			}
		})
	}
}

// FuzzLinkify checks the two promises of linkify on any input: the text is
// kept byte for byte, and only http(s) URLs become links.
func FuzzLinkify(f *testing.F) {
	for _, seed := range []string{
		`{"url": "http://h/"}`, `["a\"b", "https://h/?a=1"]`, `{"k": "javascript:x"}`, `"`, `\`, `["\\"]`, ``,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var text strings.Builder
		for _, s := range linkify([]byte(in)) {
			text.WriteString(s.Text)
			if s.Href != "" && !isLink(s.Href) {
				t.Errorf("link to %q", s.Href)
			}
		}
		if text.String() != in {
			t.Errorf("segments spell %q, want %q", text.String(), in)
		}
	})
}

func TestBreadcrumbs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want string // name=href, the current page with an empty href
	}{
		{"/", "Api Root="},
		{"", "Api Root="},
		{"/posts/", "Api Root=/ Post List="},
		{"/posts", "Api Root=/ Post List="},
		{"/posts/3/", "Api Root=/ Post List=/posts/ Post Instance="},
		{"/comments/12", "Api Root=/ Comment List=/comments/ Comment Instance="},
		{"/categories/", "Api Root=/ Category List="},
		{"/blog-posts/7/", "Api Root=/ Blog Post List=/blog-posts/ Blog Post Instance="},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range breadcrumbs(tt.path) {
			got = append(got, c.Name+"="+c.Href)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("breadcrumbs(%q) = %q, want %q", tt.path, strings.Join(got, " "), tt.want)
		}
	}
}

func TestWithFormat(t *testing.T) {
	t.Parallel()
	tests := []struct{ path, query, format, want string }{
		{"/posts/", "", "json", "/posts/?format=json"},
		{"/posts/", "page=2&search=go", "json", "/posts/?format=json&page=2&search=go"},
		{"/posts/", "format=api&page=2", "json", "/posts/?format=json&page=2"},
		{"/posts/", "%zz", "api", "/posts/?format=api"},
	}
	for _, tt := range tests {
		if got := withFormat(tt.path, tt.query, tt.format); got != tt.want {
			t.Errorf("withFormat(%q, %q, %q) = %q, want %q", tt.path, tt.query, tt.format, got, tt.want)
		}
	}
}

func TestCurrentPage(t *testing.T) {
	t.Parallel()
	for query, want := range map[string]int{"": 1, "page=3": 3, "page=0": 1, "page=x": 1, "page=2abc": 1, "search=a&page=7": 7} {
		if got := currentPage(query); got != want {
			t.Errorf("currentPage(%q) = %d, want %d", query, got, want)
		}
	}
}
