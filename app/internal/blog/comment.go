package blog

import (
	"strconv"
	"time"
)

// Comment is a reader's note on a post; it is deleted with its post.
type Comment struct {
	ID        int64
	PostID    int64
	Author    string
	Body      string
	CreatedAt time.Time
}

// CommentFields describes a comment's fields in display order.
var CommentFields = []FieldSpec{
	{Name: "id", Label: "ID", Type: "integer", ReadOnly: true},
	{Name: "post", Label: "Post", Type: "field", Required: true},
	{Name: "author", Label: "Author", Type: "string", Required: true, MaxLength: AuthorMaxLength},
	{Name: "body", Label: "Body", Type: "string", Required: true, Multiline: true},
	{Name: "created_at", Label: "Created at", Type: "datetime", ReadOnly: true},
}

// CommentDraft is a comment as submitted.
type CommentDraft struct {
	Post, Author, Body Raw
}

// CommentChanges is a validated comment write; nil fields are untouched.
type CommentChanges struct {
	PostID       *int64
	Author, Body *string
}

// msgPostMissing is DRF's PrimaryKeyRelatedField message for an unknown pk;
// the store uses it too, when the foreign key rejects a write.
func msgPostMissing(id string) string {
	return `Invalid pk "` + id + `" - object does not exist.`
}

// msgPostType is DRF's message for a pk of the wrong type.
func msgPostType(r Raw) string {
	return "Incorrect type. Expected pk value, received " + r.PythonType() + "."
}

// Validate checks d; partial is true for PATCH. Whether the post exists is
// the store's business: it is only known inside the write's transaction.
func (d CommentDraft) Validate(partial bool) (CommentChanges, error) {
	var errs *ValidationError
	var c CommentChanges
	if id, set, ok := postRef(&errs, d.Post, partial); ok && set {
		c.PostID = &id
	}
	if v, set, ok := text(&errs, "author", d.Author, partial, AuthorMaxLength); ok && set {
		c.Author = &v
	}
	if v, set, ok := text(&errs, "body", d.Body, partial, 0); ok && set {
		c.Body = &v
	}
	return c, errs.orNil()
}

// postRef validates a primary-key reference as DRF's PrimaryKeyRelatedField:
// an integer, or a string holding one (forms send strings); an empty string
// counts as null. A well-formed id that cannot exist (zero, negative, out of
// range) is reported as not existing, like DRF's lookup would.
func postRef(errs **ValidationError, r Raw, partial bool) (id int64, set, ok bool) {
	switch r.Kind {
	case Absent:
		if partial {
			return 0, false, true
		}
		*errs = (*errs).add("post", msgRequired)
		return 0, false, false
	case Null:
		*errs = (*errs).add("post", msgNull)
		return 0, false, false
	case String:
		if r.Text == "" {
			*errs = (*errs).add("post", msgNull)
			return 0, false, false
		}
	case Number:
	default:
		*errs = (*errs).add("post", msgPostType(r))
		return 0, false, false
	}
	if !isInteger(r.Text) {
		*errs = (*errs).add("post", msgPostType(r))
		return 0, false, false
	}
	n, err := strconv.ParseInt(r.Text, 10, 64)
	if err != nil || n <= 0 {
		*errs = (*errs).add("post", msgPostMissing(r.Text))
		return 0, false, false
	}
	return n, true, true
}

// isInteger reports whether s is an optionally signed run of ASCII digits.
func isInteger(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
