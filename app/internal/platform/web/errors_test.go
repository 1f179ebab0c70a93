package web_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
)

var errDomain = errors.New("domain: gone")

func TestErrorRendering(t *testing.T) {
	t.Parallel()
	mapper := func(err error) *web.Error {
		if errors.Is(err, errDomain) {
			return web.NewError(410, "Gone for good.")
		}
		return nil
	}
	app := web.New(web.Config{BodyLimit: 1 << 10}, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, mapper)
	app.Get("/domain", func(*fiber.Ctx) error { return errors.Join(errors.New("ctx"), errDomain) })
	app.Get("/web", func(*fiber.Ctx) error { return web.UnsupportedMediaType("text/plain") })
	app.Get("/fields", func(*fiber.Ctx) error {
		return &web.Error{Status: 400, Body: map[string][]string{"title": {"This field is required."}}}
	})
	app.Get("/internal", func(*fiber.Ctx) error { return errors.New("pq: password authentication failed") })
	app.Post("/only-post", func(*fiber.Ctx) error { return nil })

	cases := []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/domain", 410, `{"detail":"Gone for good."}`},
		{"GET", "/web", 415, `{"detail":"Unsupported media type \"text/plain\" in request."}`},
		{"GET", "/fields", 400, `{"title":["This field is required."]}`},
		{"GET", "/internal", 500, `{"detail":"A server error occurred."}`},
		{"GET", "/missing", 404, `{"detail":"Not found."}`},
		{"GET", "/only-post", 405, `{"detail":"Method \"GET\" not allowed."}`},
	}
	for _, tc := range cases {
		resp, err := app.Test(httptest.NewRequest(tc.method, tc.path, nil))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tc.status || string(body) != tc.body {
			t.Errorf("%s %s: %d %s; want %d %s", tc.method, tc.path, resp.StatusCode, body, tc.status, tc.body)
		}
		if resp.Header.Get("Content-Type") != "application/json" || resp.Header.Get("X-Frame-Options") != "DENY" || resp.Header.Get("X-Request-ID") == "" {
			t.Errorf("%s %s: headers %v", tc.method, tc.path, resp.Header)
		}
	}
}

func TestTokenAuth(t *testing.T) {
	t.Parallel()
	auth := web.NewTokenAuth([]string{"first-token-xxxxxxxx", "second-token-yyyyyyy"})
	app := fiber.New()
	app.Get("/", func(c *fiber.Ctx) error {
		if err := auth.Check(c); err != nil {
			var we *web.Error
			errors.As(err, &we)
			return c.Status(we.Status).JSON(we.Body)
		}
		return c.SendString("ok")
	})
	cases := map[string]string{
		"":                                  `{"detail":"Authentication credentials were not provided."}`,
		"Token first-token-xxxxxxxx":        `{"detail":"Authentication credentials were not provided."}`,
		"Bearer":                            `{"detail":"Invalid token."}`,
		"Bearer first-token-xxxxxxx":        `{"detail":"Invalid token."}`,
		"Bearer first-token-xxxxxxxx":       "ok",
		"bearer second-token-yyyyyyy":       "ok",
		"Bearer first-token-xxxxxxxx extra": `{"detail":"Invalid token."}`,
	}
	for header, want := range cases {
		req := httptest.NewRequest("GET", "/", nil)
		if header != "" {
			req.Header.Set("Authorization", header)
		}
		resp, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if string(body) != want {
			t.Errorf("%q: %s, want %s", header, body, want)
		}
	}
}
