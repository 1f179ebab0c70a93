package blogapi

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
)

// fields is a decoded request body: each submitted field's raw value. A
// missing key reads as blog.Absent.
type fields map[string]blog.Raw

// Media types the API parses, in the order OPTIONS reports them.
var parses = []string{fiber.MIMEApplicationJSON, fiber.MIMEApplicationForm, fiber.MIMEMultipartForm}

// decodeBody reads the request body as DRF's parsers would: JSON, or
// form-encoded (the HTML forms), or multipart. A request without a body or
// without a Content-Type has no data, so the required fields are reported
// as missing rather than the media type as unsupported.
func decodeBody(c *fiber.Ctx) (fields, error) {
	contentType := c.Get(fiber.HeaderContentType)
	body := c.Body()
	if contentType == "" || len(body) == 0 {
		return fields{}, nil
	}
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	switch {
	case mt == fiber.MIMEApplicationJSON || strings.HasSuffix(mt, "+json"):
		return decodeJSON(body)
	case mt == fiber.MIMEApplicationForm:
		f := fields{}
		for k, v := range c.Request().PostArgs().All() {
			f[string(k)] = blog.Str(string(v))
		}
		return f, nil
	case mt == fiber.MIMEMultipartForm:
		form, err := c.MultipartForm()
		if err != nil {
			return nil, web.NewError(fiber.StatusBadRequest, "Multipart form parse error - "+err.Error())
		}
		f := fields{}
		for k, vs := range form.Value {
			if len(vs) > 0 {
				f[k] = blog.Str(vs[len(vs)-1]) // Django's QueryDict.get takes the last
			}
		}
		return f, nil
	}
	return nil, web.UnsupportedMediaType(contentType)
}

// decodeJSON parses a JSON object into raw values without deciding their
// types: validation reports a wrong type per field, with DRF's words.
func decodeJSON(body []byte) (fields, error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] != '{' {
		if !json.Valid(trimmed) {
			var v any
			return nil, jsonParseError(json.Unmarshal(trimmed, &v))
		}
		return nil, &web.Error{Status: fiber.StatusBadRequest, Body: map[string][]string{
			blog.NonFieldErrors: {"Invalid data. Expected a dictionary, but got " + rawValue(trimmed).PythonType() + "."},
		}}
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, jsonParseError(err)
	}
	f := make(fields, len(obj))
	for k, v := range obj {
		f[k] = rawValue(v)
	}
	return f, nil
}

func jsonParseError(err error) *web.Error {
	return web.NewError(fiber.StatusBadRequest, "JSON parse error - "+err.Error())
}

// rawValue classifies one well-formed JSON value.
func rawValue(v []byte) blog.Raw {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return blog.Raw{Kind: blog.Absent}
	}
	switch v[0] {
	case '"':
		var s string
		_ = json.Unmarshal(v, &s) // already validated by the enclosing Unmarshal
		return blog.Str(s)
	case 'n':
		return blog.Raw{Kind: blog.Null}
	case 't', 'f':
		return blog.Raw{Kind: blog.Bool}
	case '[':
		return blog.Raw{Kind: blog.List}
	case '{':
		return blog.Raw{Kind: blog.Object}
	}
	return blog.Raw{Kind: blog.Number, Text: string(v)}
}

func (f fields) postDraft() blog.PostDraft {
	return blog.PostDraft{Title: f["title"], Content: f["content"], Author: f["author"]}
}

func (f fields) commentDraft() blog.CommentDraft {
	return blog.CommentDraft{Post: f["post"], Author: f["author"], Body: f["body"]}
}
