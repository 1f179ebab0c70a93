package openapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/blogstack/blogstack/app/internal/openapi"
)

// schemas checks JSON values against the document's schemas. It implements
// the part of JSON Schema 2020-12 the document uses (type, required,
// properties, additionalProperties, items, enum, const, oneOf, lengths,
// bounds, date-time and uri formats); a keyword it does not know fails the
// check, so the document cannot outgrow the checker unnoticed.
type schemas struct {
	doc map[string]any
}

func loadSchemas() (schemas, error) {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(openapi.Document()))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return schemas{}, err
	}
	return schemas{doc: doc}, nil
}

// decodeJSON decodes a response body keeping numbers exact, so 1.0 and 1
// are told apart for "integer".
func decodeJSON(b []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return v, dec.Decode(&v)
}

// ref resolves a local reference such as "#/components/schemas/Post".
func (s schemas) ref(ref string) (map[string]any, error) {
	frag, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, fmt.Errorf("non-local $ref %q", ref)
	}
	var cur any = s.doc
	for _, tok := range strings.Split(frag, "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, _ := cur.(map[string]any)
		if cur, ok = m[tok]; !ok {
			return nil, fmt.Errorf("$ref %q does not resolve", ref)
		}
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("$ref %q is not an object", ref)
	}
	return m, nil
}

// follow resolves m's $ref, if any.
func (s schemas) follow(m map[string]any) (map[string]any, error) {
	for {
		r, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		var err error
		if m, err = s.ref(r); err != nil {
			return nil, err
		}
	}
}

// response returns the schema documented for one response, or an error
// saying what is not documented. An empty mediaType asks about a response
// without a body (HEAD, 204), which must be documented without content.
func (s schemas) response(path, method string, status int, mediaType string) (map[string]any, error) {
	item, err := s.ref("#/paths/" + strings.ReplaceAll(path, "/", "~1"))
	if err != nil {
		return nil, fmt.Errorf("path %s is not documented", path)
	}
	op, ok := item[strings.ToLower(method)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s is not documented", method, path)
	}
	resp, ok := op["responses"].(map[string]any)[fmt.Sprint(status)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s: status %d is not documented", method, path, status)
	}
	if resp, err = s.follow(resp); err != nil {
		return nil, err
	}
	content, _ := resp["content"].(map[string]any)
	if mediaType == "" {
		if len(content) != 0 {
			return nil, fmt.Errorf("%s %s %d: documented with a body, served without", method, path, status)
		}
		return nil, nil
	}
	media, ok := content[mediaType].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s %d: media type %q is not documented", method, path, status, mediaType)
	}
	schema, _ := media["schema"].(map[string]any)
	return schema, nil
}

// check returns every way v breaks schema, each prefixed with where.
func (s schemas) check(schema map[string]any, v any, where string) []string {
	schema, err := s.follow(schema)
	if err != nil {
		return []string{where + ": " + err.Error()}
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, where+": "+fmt.Sprintf(format, args...)) }
	if t, ok := schema["type"]; ok && !typeMatches(t, v) {
		fail("%s is not of type %v", short(v), t)
		return errs
	}
	for key, kw := range schema {
		switch key {
		case "type", "description", "examples", "example", "readOnly", "default", "title":
		case "$ref":
		case "required":
			if obj, ok := v.(map[string]any); ok {
				for _, name := range kw.([]any) {
					if _, ok := obj[name.(string)]; !ok {
						fail("required property %q is missing", name)
					}
				}
			}
		case "properties":
			if obj, ok := v.(map[string]any); ok {
				for name, sub := range kw.(map[string]any) {
					if pv, ok := obj[name]; ok {
						errs = append(errs, s.check(sub.(map[string]any), pv, where+"."+name)...)
					}
				}
			}
		case "additionalProperties":
			obj, ok := v.(map[string]any)
			if !ok {
				break
			}
			props, _ := schema["properties"].(map[string]any)
			for name, pv := range obj {
				if _, known := props[name]; known {
					continue
				}
				switch ap := kw.(type) {
				case bool:
					if !ap {
						fail("unexpected property %q", name)
					}
				case map[string]any:
					errs = append(errs, s.check(ap, pv, where+"."+name)...)
				}
			}
		case "minProperties":
			if obj, ok := v.(map[string]any); ok && len(obj) < num(kw) {
				fail("fewer than %v properties", kw)
			}
		case "items":
			if arr, ok := v.([]any); ok {
				for i, item := range arr {
					errs = append(errs, s.check(kw.(map[string]any), item, fmt.Sprintf("%s[%d]", where, i))...)
				}
			}
		case "minItems":
			if arr, ok := v.([]any); ok && len(arr) < num(kw) {
				fail("fewer than %v items", kw)
			}
		case "enum":
			if !slices.ContainsFunc(kw.([]any), func(e any) bool { return equal(e, v) }) {
				fail("%s is not one of %v", short(v), kw)
			}
		case "const":
			if !equal(kw, v) {
				fail("%s is not %v", short(v), kw)
			}
		case "oneOf":
			matched := 0
			for _, sub := range kw.([]any) {
				if len(s.check(sub.(map[string]any), v, where)) == 0 {
					matched++
				}
			}
			if matched != 1 {
				fail("%s matches %d of the oneOf schemas, want exactly 1", short(v), matched)
			}
		case "minLength", "maxLength":
			if str, ok := v.(string); ok {
				n := len([]rune(str))
				if key == "minLength" && n < num(kw) || key == "maxLength" && n > num(kw) {
					fail("length %d breaks %s %v", n, key, kw)
				}
			}
		case "minimum", "maximum":
			if n, ok := v.(json.Number); ok {
				f, _ := n.Float64()
				lim, _ := kw.(json.Number).Float64()
				if key == "minimum" && f < lim || key == "maximum" && f > lim {
					fail("%v breaks %s %v", n, key, kw)
				}
			}
		case "format":
			if str, ok := v.(string); ok {
				errs = append(errs, checkFormat(kw.(string), str, where)...)
			}
		default:
			fail("the checker does not know the keyword %q", key)
		}
	}
	return errs
}

// dateTime is the API's datetime: UTC with microseconds, as DRF writes it.
var dateTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)

func checkFormat(format, s, where string) []string {
	switch format {
	case "date-time":
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil || !dateTime.MatchString(s) {
			return []string{where + ": " + s + " is not a UTC date-time with microseconds"}
		}
	case "uri":
		if u, err := url.Parse(s); err != nil || !u.IsAbs() || u.Host == "" {
			return []string{where + ": " + s + " is not an absolute URI"}
		}
	default:
		return []string{where + ": the checker does not know the format " + format}
	}
	return nil
}

func typeMatches(t any, v any) bool {
	switch t := t.(type) {
	case string:
		return typeIs(t, v)
	case []any:
		return slices.ContainsFunc(t, func(x any) bool { return typeIs(x.(string), v) })
	}
	return false
}

func typeIs(t string, v any) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		return ok && !strings.ContainsAny(n.String(), ".eE")
	}
	return false
}

func equal(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func num(v any) int {
	n, _ := v.(json.Number).Int64()
	return int(n)
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:57]) + "..."
	}
	return string(b)
}
