package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// DRF's 401 bodies; WWW-Authenticate tells clients which scheme to use.
var (
	errNoCredentials = &Error{Status: fiber.StatusUnauthorized,
		Body: Detail{"Authentication credentials were not provided."}, Header: [2]string{"WWW-Authenticate", `Bearer realm="api"`}}
	errBadToken = &Error{Status: fiber.StatusUnauthorized,
		Body: Detail{"Invalid token."}, Header: [2]string{"WWW-Authenticate", `Bearer realm="api"`}}
)

// TokenAuth checks "Authorization: Bearer <token>" against a set of
// configured tokens; several are allowed so a new one can be rolled out
// before the old one is withdrawn.
type TokenAuth struct {
	hashes [][sha256.Size]byte
}

// NewTokenAuth returns a checker accepting any of tokens.
func NewTokenAuth(tokens []string) *TokenAuth {
	a := &TokenAuth{}
	for _, t := range tokens {
		a.hashes = append(a.hashes, sha256.Sum256([]byte(t)))
	}
	return a
}

// Check returns nil when the request carries a valid token, else a 401
// *Error. Tokens are compared as SHA-256 digests in constant time and every
// configured token is tried, so neither the token's length nor which token
// matched shows in the timing.
func (a *TokenAuth) Check(c *fiber.Ctx) error {
	scheme, token, _ := strings.Cut(c.Get(fiber.HeaderAuthorization), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return errNoCredentials
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	match := 0
	for i := range a.hashes {
		match |= subtle.ConstantTimeCompare(sum[:], a.hashes[i][:])
	}
	if match != 1 {
		return errBadToken
	}
	return nil
}
