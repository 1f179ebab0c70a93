package blog

import "time"

// Post statuses. CRUD creates drafts; only the publish workflow moves a
// post on, which is why status is read-only in every write.
const (
	StatusDraft     = "draft"
	StatusPending   = "pending"
	StatusPublished = "published"
	StatusRejected  = "rejected"
)

// Limits on post fields, shared by validation, OPTIONS and the forms.
const (
	TitleMaxLength  = 200
	AuthorMaxLength = 100
)

// Post is a blog article.
type Post struct {
	ID          int64
	Title       string
	Content     string
	Author      string
	Status      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt *time.Time // nil until published
}

// PostFields describes a post's fields in display order.
var PostFields = []FieldSpec{
	{Name: "id", Label: "ID", Type: "integer", ReadOnly: true},
	{Name: "title", Label: "Title", Type: "string", Required: true, MaxLength: TitleMaxLength},
	{Name: "content", Label: "Content", Type: "string", Required: true, Multiline: true},
	{Name: "author", Label: "Author", Type: "string", Required: true, MaxLength: AuthorMaxLength},
	{Name: "status", Label: "Status", Type: "choice", ReadOnly: true,
		Choices: []string{StatusDraft, StatusPending, StatusPublished, StatusRejected}},
	{Name: "created_at", Label: "Created at", Type: "datetime", ReadOnly: true},
	{Name: "updated_at", Label: "Updated at", Type: "datetime", ReadOnly: true},
	{Name: "published_at", Label: "Published at", Type: "datetime", ReadOnly: true},
}

// PostDraft is a post as submitted: any field may be missing or of the wrong
// type. Read-only and unknown fields are not carried, so they are ignored
// as DRF ignores them.
type PostDraft struct {
	Title, Content, Author Raw
}

// PostChanges is a validated post write; a nil field is left untouched,
// which is what makes PATCH safe against concurrent PATCHes of other
// fields.
type PostChanges struct {
	Title, Content, Author *string
}

// Validate checks d; partial is true for PATCH, where missing fields are
// allowed. Every invalid field is reported in one *ValidationError.
func (d PostDraft) Validate(partial bool) (PostChanges, error) {
	var errs *ValidationError
	var c PostChanges
	if v, set, ok := text(&errs, "title", d.Title, partial, TitleMaxLength); ok && set {
		c.Title = &v
	}
	if v, set, ok := text(&errs, "content", d.Content, partial, 0); ok && set {
		c.Content = &v
	}
	if v, set, ok := text(&errs, "author", d.Author, partial, AuthorMaxLength); ok && set {
		c.Author = &v
	}
	return c, errs.orNil()
}
