package blogapi

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/browsable"
	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
)

// renders lists the representations, in DRF's metadata order.
var renders = []string{fiber.MIMEApplicationJSON, fiber.MIMETextHTML}

// options answers OPTIONS with DRF's SimpleMetadata, built once per view.
func (e *endpoint) options(c *fiber.Ctx) error {
	return web.Respond(c, fiber.StatusOK, json.RawMessage(e.metadata))
}

// buildMetadata writes the OPTIONS body by hand because DRF lists fields in
// declaration order, which a Go map would lose.
func buildMetadata(e *endpoint) []byte {
	var b bytes.Buffer
	str := func(v any) { s, _ := json.Marshal(v); b.Write(s) }
	b.WriteString(`{"name":`)
	str(e.name)
	b.WriteString(`,"description":`)
	str(e.description)
	b.WriteString(`,"renders":`)
	str(renders)
	b.WriteString(`,"parses":`)
	str(parses)
	if e.fields != nil {
		b.WriteString(`,"actions":{`)
		str(e.action)
		b.WriteString(`:{`)
		for i, f := range e.fields {
			if i > 0 {
				b.WriteByte(',')
			}
			str(f.Name)
			b.WriteByte(':')
			str(fieldMeta(f))
		}
		b.WriteString(`}}`)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// fieldMetadata is one field in OPTIONS "actions", keys in DRF's order.
type fieldMetadata struct {
	Type      string   `json:"type"`
	Required  bool     `json:"required"`
	ReadOnly  bool     `json:"read_only"`
	Label     string   `json:"label"`
	MaxLength int      `json:"max_length,omitempty"`
	Choices   []choice `json:"choices,omitempty"`
}

type choice struct {
	Value       string `json:"value"`
	DisplayName string `json:"display_name"`
}

func fieldMeta(f blog.FieldSpec) fieldMetadata {
	m := fieldMetadata{Type: f.Type, Required: f.Required, ReadOnly: f.ReadOnly, Label: f.Label, MaxLength: f.MaxLength}
	for _, c := range f.Choices {
		m.Choices = append(m.Choices, choice{Value: c, DisplayName: strings.ToUpper(c[:1]) + c[1:]})
	}
	return m
}

// forms describes the write forms under a browsable page: a create form on
// lists, edit and delete forms on an item that was found. They carry the
// same fields as OPTIONS, minus the read-only ones.
func (e *endpoint) forms(body any) *browsable.Forms {
	if e.fields == nil {
		return nil
	}
	forms := &browsable.Forms{}
	var values map[string]string
	if e.action == fiber.MethodPost {
		forms.Create = true
	} else {
		it, ok := body.(item)
		if !ok {
			return nil // an error page: there is nothing to edit
		}
		forms.Update, forms.Delete = true, true
		values = it.formValues()
	}
	for _, f := range e.fields {
		if f.ReadOnly {
			continue
		}
		forms.Fields = append(forms.Fields, browsable.Field{
			Name:      f.Name,
			Label:     f.Label,
			Kind:      formKind(f),
			Required:  f.Required,
			MaxLength: f.MaxLength,
			Value:     values[f.Name],
		})
	}
	return forms
}

func formKind(f blog.FieldSpec) string {
	switch {
	case f.Multiline:
		return "text"
	case f.Type == "field" || f.Type == "integer":
		return "integer"
	}
	return "string"
}
