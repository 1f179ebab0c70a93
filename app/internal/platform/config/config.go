// Package config reads typed settings from environment variables.
//
// Each role (serve, migrate, healthcheck…) owns its Config struct and builds
// it with a Reader, so main parses and validates everything once at start and
// nothing below main ever calls os.Getenv. A Reader collects every problem so
// the operator sees all bad variables in one line instead of fixing them one
// restart at a time.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Source looks up one variable; os.LookupEnv satisfies it, and tests pass a
// map's lookup instead of mutating the process environment.
type Source func(name string) (value string, ok bool)

// Map adapts a map to a Source, for tests and examples.
func Map(m map[string]string) Source {
	return func(name string) (string, bool) {
		v, ok := m[name]
		return v, ok
	}
}

// Reader parses variables from a Source, remembering every failure.
type Reader struct {
	src  Source
	errs []error
}

// NewReader returns a Reader over src.
func NewReader(src Source) *Reader { return &Reader{src: src} }

// Err returns nil when every variable parsed, or one error naming each bad
// variable, joined on a single line.
func (r *Reader) Err() error {
	if len(r.errs) == 0 {
		return nil
	}
	msgs := make([]string, len(r.errs))
	for i, err := range r.errs {
		msgs[i] = err.Error()
	}
	return &Error{msg: strings.Join(msgs, "; "), errs: r.errs}
}

// Error is the error returned by Reader.Err; main prints it as one line.
type Error struct {
	msg  string
	errs []error
}

func (e *Error) Error() string { return e.msg }

// Unwrap exposes each variable's error to errors.Is and errors.As.
func (e *Error) Unwrap() []error { return e.errs }

// ErrMissing is wrapped by the error of a required variable that is unset or
// empty.
var ErrMissing = errors.New("is required")

// Fail records a problem with a variable found by the caller's own checks.
func (r *Reader) Fail(name string, err error) {
	r.errs = append(r.errs, fmt.Errorf("%s %w", name, err))
}

func (r *Reader) lookup(name string) (string, bool) {
	v, ok := r.src(name)
	v = strings.TrimSpace(v)
	return v, ok && v != ""
}

// String returns the variable, or def when it is unset or empty.
func (r *Reader) String(name, def string) string {
	if v, ok := r.lookup(name); ok {
		return v
	}
	return def
}

// Required returns the variable and records ErrMissing when it is unset or
// empty.
func (r *Reader) Required(name string) string {
	v, ok := r.lookup(name)
	if !ok {
		r.Fail(name, ErrMissing)
	}
	return v
}

// List splits a comma-separated variable, dropping empty items, so
// "a, b," means [a b].
func (r *Reader) List(name string) []string {
	v, _ := r.lookup(name)
	var out []string
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// Int returns the variable as an integer in [lo, hi], or def when unset.
func (r *Reader) Int(name string, def, lo, hi int) int {
	v, ok := r.lookup(name)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.Fail(name, fmt.Errorf("must be an integer, got %q", v))
		return def
	}
	if n < lo || n > hi {
		r.Fail(name, fmt.Errorf("must be between %d and %d, got %d", lo, hi, n))
		return def
	}
	return n
}

// Bool returns the variable as a boolean (true/false/1/0), or def when unset.
func (r *Reader) Bool(name string, def bool) bool {
	v, ok := r.lookup(name)
	if !ok {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.Fail(name, fmt.Errorf("must be true or false, got %q", v))
		return def
	}
	return b
}

// Duration returns the variable as a positive Go duration ("5s", "1m30s"),
// or def when unset.
func (r *Reader) Duration(name string, def time.Duration) time.Duration {
	v, ok := r.lookup(name)
	if !ok {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		r.Fail(name, fmt.Errorf("must be a positive duration such as 5s or 1m, got %q", v))
		return def
	}
	return d
}

// byteUnits are the suffixes Bytes accepts, longest first so "KiB" wins
// over "B".
var byteUnits = []struct {
	suffix string
	size   int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}

// Bytes returns a size such as "1048576", "512KiB" or "4MiB", or def when
// unset. Sizes must be positive and below 1 GiB, which is beyond any sane
// request body.
func (r *Reader) Bytes(name string, def int64) int64 {
	v, ok := r.lookup(name)
	if !ok {
		return def
	}
	num, mult := v, int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(v, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(v, u.suffix)), u.size
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<30)/mult {
		r.Fail(name, fmt.Errorf("must be a positive size below 1GiB such as 1048576, 512KiB or 4MiB, got %q", v))
		return def
	}
	return n * mult
}

// Addr returns a listen address "host:port" (host may be empty), or def
// when unset.
func (r *Reader) Addr(name, def string) string {
	v, ok := r.lookup(name)
	if !ok {
		return def
	}
	_, port, err := net.SplitHostPort(v)
	if err == nil {
		_, err = strconv.ParseUint(port, 10, 16)
	}
	if err != nil {
		r.Fail(name, fmt.Errorf("must be host:port or :port, got %q", v))
		return def
	}
	return v
}

// URL returns a required URL whose scheme is one of schemes.
func (r *Reader) URL(name string, schemes ...string) string {
	v := r.Required(name)
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil {
		// The parse error quotes the URL, which may hold a password.
		r.Fail(name, errors.New("is not a valid URL"))
		return v
	}
	for _, s := range schemes {
		if u.Scheme == s {
			return v
		}
	}
	r.Fail(name, fmt.Errorf("must use scheme %s, got %q", strings.Join(schemes, " or "), u.Scheme))
	return v
}

// MaskURL hides the password of a URL, for printing configuration.
func MaskURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
