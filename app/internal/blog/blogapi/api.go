// Package blogapi is the blog's REST API over HTTP, with Django REST
// Framework's conventions: the same URLs, bodies, pagination, error shapes
// and status codes as the Django application it replaces, plus content
// negotiation between JSON and the browsable HTML pages.
//
// Handlers are thin: decode the body into a blog Draft, call the blog Store
// with the request's context, encode the result. Everything about HTTP
// that is not blog-specific (error handler, auth, middleware) is in
// platform/web.
package blogapi

import (
	"context"
	"io"
	"net/http"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/browsable"
	"github.com/blogstack/blogstack/app/internal/openapi"
	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
)

// store is what the handlers need from the blog domain; *blog.Store is the
// implementation.
type store interface {
	ListPosts(ctx context.Context, db pg.DBTX, q blog.ListQuery) (blog.Page[blog.Post], error)
	GetPost(ctx context.Context, db pg.DBTX, id int64) (blog.Post, error)
	CreatePost(ctx context.Context, db pg.DBTX, d blog.PostDraft) (blog.Post, error)
	UpdatePost(ctx context.Context, db pg.DBTX, id int64, d blog.PostDraft, partial bool) (blog.Post, error)
	DeletePost(ctx context.Context, db pg.DBTX, id int64) error
	ListComments(ctx context.Context, db pg.DBTX, q blog.ListQuery) (blog.Page[blog.Comment], error)
	GetComment(ctx context.Context, db pg.DBTX, id int64) (blog.Comment, error)
	CreateComment(ctx context.Context, db pg.DBTX, d blog.CommentDraft) (blog.Comment, error)
	UpdateComment(ctx context.Context, db pg.DBTX, id int64, d blog.CommentDraft, partial bool) (blog.Comment, error)
	DeleteComment(ctx context.Context, db pg.DBTX, id int64) error
}

// Options configure the API.
type Options struct {
	// DB runs the queries: the pool in production.
	DB pg.DBTX
	// Tokens are the bearer tokens accepted for writes.
	Tokens []string
	// TrustProxy builds absolute URLs from X-Forwarded-Proto/Host.
	TrustProxy bool
	// Counts caches list totals; nil counts in SQL on every list. Its
	// owner runs the listener that keeps it enabled (see blog.CountCache).
	Counts *blog.CountCache
	// Render writes an HTML page; nil means browsable.Render. Tests of the
	// negotiation use a stub so they do not depend on the templates.
	Render func(io.Writer, browsable.Page) error
}

// API serves the blog endpoints.
type API struct {
	db         pg.DBTX
	store      store
	auth       *web.TokenAuth
	trustProxy bool
	render     func(io.Writer, browsable.Page) error
}

// New returns the API over a new blog.Store.
func New(opts Options) *API {
	render := opts.Render
	if render == nil {
		render = browsable.Render
	}
	return &API{
		db:         opts.DB,
		store:      blog.NewStore(opts.Counts),
		auth:       web.NewTokenAuth(opts.Tokens),
		trustProxy: opts.TrustProxy,
		render:     render,
	}
}

// Register mounts the API at the root of r: "/", "/posts/", "/posts/:id/",
// "/comments/", "/comments/:id/" (each with and without the trailing
// slash), "/openapi.json", and the browsable pages' stylesheet and script
// under browsable.AssetsPrefix.
func (a *API) Register(r fiber.Router) {
	// Asset URLs carry a content hash (?v=…), so a day of caching is safe.
	r.Use(browsable.AssetsPrefix, filesystem.New(filesystem.Config{Root: http.FS(browsable.Assets()), MaxAge: 86400}))
	for _, e := range a.endpoints() {
		r.All(e.route, a.dispatch(e))
	}
	r.Get("/openapi.json", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(openapi.Document())
	})
}
