package web

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// Error is an HTTP error response: a status and the body to encode, usually
// {"detail": "..."} as DRF writes it.
type Error struct {
	Status int
	Body   any
	// Header is an extra response header such as WWW-Authenticate; zero
	// when unused.
	Header [2]string
}

func (e *Error) Error() string { return "http " + strconv.Itoa(e.Status) }

// Detail is DRF's error body for errors that are not about a field.
type Detail struct {
	Detail string `json:"detail"`
}

// NewError returns an error answered with {"detail": detail}.
func NewError(status int, detail string) *Error {
	return &Error{Status: status, Body: Detail{Detail: detail}}
}

// Common errors, with DRF's exact wording.
var (
	// ErrNotFound answers unknown URLs, ids and formats.
	ErrNotFound = NewError(fiber.StatusNotFound, "Not found.")
	// ErrNotAcceptable answers an Accept header no renderer satisfies.
	ErrNotAcceptable = NewError(fiber.StatusNotAcceptable, "Could not satisfy the request Accept header.")
	// errInternal hides the cause of a 500 from the client; the log has it.
	errInternal = NewError(fiber.StatusInternalServerError, "A server error occurred.")
)

// MethodNotAllowed returns DRF's 405 for method.
func MethodNotAllowed(method string) *Error {
	return NewError(fiber.StatusMethodNotAllowed, `Method "`+method+`" not allowed.`)
}

// UnsupportedMediaType returns DRF's 415 for a request's Content-Type.
func UnsupportedMediaType(contentType string) *Error {
	return NewError(fiber.StatusUnsupportedMediaType, `Unsupported media type "`+contentType+`" in request.`)
}

// ErrorMapper translates a domain's errors to responses; it returns nil for
// errors it does not know. Each domain provides one, so sentinels are mapped
// to HTTP in exactly one place per domain and handled in one error handler.
type ErrorMapper func(error) *Error

type errorHandler struct {
	log     *slog.Logger
	mappers []ErrorMapper
}

// fiberDetails words Fiber's own errors (routing, limits) as DRF would.
var fiberDetails = map[int]string{
	fiber.StatusNotFound:              "Not found.",
	fiber.StatusRequestEntityTooLarge: "Request body is too large.",
	fiber.StatusRequestTimeout:        "Request timed out.",
}

func (h *errorHandler) toError(c *fiber.Ctx, err error) *Error {
	for _, m := range h.mappers {
		if e := m(err); e != nil {
			return e
		}
	}
	var we *Error
	if errors.As(err, &we) {
		return we
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		switch detail, ok := fiberDetails[fe.Code]; {
		case ok:
			return NewError(fe.Code, detail)
		case fe.Code == fiber.StatusMethodNotAllowed:
			return MethodNotAllowed(c.Method())
		case fe.Code < 500:
			return NewError(fe.Code, fe.Message)
		}
	}
	return errInternal
}

// handle is the app's only error handler: every error a handler or
// middleware returns, and fasthttp's own (body too large, timeouts), ends
// here.
func (h *errorHandler) handle(c *fiber.Ctx, err error) error {
	e := h.toError(c, err)
	if e.Status >= 500 {
		h.log.LogAttrs(c.UserContext(), slog.LevelError, "request failed",
			slog.String("request_id", RequestID(c)), slog.String("err", err.Error()))
	}
	// Errors raised before the middleware ran (fasthttp's body limit) must
	// still carry the security headers.
	setSecurityHeaders(c)
	if e.Header[0] != "" {
		c.Set(e.Header[0], e.Header[1])
	}
	if r := takeResponder(c); r != nil {
		rerr := r(c, e.Status, e.Body)
		if rerr == nil {
			return nil
		}
		h.log.LogAttrs(c.UserContext(), slog.LevelError, "rendering error page failed",
			slog.String("request_id", RequestID(c)), slog.String("err", rerr.Error()))
		if e.Status < 500 {
			e = errInternal
		}
	}
	return WriteJSON(c, e.Status, e.Body)
}
