package blogapi

import (
	"bytes"
	"fmt"

	"github.com/blogstack/blogstack/app/internal/browsable"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
)

// htmlResponder renders the view's responses, errors included, as
// browsable pages showing the body the JSON renderer would have written.
func (a *API) htmlResponder(e *endpoint) web.Responder {
	return func(c *fiber.Ctx, status int, body any) error {
		page := browsable.Page{
			Name:        e.name,
			Description: e.description,
			Method:      c.Method(),
			Path:        c.Path(),
			Query:       string(c.Request().URI().QueryString()),
			Status:      status,
			Allow:       e.allow,
			Headers:     shownHeaders(c, e),
			Body:        body,
			Forms:       e.forms(body),
		}
		var buf bytes.Buffer
		if err := a.render(&buf, page); err != nil {
			return fmt.Errorf("blogapi: render %s page: %w", e.name, err)
		}
		c.Status(status)
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		// The pages hold no inline code, so the policy can forbid it all.
		c.Set(fiber.HeaderContentSecurityPolicy, browsable.ContentSecurityPolicy)
		return c.Send(buf.Bytes())
	}
}

// shownHeaders are the headers the page displays: those of the JSON
// response, as DRF's browsable API shows them.
func shownHeaders(c *fiber.Ctx, e *endpoint) [][2]string {
	h := [][2]string{
		{fiber.HeaderAllow, e.allowHeader},
		{fiber.HeaderContentType, fiber.MIMEApplicationJSON},
		{fiber.HeaderVary, fiber.HeaderAccept},
	}
	if loc := c.Response().Header.Peek(fiber.HeaderLocation); len(loc) > 0 {
		h = append(h, [2]string{fiber.HeaderLocation, string(loc)})
	}
	return h
}
