package browsable

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// view is what the template sees: Page plus everything derived from it, so
// the template stays free of logic beyond if/range.
type view struct {
	Page
	Crumbs        []crumb
	RequestTarget string // path and query, as on the request line
	StatusLine    string // "200 OK"
	StatusClass   string // "ok", "redirect", "client-error", "server-error"
	Headers       [][2]string
	HasBody       bool
	Body          []segment
	Pagination    *pagination
	SelfURL       string // this page as HTML
	JSONURL       string // this page as JSON
	ShowOptions   bool
	Forms         *formsView
}

type crumb struct {
	Name string
	Href string // empty for the current page
}

type formsView struct {
	Create *formView
	Update *formView
	Delete bool
}

type formView struct {
	Fields []fieldView
}

type fieldView struct {
	Field
	InputID string
	HelpID  string
	ErrorID string
}

// newView derives the template data. It fails only when Body cannot be
// encoded as JSON, which the JSON renderer would have refused too.
func newView(p Page) (view, error) {
	v := view{
		Page:          p,
		Crumbs:        breadcrumbs(p.Path),
		RequestTarget: withQuery(p.Path, p.Query),
		StatusLine:    statusLine(p.Status),
		StatusClass:   statusClass(p.Status),
		Headers:       headers(p),
		SelfURL:       withFormat(p.Path, p.Query, "api"),
		JSONURL:       withFormat(p.Path, p.Query, "json"),
		ShowOptions:   len(p.Allow) == 0 || slices.Contains(p.Allow, http.MethodOptions),
		Forms:         forms(p.Forms),
	}
	if p.Method == "" {
		v.Method = http.MethodGet
	}
	if p.Body == nil {
		return v, nil
	}
	pretty, err := prettyJSON(p.Body)
	if err != nil {
		return view{}, err
	}
	v.HasBody = true
	v.Body = linkify(pretty)
	if pg, ok := detectPagination(pretty, p.Query); ok {
		v.Pagination = &pg
	}
	return v, nil
}

// breadcrumbs names each ancestor of path the way DRF names its views:
// "/" is the Api Root, "/posts/" the Post List, "/posts/3/" a Post Instance.
func breadcrumbs(p string) []crumb {
	crumbs := []crumb{{Name: "Api Root", Href: "/"}}
	var parts []string
	for s := range strings.SplitSeq(p, "/") {
		if s != "" {
			parts = append(parts, s)
		}
	}
	for i, part := range parts {
		href := "/" + strings.Join(parts[:i+1], "/") + "/"
		var name string
		switch i {
		case 0:
			name = singular(titleCase(part)) + " List"
		case 1:
			name = singular(titleCase(parts[0])) + " Instance"
		default:
			name = titleCase(part)
		}
		crumbs = append(crumbs, crumb{Name: name, Href: href})
	}
	crumbs[len(crumbs)-1].Href = ""
	return crumbs
}

// titleCase turns "blog-posts" into "Blog Posts".
func titleCase(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// singular is deliberately naive: the API's collections are regular plurals.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return strings.TrimSuffix(s, "ies") + "y"
	case strings.HasSuffix(s, "ss"):
		return s
	case strings.HasSuffix(s, "s") && len(s) > 1:
		return strings.TrimSuffix(s, "s")
	}
	return s
}

func withQuery(p, query string) string {
	if query == "" {
		return p
	}
	return p + "?" + query
}

// withFormat keeps the rest of the query (page, search…) so that switching
// format shows the same data, as DRF's format links do.
func withFormat(p, query, format string) string {
	q, err := url.ParseQuery(query)
	if err != nil {
		q = url.Values{}
	}
	q.Set("format", format)
	return p + "?" + q.Encode()
}

func statusLine(code int) string {
	if text := http.StatusText(code); text != "" {
		return strconv.Itoa(code) + " " + text
	}
	return strconv.Itoa(code)
}

func statusClass(code int) string {
	switch {
	case code >= 500:
		return "server-error"
	case code >= 400:
		return "client-error"
	case code >= 300:
		return "redirect"
	}
	return "ok"
}

// headers shows the Allow header first, as DRF does, taking it from
// Page.Allow when the caller did not list it among the headers.
func headers(p Page) [][2]string {
	for _, h := range p.Headers {
		if strings.EqualFold(h[0], "Allow") {
			return p.Headers
		}
	}
	if len(p.Allow) == 0 {
		return p.Headers
	}
	return append([][2]string{{"Allow", strings.Join(p.Allow, ", ")}}, p.Headers...)
}

func forms(f *Forms) *formsView {
	if f == nil || !(f.Create || f.Update || f.Delete) {
		return nil
	}
	fv := &formsView{Delete: f.Delete}
	if f.Create {
		fv.Create = formFields("create", f.Fields)
	}
	if f.Update {
		fv.Update = formFields("update", f.Fields)
	}
	return fv
}

// formFields prefixes the element ids with the form's name: the create and
// update forms never share a page today, but ids must stay unique if they do.
func formFields(form string, fields []Field) *formView {
	fv := &formView{Fields: make([]fieldView, len(fields))}
	for i, f := range fields {
		if f.Label == "" {
			f.Label = titleCase(f.Name)
		}
		id := form + "-" + f.Name
		fv.Fields[i] = fieldView{Field: f, InputID: id, HelpID: id + "-help", ErrorID: id + "-error"}
	}
	return fv
}
