package blogapi

import (
	"context"
	"strconv"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// root answers the API root with the collections' absolute URLs.
func (a *API) root(c *fiber.Ctx) error {
	base, err := web.BaseURL(c, a.trustProxy)
	if err != nil {
		return err
	}
	return web.Respond(c, fiber.StatusOK, rootJSON{Posts: base + "/posts/", Comments: base + "/comments/"})
}

func (a *API) posts() *resource[blog.Post, postJSON] {
	s := a.store
	return &resource[blog.Post, postJSON]{
		path: "/posts/",
		list: s.ListPosts,
		get:  s.GetPost,
		create: func(ctx context.Context, db pg.DBTX, f fields) (blog.Post, error) {
			return s.CreatePost(ctx, db, f.postDraft())
		},
		update: func(ctx context.Context, db pg.DBTX, id int64, f fields, partial bool) (blog.Post, error) {
			return s.UpdatePost(ctx, db, id, f.postDraft(), partial)
		},
		remove: s.DeletePost,
		toJSON: newPostJSON,
	}
}

// msgBadChoice is django-filter's message for a ?post= that is not an id.
const msgBadChoice = "Select a valid choice. That choice is not one of the available choices."

func (a *API) comments() *resource[blog.Comment, commentJSON] {
	s := a.store
	return &resource[blog.Comment, commentJSON]{
		path: "/comments/",
		list: s.ListComments,
		get:  s.GetComment,
		create: func(ctx context.Context, db pg.DBTX, f fields) (blog.Comment, error) {
			return s.CreateComment(ctx, db, f.commentDraft())
		},
		update: func(ctx context.Context, db pg.DBTX, id int64, f fields, partial bool) (blog.Comment, error) {
			return s.UpdateComment(ctx, db, id, f.commentDraft(), partial)
		},
		remove: s.DeleteComment,
		toJSON: newCommentJSON,
		filter: func(args *fasthttp.Args, q *blog.ListQuery) error {
			raw := string(args.Peek("post"))
			if raw == "" {
				return nil
			}
			id, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				return blog.NewValidationError("post", msgBadChoice)
			}
			q.PostID = &id
			return nil
		},
	}
}
