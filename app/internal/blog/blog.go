// Package blog is the blog domain: posts and their comments, the rules a
// write must satisfy, and the PostgreSQL store.
//
// It knows nothing of HTTP. Input arrives as Drafts of Raw values (what the
// client sent, untyped), validation turns a Draft into typed changes or a
// *ValidationError listing every bad field at once with Django REST
// Framework's messages, and the store applies changes with plain
// parameterised SQL.
package blog

import (
	"errors"
	"sort"
	"strings"
)

// Sentinels callers match with errors.Is; the HTTP layer maps them to
// responses in one place.
var (
	// ErrNotFound means the addressed post or comment does not exist.
	ErrNotFound = errors.New("blog: not found")
	// ErrInvalid is wrapped by *ValidationError: the input broke a rule.
	ErrInvalid = errors.New("blog: invalid input")
	// ErrInvalidPage means a list page outside 1..last was requested.
	ErrInvalidPage = errors.New("blog: invalid page")
)

// NonFieldErrors is the key of errors about the input as a whole, as in DRF.
const NonFieldErrors = "non_field_errors"

// ValidationError lists every problem of one input, by field name.
type ValidationError struct {
	Fields map[string][]string
}

func (e *ValidationError) Error() string {
	names := make([]string, 0, len(e.Fields))
	for name := range e.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("blog: invalid input:")
	for _, name := range names {
		b.WriteString(" " + name + ": " + strings.Join(e.Fields[name], " "))
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// add records msg against field, creating the error on first use so valid
// input costs no allocation.
func (e *ValidationError) add(field, msg string) *ValidationError {
	if e == nil {
		e = &ValidationError{Fields: map[string][]string{}}
	}
	e.Fields[field] = append(e.Fields[field], msg)
	return e
}

// orNil returns e as an error, or a true nil when nothing was recorded; a
// typed nil pointer inside an error interface would read as a failure.
func (e *ValidationError) orNil() error {
	if e == nil {
		return nil
	}
	return e
}

// NewValidationError returns an error about one field, for problems found
// outside this package such as an unreadable body.
func NewValidationError(field, msg string) *ValidationError {
	return (*ValidationError)(nil).add(field, msg)
}
