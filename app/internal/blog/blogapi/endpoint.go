package blogapi

import (
	"strconv"
	"strings"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
)

// endpoint is one DRF view: a URL with its handlers per method and what
// OPTIONS and the browsable page say about it.
type endpoint struct {
	route       string // Fiber route; the trailing slash is optional
	path        string // canonical path for links, e.g. "/posts/"
	name        string // DRF view name, e.g. "Post List"
	description string
	allow       []string
	allowHeader string

	get, post, put, patch, del fiber.Handler

	// fields are the resource's fields for OPTIONS and the forms; nil for
	// read-only endpoints. action is the method OPTIONS describes ("POST"
	// on lists, "PUT" on items).
	fields   []blog.FieldSpec
	action   string
	metadata []byte // the OPTIONS body, built once
}

// finish derives Allow and the OPTIONS body from the handlers set.
func (e *endpoint) finish() *endpoint {
	for _, m := range []struct {
		name string
		h    fiber.Handler
	}{{fiber.MethodGet, e.get}, {fiber.MethodPost, e.post}, {fiber.MethodPut, e.put}, {fiber.MethodPatch, e.patch}, {fiber.MethodDelete, e.del}} {
		if m.h != nil {
			e.allow = append(e.allow, m.name)
		}
	}
	e.allow = append(e.allow, fiber.MethodHead, fiber.MethodOptions)
	e.allowHeader = strings.Join(e.allow, ", ")
	e.metadata = buildMetadata(e)
	return e
}

// endpoints lists the API's views.
func (a *API) endpoints() []*endpoint {
	root := (&endpoint{route: "/", path: "/", name: "Api Root",
		description: "The blog API: follow the links to the posts and their comments.",
		get:         a.root}).finish()
	out := []*endpoint{root}
	out = append(out, a.posts().endpoints(a,
		&endpoint{name: "Post List", fields: blog.PostFields,
			description: "Blog posts. Anyone may read; writing needs a bearer token. New posts start as drafts."},
		&endpoint{name: "Post Instance", fields: blog.PostFields,
			description: "One blog post. PUT replaces every writable field, PATCH only those sent; DELETE also deletes its comments."},
	)...)
	return append(out, a.comments().endpoints(a,
		&endpoint{name: "Comment List", fields: blog.CommentFields,
			description: "Comments on posts; ?post=<id> lists one post's. Anyone may read; writing needs a bearer token."},
		&endpoint{name: "Comment Instance", fields: blog.CommentFields,
			description: "One comment. PUT replaces every writable field, PATCH only those sent."},
	)...)
}

// dispatch runs a view in DRF's order: content negotiation (406, unknown
// format), then authentication for unsafe methods (401), then the method
// check (405), then the handler.
func (a *API) dispatch(e *endpoint) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderAllow, e.allowHeader)
		c.Set(fiber.HeaderVary, fiber.HeaderAccept)
		rep, err := negotiate(c)
		if err != nil {
			return err
		}
		if rep == asHTML {
			web.SetResponder(c, a.htmlResponder(e))
		}
		var h fiber.Handler
		switch m := c.Method(); m {
		case fiber.MethodGet, fiber.MethodHead:
			h = e.get
		case fiber.MethodOptions:
			h = e.options
		default:
			if err := a.auth.Check(c); err != nil {
				return err
			}
			switch m {
			case fiber.MethodPost:
				h = e.post
			case fiber.MethodPut:
				h = e.put
			case fiber.MethodPatch:
				h = e.patch
			case fiber.MethodDelete:
				h = e.del
			}
		}
		if h == nil {
			return web.MethodNotAllowed(c.Method())
		}
		return h(c)
	}
}

// pathID reads the :id parameter; anything not a positive integer cannot
// name an object, so it is a 404 like DRF's failed lookup.
func pathID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, web.ErrNotFound
	}
	return id, nil
}
