package serve_test

import (
	"fmt"
	"net/http"
	"testing"
)

func TestPostPagination(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for i := 1; i <= 25; i++ {
		b.createPost(fmt.Sprintf("post %02d", i), "content", "ann")
	}

	r := b.do("GET", "/posts/", "")
	expect(t, r, http.StatusOK, nil)
	p1 := r.obj(t)
	if p1["count"] != float64(25) || p1["previous"] != nil || p1["next"] != b.base+"/posts/?page=2" {
		t.Fatalf("page 1 envelope: count=%v next=%v previous=%v", p1["count"], p1["next"], p1["previous"])
	}
	if res := p1["results"].([]any); len(res) != 10 || res[0].(map[string]any)["title"] != "post 01" {
		t.Fatalf("page 1 results: %d items, first %v", len(res), res[0])
	}

	p2 := b.do("GET", "/posts/?page=2&search=post", "").obj(t)
	if p2["previous"] != b.base+"/posts/?search=post" || p2["next"] != b.base+"/posts/?page=3&search=post" {
		t.Fatalf("page 2 links: next=%v previous=%v", p2["next"], p2["previous"])
	}

	last := b.do("GET", "/posts/?page=last", "").obj(t)
	if n := len(last["results"].([]any)); n != 5 || last["next"] != nil || last["previous"] != b.base+"/posts/?page=2" {
		t.Fatalf("last page: %d results, next=%v previous=%v", n, last["next"], last["previous"])
	}

	big := b.do("GET", "/posts/?page_size=1000", "").obj(t)
	if n := len(big["results"].([]any)); n != 25 {
		t.Fatalf("page_size=1000 gave %d results, want all 25 (capped at 100)", n)
	}
	small := b.do("GET", "/posts/?page_size=3&page=2", "").obj(t)
	if n := len(small["results"].([]any)); n != 3 || small["next"] != b.base+"/posts/?page=3&page_size=3" {
		t.Fatalf("page_size=3: %d results, next=%v", n, small["next"])
	}

	for _, q := range []string{"?page=4", "?page=0", "?page=abc", "?page=-1"} {
		expect(t, b.do("GET", "/posts/"+q, ""), http.StatusNotFound, map[string]any{"detail": "Invalid page."})
	}
}

func TestPostSearchAndOrdering(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.createPost("Banana bread", "sweet", "x")
	b.createPost("apple pie", "Crust with 50% butter", "x")
	b.createPost("Cherry", "BANANA split", "x")

	titles := func(query string) []string {
		t.Helper()
		var out []string
		for _, it := range b.do("GET", "/posts/"+query, "").obj(t)["results"].([]any) {
			out = append(out, it.(map[string]any)["title"].(string))
		}
		return out
	}
	cases := []struct {
		query string
		want  []string
	}{
		{"", []string{"Banana bread", "apple pie", "Cherry"}},
		{"?search=banana", []string{"Banana bread", "Cherry"}},
		{"?search=banana,split", []string{"Cherry"}},
		{"?search=50%25", []string{"apple pie"}},
		{"?search=zzz", nil},
		{"?ordering=-id", []string{"Cherry", "apple pie", "Banana bread"}},
		{"?ordering=title", []string{"Banana bread", "Cherry", "apple pie"}},
		{"?ordering=-title", []string{"apple pie", "Cherry", "Banana bread"}},
		{"?ordering=-created_at", []string{"Cherry", "apple pie", "Banana bread"}},
		{"?ordering=bogus,-id", []string{"Cherry", "apple pie", "Banana bread"}},
		{"?ordering=bogus", []string{"Banana bread", "apple pie", "Cherry"}},
	}
	for _, tc := range cases {
		if got := titles(tc.query); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%q: got %q, want %q", tc.query, got, tc.want)
		}
	}
}
