package blogapi

import (
	"strconv"
	"time"

	"github.com/blogstack/blogstack/app/internal/blog"
)

// timeLayout is DRF's datetime output: ISO 8601 in UTC with microseconds.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// postJSON is a post as the API shows it, field order as in DRF.
type postJSON struct {
	ID          int64   `json:"id"`
	URL         string  `json:"url"`
	Title       string  `json:"title"`
	Content     string  `json:"content"`
	Author      string  `json:"author"`
	Status      string  `json:"status"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
	PublishedAt *string `json:"published_at"`
}

func newPostJSON(base string, p blog.Post) postJSON {
	out := postJSON{
		ID:        p.ID,
		URL:       base + "/posts/" + strconv.FormatInt(p.ID, 10) + "/",
		Title:     p.Title,
		Content:   p.Content,
		Author:    p.Author,
		Status:    p.Status,
		CreatedAt: formatTime(p.CreatedAt),
		UpdatedAt: formatTime(p.UpdatedAt),
	}
	if p.PublishedAt != nil {
		s := formatTime(*p.PublishedAt)
		out.PublishedAt = &s
	}
	return out
}

func (p postJSON) link() string { return p.URL }

// formValues fills the edit forms of an item page.
func (p postJSON) formValues() map[string]string {
	return map[string]string{"title": p.Title, "content": p.Content, "author": p.Author}
}

// commentJSON is a comment as the API shows it; post is the post's id, as
// DRF's PrimaryKeyRelatedField renders it.
type commentJSON struct {
	ID        int64  `json:"id"`
	URL       string `json:"url"`
	Post      int64  `json:"post"`
	Author    string `json:"author"`
	Body      string `json:"body"`
	CreatedAt string `json:"created_at"`
}

func newCommentJSON(base string, c blog.Comment) commentJSON {
	return commentJSON{
		ID:        c.ID,
		URL:       base + "/comments/" + strconv.FormatInt(c.ID, 10) + "/",
		Post:      c.PostID,
		Author:    c.Author,
		Body:      c.Body,
		CreatedAt: formatTime(c.CreatedAt),
	}
}

func (c commentJSON) link() string { return c.URL }

func (c commentJSON) formValues() map[string]string {
	return map[string]string{"post": strconv.FormatInt(c.Post, 10), "author": c.Author, "body": c.Body}
}

// pageJSON is DRF's PageNumberPagination envelope.
type pageJSON[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// rootJSON is the API root: where the collections are.
type rootJSON struct {
	Posts    string `json:"posts"`
	Comments string `json:"comments"`
}
