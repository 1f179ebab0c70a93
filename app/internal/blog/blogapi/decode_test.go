package blogapi

import (
	"errors"
	"testing"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/platform/web"
)

func TestDecodeJSON(t *testing.T) {
	t.Parallel()
	f, err := decodeJSON([]byte(`{"title":"a\u00e9","content":null,"author":12,"post":true,"x":[1],"y":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := fields{
		"title": blog.Str("aé"), "content": {Kind: blog.Null}, "author": {Kind: blog.Number, Text: "12"},
		"post": {Kind: blog.Bool}, "x": {Kind: blog.List}, "y": {Kind: blog.Object},
	}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("%s = %+v, want %+v", k, f[k], v)
		}
	}
	for body, wantStatus := range map[string]int{`{"a":`: 400, `"str"`: 400, `nul`: 400} {
		var we *web.Error
		if _, err := decodeJSON([]byte(body)); !errors.As(err, &we) || we.Status != wantStatus {
			t.Errorf("%q: error %v, want a %d *web.Error", body, err, wantStatus)
		}
	}
}

// FuzzDecodeValidate feeds arbitrary bodies through decoding and both
// validations: they must never panic, and whatever validates must satisfy
// the rules the database relies on.
func FuzzDecodeValidate(f *testing.F) {
	for _, seed := range []string{
		`{"title":"t","content":"c","author":"a"}`,
		`{"title":"","content":null,"author":[1]}`,
		`{"post":"12","author":"x","body":"y"}`,
		`{"post":1e3,"body":"\u0000"}`,
		`[1,2,3]`, `"x"`, `{`, ``, `null`, `{"title":"` + "\xff" + `"}`,
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, partial bool) {
		fs, err := decodeJSON(body)
		if err != nil {
			var we *web.Error
			if !errors.As(err, &we) || we.Status != 400 {
				t.Fatalf("decode error %v is not a 400", err)
			}
			return
		}
		if c, err := fs.postDraft().Validate(partial); err == nil {
			for _, v := range []*string{c.Title, c.Content, c.Author} {
				if v != nil && (*v == "" || containsNUL(*v)) {
					t.Fatalf("validated post has an empty or NUL field: %+v", c)
				}
			}
			if !partial && (c.Title == nil || c.Content == nil || c.Author == nil) {
				t.Fatalf("full validation let a field through missing: %+v", c)
			}
		} else if !errors.Is(err, blog.ErrInvalid) {
			t.Fatalf("post validation error %v is not ErrInvalid", err)
		}
		if c, err := fs.commentDraft().Validate(partial); err == nil && c.PostID != nil && *c.PostID < 1 {
			t.Fatalf("validated comment references post %d", *c.PostID)
		}
	})
}

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}
