// Package openapi holds the OpenAPI 3.1 description of the blog API, embedded
// in the binary and served at /openapi.json.
package openapi

// Document returns the OpenAPI document as JSON.
//
// TODO(openapi helper): placeholder until the document lands.
func Document() []byte { return []byte(`{"openapi":"3.1.0"}`) }
