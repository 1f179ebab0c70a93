package serve_test

import (
	"fmt"
	"net/http"
	"testing"
)

func TestComments(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p1 := b.createPost("one", "c", "a")
	p2 := b.createPost("two", "c", "a")

	r := b.write("POST", "/comments/", fmt.Sprintf(`{"post":%v,"author":"bob","body":"nice"}`, p1["id"]))
	expect(t, r, http.StatusCreated, nil)
	c := r.obj(t)
	if c["post"] != p1["id"] || c["url"] != fmt.Sprintf("%s/comments/%v/", b.base, c["id"]) {
		t.Fatalf("created comment = %v", c)
	}
	expect(t, b.write("POST", "/comments/", fmt.Sprintf(`{"post":"%v","author":"eve","body":"string pk"}`, p2["id"])), http.StatusCreated, nil)

	list := b.do("GET", fmt.Sprintf("/comments/?post=%v", p1["id"]), "").obj(t)
	if list["count"] != float64(1) {
		t.Fatalf("?post= filter: %v", list)
	}
	expect(t, b.do("GET", "/comments/?post=abc", ""), http.StatusBadRequest,
		map[string]any{"post": []string{"Select a valid choice. That choice is not one of the available choices."}})

	item := fmt.Sprintf("/comments/%v/", c["id"])
	r = b.write("PATCH", item, fmt.Sprintf(`{"post":%v}`, p2["id"]))
	expect(t, r, http.StatusOK, nil)
	if o := r.obj(t); o["post"] != p2["id"] || o["body"] != "nice" {
		t.Fatalf("after PATCH: %v", o)
	}
	expect(t, b.write("PATCH", item, `{"post":9999}`), http.StatusBadRequest,
		map[string]any{"post": []string{`Invalid pk "9999" - object does not exist.`}})
	expect(t, b.write("PUT", item, fmt.Sprintf(`{"post":%v,"author":"bob","body":"edited"}`, p1["id"])), http.StatusOK, nil)

	// Deleting a post deletes its comments.
	expect(t, b.write("DELETE", fmt.Sprintf("/posts/%v/", p1["id"]), ""), http.StatusNoContent, nil)
	expect(t, b.do("GET", item, ""), http.StatusNotFound, map[string]any{"detail": "Not found."})
	if n := b.do("GET", "/comments/", "").obj(t)["count"]; n != float64(1) {
		t.Fatalf("comments left after cascade = %v, want 1", n)
	}
	expect(t, b.write("DELETE", "/comments/abc/", ""), http.StatusNotFound, map[string]any{"detail": "Not found."})
}

func TestCommentValidation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	cases := []struct {
		name, body string
		want       map[string]any
	}{
		{"unknown post", `{"post":9999,"author":"a","body":"b"}`,
			map[string]any{"post": []string{`Invalid pk "9999" - object does not exist.`}}},
		{"unknown post with other errors", `{"post":9999,"author":"","body":null}`, map[string]any{
			"post":   []string{`Invalid pk "9999" - object does not exist.`},
			"author": []string{"This field may not be blank."},
			"body":   []string{"This field may not be null."}}},
		{"non-integer post", `{"post":"abc","author":"a","body":"b"}`,
			map[string]any{"post": []string{"Incorrect type. Expected pk value, received str."}}},
		{"boolean post", `{"post":true,"author":"a","body":"b"}`,
			map[string]any{"post": []string{"Incorrect type. Expected pk value, received bool."}}},
		{"missing", `{}`, map[string]any{
			"post": []string{"This field is required."}, "author": []string{"This field is required."}, "body": []string{"This field is required."}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, b.write("POST", "/comments/", tc.body), http.StatusBadRequest, tc.want)
		})
	}
}
