package blogapi

import (
	"errors"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
)

var errInvalidPage = web.NewError(fiber.StatusNotFound, "Invalid page.")

// MapError is the one place blog sentinels become HTTP responses; pass it
// to web.New.
func MapError(err error) *web.Error {
	var verr *blog.ValidationError
	switch {
	case errors.As(err, &verr):
		return &web.Error{Status: fiber.StatusBadRequest, Body: verr.Fields}
	case errors.Is(err, blog.ErrNotFound):
		return web.ErrNotFound
	case errors.Is(err, blog.ErrInvalidPage):
		return errInvalidPage
	}
	return nil
}
