// Package browsable renders API responses as HTML pages for people using a
// browser, the equivalent of Django REST Framework's browsable API: the
// pretty-printed JSON body, clickable links, pagination and forms for writes.
//
// The HTTP layer decides *when* to render HTML (content negotiation); this
// package only decides *how*, so it never sees Fiber or the domain types.
package browsable

// Page is everything one rendered response needs. The HTTP layer fills it
// from the same payload it would have encoded as JSON.
type Page struct {
	Name        string      // view name, e.g. "Post List", "Post Instance", "Api Root"
	Description string      // one paragraph shown under the name
	Method      string      // request method
	Path        string      // request path, without the query
	Query       string      // raw query string, without "?"
	Status      int         // response status code
	Allow       []string    // methods the endpoint allows
	Headers     [][2]string // response headers worth showing (Allow, Content-Type, Vary, Location)
	Body        any         // the payload the JSON renderer would encode; nil for 204
	Forms       *Forms      // nil when the endpoint takes no writes
}

// Forms describes the write forms shown under the response.
type Forms struct {
	Create bool    // list endpoints: a POST form
	Update bool    // item endpoints: PUT and PATCH
	Delete bool    // item endpoints: a DELETE button
	Fields []Field // writable fields, in display order
}

// Field is one writable field of a form.
type Field struct {
	Name      string
	Label     string
	Kind      string // "string" (one line), "text" (textarea) or "integer"
	Required  bool
	MaxLength int    // 0 when unbounded
	Value     string // current value on item pages, empty on create forms
	HelpText  string
}
