package blog_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/blogstack/blogstack/app/internal/blog"
)

func TestPostDraftValidate(t *testing.T) {
	t.Parallel()
	s := blog.Str
	num := func(lit string) blog.Raw { return blog.Raw{Kind: blog.Number, Text: lit} }
	ok := blog.PostDraft{Title: s("t"), Content: s("c"), Author: s("a")}
	cases := []struct {
		name    string
		draft   blog.PostDraft
		partial bool
		errs    map[string][]string // nil: valid
		title   *string
	}{
		{name: "valid", draft: ok, title: ptr("t")},
		{name: "trimmed", draft: blog.PostDraft{Title: s("  t \n"), Content: s("c"), Author: s("a")}, title: ptr("t")},
		{name: "number is a string", draft: blog.PostDraft{Title: num("12"), Content: s("c"), Author: s("a")}, title: ptr("12")},
		{name: "all missing", draft: blog.PostDraft{}, errs: map[string][]string{
			"title": {"This field is required."}, "content": {"This field is required."}, "author": {"This field is required."}}},
		{name: "partial may omit", draft: blog.PostDraft{}, partial: true},
		{name: "partial still checks sent", draft: blog.PostDraft{Title: s("")}, partial: true,
			errs: map[string][]string{"title": {"This field may not be blank."}}},
		{name: "null and blank", draft: blog.PostDraft{Title: blog.Raw{Kind: blog.Null}, Content: s("   "), Author: s("a")},
			errs: map[string][]string{"title": {"This field may not be null."}, "content": {"This field may not be blank."}}},
		{name: "200 runes fit", draft: blog.PostDraft{Title: s(strings.Repeat("é", 200)), Content: s("c"), Author: s("a")},
			title: ptr(strings.Repeat("é", 200))},
		{name: "too long", draft: blog.PostDraft{Title: s(strings.Repeat("x", 201)), Content: s("c"), Author: s(strings.Repeat("y", 101))},
			errs: map[string][]string{"title": {"Ensure this field has no more than 200 characters."},
				"author": {"Ensure this field has no more than 100 characters."}}},
		{name: "wrong types", draft: blog.PostDraft{Title: blog.Raw{Kind: blog.Bool}, Content: blog.Raw{Kind: blog.List}, Author: blog.Raw{Kind: blog.Object}},
			errs: map[string][]string{"title": {"Not a valid string."}, "content": {"Not a valid string."}, "author": {"Not a valid string."}}},
		{name: "NUL", draft: blog.PostDraft{Title: s("a\x00b"), Content: s("c"), Author: s("a")},
			errs: map[string][]string{"title": {"Null characters are not allowed."}}},
		{name: "invalid UTF-8", draft: blog.PostDraft{Title: s("a\xffb"), Content: s("c"), Author: s("a")},
			errs: map[string][]string{"title": {"Not a valid string."}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.draft.Validate(tc.partial)
			checkErrs(t, err, tc.errs)
			if tc.errs == nil && !reflect.DeepEqual(got.Title, tc.title) {
				t.Fatalf("Title = %v, want %v", deref(got.Title), deref(tc.title))
			}
		})
	}
}

func TestCommentDraftValidate(t *testing.T) {
	t.Parallel()
	s := blog.Str
	cases := []struct {
		name string
		post blog.Raw
		errs map[string][]string
		id   int64
	}{
		{name: "integer", post: blog.Raw{Kind: blog.Number, Text: "7"}, id: 7},
		{name: "string integer from a form", post: s("7"), id: 7},
		{name: "word", post: s("abc"), errs: map[string][]string{"post": {"Incorrect type. Expected pk value, received str."}}},
		{name: "float", post: blog.Raw{Kind: blog.Number, Text: "1.5"}, errs: map[string][]string{"post": {"Incorrect type. Expected pk value, received float."}}},
		{name: "bool", post: blog.Raw{Kind: blog.Bool}, errs: map[string][]string{"post": {"Incorrect type. Expected pk value, received bool."}}},
		{name: "empty form value", post: s(""), errs: map[string][]string{"post": {"This field may not be null."}}},
		{name: "zero", post: s("0"), errs: map[string][]string{"post": {`Invalid pk "0" - object does not exist.`}}},
		{name: "huge", post: s("99999999999999999999"), errs: map[string][]string{"post": {`Invalid pk "99999999999999999999" - object does not exist.`}}},
		{name: "missing", errs: map[string][]string{"post": {"This field is required."}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := blog.CommentDraft{Post: tc.post, Author: s("a"), Body: s("b")}.Validate(false)
			checkErrs(t, err, tc.errs)
			if tc.errs == nil && (got.PostID == nil || *got.PostID != tc.id) {
				t.Fatalf("PostID = %v, want %d", got.PostID, tc.id)
			}
		})
	}
}

func checkErrs(t *testing.T, err error, want map[string][]string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var verr *blog.ValidationError
	if !errors.As(err, &verr) || !errors.Is(err, blog.ErrInvalid) {
		t.Fatalf("error = %v, want a *ValidationError wrapping ErrInvalid", err)
	}
	if !reflect.DeepEqual(verr.Fields, want) {
		t.Fatalf("fields = %v, want %v", verr.Fields, want)
	}
}

func ptr(s string) *string { return &s }

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
