package browsable

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed templates
var templateFS embed.FS

// pageTmpl is parsed once; parsing is pure, and a broken template fails
// every test in the package rather than the first request in production.
var pageTmpl = template.Must(template.New("browsable").
	Funcs(template.FuncMap{"asset": assetURL}).
	ParseFS(templateFS, "templates/*.tmpl"))

// Render writes p as a complete HTML5 document.
//
// The page is built in memory first, so on error nothing has been written
// and the caller can still answer with a plain 500. Every value of p is
// escaped for its context by html/template: titles and bodies come from
// users. The page loads its stylesheet and script from AssetsPrefix, so the
// server must serve Assets() there.
func Render(w io.Writer, p Page) error {
	v, err := newView(p)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pageTmpl.ExecuteTemplate(&buf, "page", v); err != nil {
		return fmt.Errorf("browsable: render %s: %w", p.Path, err)
	}
	_, err = buf.WriteTo(w)
	return err
}
