package blog

import (
	"errors"
	"testing"
)

func TestPageRequestResolve(t *testing.T) {
	t.Parallel()
	cases := []struct {
		req   PageRequest
		total int
		want  int
		err   error
	}{
		{PageRequest{Number: 1, Size: 10}, 0, 1, nil}, // an empty list has an empty first page
		{PageRequest{Number: 2, Size: 10}, 0, 0, ErrInvalidPage},
		{PageRequest{Number: 3, Size: 10}, 25, 3, nil},
		{PageRequest{Number: 4, Size: 10}, 25, 0, ErrInvalidPage},
		{PageRequest{Number: 0, Size: 10}, 25, 0, ErrInvalidPage},
		{PageRequest{Last: true, Size: 10}, 25, 3, nil},
		{PageRequest{Last: true, Size: 10}, 0, 1, nil},
		{PageRequest{Number: 2, Size: 5}, 10, 2, nil},
	}
	for _, tc := range cases {
		got, err := tc.req.resolve(tc.total)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%+v with %d items: %d, %v; want %d, %v", tc.req, tc.total, got, err, tc.want, tc.err)
		}
	}
}

func TestPageNeighbours(t *testing.T) {
	t.Parallel()
	cases := []struct {
		p          Page[int]
		next, prev bool
	}{
		{Page[int]{Number: 1, Size: 10, Total: 0}, false, false},
		{Page[int]{Number: 1, Size: 10, Total: 10}, false, false},
		{Page[int]{Number: 1, Size: 10, Total: 11}, true, false},
		{Page[int]{Number: 2, Size: 10, Total: 11}, false, true},
	}
	for _, tc := range cases {
		if tc.p.HasNext() != tc.next || tc.p.HasPrevious() != tc.prev {
			t.Errorf("%+v: next %v prev %v; want %v %v", tc.p, tc.p.HasNext(), tc.p.HasPrevious(), tc.next, tc.prev)
		}
	}
}

func TestPickOrderingAndSearchPatterns(t *testing.T) {
	t.Parallel()
	s := NewStore(nil)
	if got := pickOrdering(s.postList, " nope , -title,id"); got != s.postList["-title"] {
		t.Errorf("pickOrdering took %q", got)
	}
	if got := pickOrdering(s.commentList, "title"); got != s.commentList["id"] {
		t.Errorf("comments cannot order by title, got %q", got)
	}
	got := searchPatterns([]string{`50%`, `a_b`, `c\d`})
	want := []string{`%50\%%`, `%a\_b%`, `%c\\d%`}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("pattern %d = %q, want %q", i, got[i], want[i])
		}
	}
}
