package blogapi

import (
	"errors"
	"testing"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/valyala/fasthttp"
)

func TestPageRequest(t *testing.T) {
	t.Parallel()
	cases := []struct {
		page, size string
		want       blog.PageRequest
		err        error
	}{
		{"", "", blog.PageRequest{Number: 1, Size: 10}, nil},
		{"3", "25", blog.PageRequest{Number: 3, Size: 25}, nil},
		{"last", "", blog.PageRequest{Number: 1, Last: true, Size: 10}, nil},
		{"1", "500", blog.PageRequest{Number: 1, Size: 100}, nil},
		{"1", "0", blog.PageRequest{Number: 1, Size: 10}, nil},
		{"1", "x", blog.PageRequest{Number: 1, Size: 10}, nil},
		{"0", "", blog.PageRequest{}, blog.ErrInvalidPage},
		{"1.0", "", blog.PageRequest{}, blog.ErrInvalidPage},
		{"two", "", blog.PageRequest{}, blog.ErrInvalidPage},
	}
	for _, tc := range cases {
		got, err := pageRequest(tc.page, tc.size)
		if !errors.Is(err, tc.err) || (err == nil && got != tc.want) {
			t.Errorf("page=%q size=%q: %+v, %v; want %+v, %v", tc.page, tc.size, got, err, tc.want, tc.err)
		}
	}
}

func TestPageLinks(t *testing.T) {
	t.Parallel()
	var args fasthttp.Args
	args.Parse("search=a+b&page=2&format=api")
	p := blog.Page[int]{Number: 2, Size: 10, Total: 35}
	next, prev := pageLinks("http://h:8000", "/posts/", &args, p)
	if next == nil || *next != "http://h:8000/posts/?format=api&page=3&search=a+b" {
		t.Errorf("next = %v", deref(next))
	}
	if prev == nil || *prev != "http://h:8000/posts/?format=api&search=a+b" {
		t.Errorf("previous = %v (page 1 must carry no page parameter)", deref(prev))
	}
	next, prev = pageLinks("http://h", "/posts/", &fasthttp.Args{}, blog.Page[int]{Number: 1, Size: 10, Total: 5})
	if next != nil || prev != nil {
		t.Errorf("single page has links %v %v", deref(next), deref(prev))
	}
}

func TestSearchTerms(t *testing.T) {
	t.Parallel()
	got := searchTerms(" foo,bar  baz\x00 ")
	if len(got) != 3 || got[0] != "foo" || got[1] != "bar" || got[2] != "baz" {
		t.Fatalf("searchTerms = %q", got)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
