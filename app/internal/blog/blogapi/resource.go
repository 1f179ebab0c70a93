package blogapi

import (
	"context"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// item is a resource's JSON representation.
type item interface {
	link() string                  // its absolute URL, for Location
	formValues() map[string]string // its writable fields, for the edit forms
}

// resource wires one collection's store calls to DRF's list/create and
// retrieve/update/destroy handlers; posts and comments differ only in these
// functions.
type resource[T any, J item] struct {
	path   string // "/posts/"
	list   func(ctx context.Context, db pg.DBTX, q blog.ListQuery) (blog.Page[T], error)
	get    func(ctx context.Context, db pg.DBTX, id int64) (T, error)
	create func(ctx context.Context, db pg.DBTX, f fields) (T, error)
	update func(ctx context.Context, db pg.DBTX, id int64, f fields, partial bool) (T, error)
	remove func(ctx context.Context, db pg.DBTX, id int64) error
	toJSON func(base string, t T) J
	// filter reads extra list filters such as ?post=; nil when none.
	filter func(args *fasthttp.Args, q *blog.ListQuery) error
}

func (r *resource[T, J]) listHandler(a *API) fiber.Handler {
	return func(c *fiber.Ctx) error {
		base, err := web.BaseURL(c, a.trustProxy)
		if err != nil {
			return err
		}
		args := queryArgs(c)
		q, err := listQuery(args)
		if err != nil {
			return err
		}
		if r.filter != nil {
			if err := r.filter(args, &q); err != nil {
				return err
			}
		}
		page, err := r.list(c.UserContext(), a.db, q)
		if err != nil {
			return err
		}
		out := pageJSON[J]{Count: page.Total, Results: make([]J, len(page.Items))}
		out.Next, out.Previous = pageLinks(base, r.path, args, page)
		for i, t := range page.Items {
			out.Results[i] = r.toJSON(base, t)
		}
		return web.Respond(c, fiber.StatusOK, out)
	}
}

func (r *resource[T, J]) getHandler(a *API) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, base, err := a.itemRequest(c)
		if err != nil {
			return err
		}
		t, err := r.get(c.UserContext(), a.db, id)
		if err != nil {
			return err
		}
		return web.Respond(c, fiber.StatusOK, r.toJSON(base, t))
	}
}

func (r *resource[T, J]) createHandler(a *API) fiber.Handler {
	return func(c *fiber.Ctx) error {
		base, err := web.BaseURL(c, a.trustProxy)
		if err != nil {
			return err
		}
		f, err := decodeBody(c)
		if err != nil {
			return err
		}
		t, err := r.create(c.UserContext(), a.db, f)
		if err != nil {
			return err
		}
		out := r.toJSON(base, t)
		c.Set(fiber.HeaderLocation, out.link())
		return web.Respond(c, fiber.StatusCreated, out)
	}
}

// updateHandler serves PUT (partial false) and PATCH (partial true).
func (r *resource[T, J]) updateHandler(a *API, partial bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, base, err := a.itemRequest(c)
		if err != nil {
			return err
		}
		f, err := decodeBody(c)
		if err != nil {
			return err
		}
		t, err := r.update(c.UserContext(), a.db, id, f, partial)
		if err != nil {
			return err
		}
		return web.Respond(c, fiber.StatusOK, r.toJSON(base, t))
	}
}

func (r *resource[T, J]) deleteHandler(a *API) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		if err := r.remove(c.UserContext(), a.db, id); err != nil {
			return err
		}
		return web.Respond(c, fiber.StatusNoContent, nil)
	}
}

// endpoints returns the list and the item view of the resource.
func (r *resource[T, J]) endpoints(a *API, list, instance *endpoint) []*endpoint {
	list.path, instance.path = r.path, r.path
	list.route = r.path[:len(r.path)-1]
	instance.route = list.route + "/:id"
	list.get, list.post = r.listHandler(a), r.createHandler(a)
	list.action = fiber.MethodPost
	instance.get, instance.del = r.getHandler(a), r.deleteHandler(a)
	instance.put, instance.patch = r.updateHandler(a, false), r.updateHandler(a, true)
	instance.action = fiber.MethodPut
	return []*endpoint{list.finish(), instance.finish()}
}

// itemRequest reads what every item handler needs first: the id from the
// path and the base of absolute URLs.
func (a *API) itemRequest(c *fiber.Ctx) (int64, string, error) {
	id, err := pathID(c)
	if err != nil {
		return 0, "", err
	}
	base, err := web.BaseURL(c, a.trustProxy)
	return id, base, err
}
