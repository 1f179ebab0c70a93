package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// errBadHost refuses a Host header that could not be part of a URL, as
// Django refuses one outside ALLOWED_HOSTS: it would end up in the links of
// the response.
var errBadHost = NewError(fiber.StatusBadRequest, "Invalid Host header.")

// BaseURL returns "scheme://host" of the request, as DRF's
// build_absolute_uri sees it; with trustProxy it believes
// X-Forwarded-Proto and X-Forwarded-Host.
func BaseURL(c *fiber.Ctx, trustProxy bool) (string, error) {
	scheme := "http"
	if c.Context().IsTLS() {
		scheme = "https"
	}
	host := string(c.Request().Host())
	if trustProxy {
		if p := firstValue(c.Get(fiber.HeaderXForwardedProto)); p == "https" || p == "http" {
			scheme = p
		}
		if h := firstValue(c.Get(fiber.HeaderXForwardedHost)); h != "" {
			host = h
		}
	}
	if !validHost(host) {
		return "", errBadHost
	}
	return scheme + "://" + host, nil
}

func firstValue(v string) string {
	v, _, _ = strings.Cut(v, ",")
	return strings.TrimSpace(v)
}

// validHost accepts host names, IPv4 and bracketed IPv6 with an optional
// port.
func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for i := 0; i < len(h); i++ {
		ch := h[i]
		ok := ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' ||
			ch == '-' || ch == '.' || ch == ':' || ch == '[' || ch == ']' || ch == '_'
		if !ok {
			return false
		}
	}
	return true
}
