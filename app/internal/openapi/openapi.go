// Package openapi holds the OpenAPI 3.1 description of the blog API, embedded
// in the binary and served at /openapi.json.
//
// The document is written by hand rather than generated: the API follows
// Django REST Framework's conventions, which no Go generator describes, and
// a hand-written document reads better. What keeps it true is a test that
// compares it with the routes and responses of the running server.
package openapi

import _ "embed"

//go:embed openapi.json
var document string

// Document returns the OpenAPI document as JSON. Each call returns a fresh
// copy, so a caller cannot change what the next one serves.
func Document() []byte { return []byte(document) }
