package web

import (
	"github.com/gofiber/fiber/v2"
)

// Responder writes a response body in a representation other than JSON,
// such as the browsable HTML page. An endpoint installs one per request with
// SetResponder after content negotiation chose it; Respond and the error
// handler then go through it.
type Responder func(c *fiber.Ctx, status int, body any) error

type responderKey struct{}

// SetResponder makes r write this request's responses, errors included.
func SetResponder(c *fiber.Ctx, r Responder) { c.Locals(responderKey{}, r) }

// takeResponder returns the request's Responder and removes it, so a
// Responder that fails is not called again for its own error.
func takeResponder(c *fiber.Ctx) Responder {
	r, _ := c.Locals(responderKey{}).(Responder)
	if r != nil {
		c.Locals(responderKey{}, nil)
	}
	return r
}

// Respond writes body with status in the negotiated representation: JSON
// unless a Responder was set.
func Respond(c *fiber.Ctx, status int, body any) error {
	if r, _ := c.Locals(responderKey{}).(Responder); r != nil {
		return r(c, status, body)
	}
	return WriteJSON(c, status, body)
}

// WriteJSON writes body as application/json; a nil body writes no content,
// as for 204.
func WriteJSON(c *fiber.Ctx, status int, body any) error {
	c.Status(status)
	if body == nil {
		c.Response().ResetBody()
		return nil
	}
	return c.JSON(body)
}
