package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
)

// HeaderRequestID carries the request id in and out.
const HeaderRequestID = "X-Request-ID"

type requestIDKey struct{}

// RequestID returns the id of the request, for logs and error reports.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(requestIDKey{}).(string)
	return id
}

// idSource makes request ids unique across restarts and replicas without a
// random read per request: a random prefix per process plus a counter.
type idSource struct {
	prefix string
	n      atomic.Uint64
}

func newIDSource() *idSource {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return &idSource{prefix: hex.EncodeToString(b[:]) + "-"}
}

func (s *idSource) next() string {
	return s.prefix + strconv.FormatUint(s.n.Add(1), 36)
}

// validRequestID accepts ids a proxy or client may send: short and made of
// characters that are safe in logs and headers.
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		ch := id[i]
		ok := ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' ||
			ch == '-' || ch == '_' || ch == '.' || ch == ':' || ch == '/' || ch == '+' || ch == '='
		if !ok {
			return false
		}
	}
	return true
}

// requestID propagates a valid incoming X-Request-ID, or makes one.
func requestID(src *idSource) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id := c.Get(HeaderRequestID)
		if validRequestID(id) {
			id = string([]byte(id)) // Fiber's strings alias a reused buffer
		} else {
			id = src.next()
		}
		c.Locals(requestIDKey{}, id)
		c.Set(HeaderRequestID, id)
		return c.Next()
	}
}

// observe writes the access log line and the request metrics. It is the
// outermost error boundary: it runs the error handler itself so the status
// it records is the one the client gets.
func observe(log *slog.Logger, m *Metrics) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		if err := c.Next(); err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		elapsed := time.Since(start)
		status := c.Response().StatusCode()
		route := routeLabel(c)
		if m != nil {
			m.observe(c.Method(), route, status, elapsed)
		}
		if log.Enabled(context.Background(), slog.LevelInfo) {
			log.LogAttrs(context.Background(), slog.LevelInfo, "request",
				slog.String("request_id", RequestID(c)),
				slog.String("method", c.Method()),
				slog.String("path", c.Path()),
				slog.String("route", route),
				slog.Int("status", status),
				slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
				slog.Int("bytes", len(c.Response().Body())),
			)
		}
		return nil
	}
}

// routeLabel is the matched route template ("/posts/:id"), never the raw
// path, so metrics keep a bounded number of series.
func routeLabel(c *fiber.Ctx) string {
	r := c.Route()
	if r == nil || r.Method == "USE" {
		return "unmatched"
	}
	return r.Path
}

var errPanic = errors.New("web: handler panicked")

// recoverPanics turns a panic into a plain 500: the stack goes to the log,
// never to the client.
func recoverPanics(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) (err error) {
		defer func() {
			if r := recover(); r != nil {
				log.LogAttrs(context.Background(), slog.LevelError, "panic",
					slog.String("request_id", RequestID(c)),
					slog.Any("panic", r),
					slog.String("stack", string(debug.Stack())))
				err = errPanic
			}
		}()
		return c.Next()
	}
}

// setSecurityHeaders adds the headers Django's security middleware sends.
func setSecurityHeaders(c *fiber.Ctx) {
	h := &c.Response().Header
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

func securityHeaders(c *fiber.Ctx) error {
	setSecurityHeaders(c)
	return c.Next()
}
