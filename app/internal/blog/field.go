package blog

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the type a client gave a field, before validation.
type Kind uint8

// The kinds a decoded body can hold; Absent is the zero value so an unset
// Raw means "not sent".
const (
	Absent Kind = iota
	Null
	String
	Number
	Bool
	List
	Object
)

// Raw is one submitted field as the client sent it. Text is the string's
// value or the number's literal; other kinds carry no text.
type Raw struct {
	Kind Kind
	Text string
}

// Str returns a Raw string, for tests and form decoding.
func Str(s string) Raw { return Raw{Kind: String, Text: s} }

// PythonType names a kind as DRF's messages do ("received str").
func (r Raw) PythonType() string {
	switch r.Kind {
	case String:
		return "str"
	case Number:
		if strings.ContainsAny(r.Text, ".eE") {
			return "float"
		}
		return "int"
	case Bool:
		return "bool"
	case List:
		return "list"
	case Object:
		return "dict"
	default:
		return "NoneType"
	}
}

// DRF's messages, word for word, because clients of the original API match
// on them.
const (
	msgRequired  = "This field is required."
	msgBlank     = "This field may not be blank."
	msgNull      = "This field may not be null."
	msgNotString = "Not a valid string."
	msgNullChar  = "Null characters are not allowed."
	msgMaxLength = "Ensure this field has no more than %d characters."
)

// FieldSpec describes one field of a resource: what OPTIONS reports and the
// browsable forms show, and the limits validation enforces.
type FieldSpec struct {
	Name      string
	Label     string
	Type      string // DRF metadata type: "integer", "string", "datetime", "choice", "field"
	Required  bool
	ReadOnly  bool
	MaxLength int      // 0 when unbounded
	Multiline bool     // shown as a textarea
	Choices   []string // for "choice" fields
}

// text validates a required CharField the way DRF does: it must be present
// (unless partial), not null, a string or number, trimmed non-blank, free of
// NUL and within maxLen characters. ok is false when an error was recorded.
func text(errs **ValidationError, name string, r Raw, partial bool, maxLen int) (val string, set, ok bool) {
	fail := func(msg string) (string, bool, bool) {
		*errs = (*errs).add(name, msg)
		return "", false, false
	}
	switch r.Kind {
	case Absent:
		if partial {
			return "", false, true
		}
		return fail(msgRequired)
	case Null:
		return fail(msgNull)
	case String, Number:
	default:
		return fail(msgNotString)
	}
	if !utf8.ValidString(r.Text) {
		return fail(msgNotString)
	}
	v := strings.TrimSpace(r.Text)
	if v == "" {
		return fail(msgBlank)
	}
	if strings.IndexByte(v, 0) >= 0 {
		return fail(msgNullChar)
	}
	if maxLen > 0 && utf8.RuneCountInString(v) > maxLen {
		return fail(strings.Replace(msgMaxLength, "%d", strconv.Itoa(maxLen), 1))
	}
	return v, true, true
}
