package openapi

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// operationMethods are the path item keys that hold operations in 3.1.
var operationMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func decode(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(Document(), &doc); err != nil {
		t.Fatalf("document is not JSON: %v", err)
	}
	return doc
}

// operations calls fn for every operation with its path, method and the
// path item's own parameters.
func operations(t *testing.T, doc map[string]any, fn func(path, method string, op, item map[string]any)) {
	t.Helper()
	paths, ok := doc["paths"].(map[string]any)
	if !ok || len(paths) == 0 {
		t.Fatal("document has no paths")
	}
	for path, v := range paths {
		item := v.(map[string]any)
		for _, m := range operationMethods {
			if op, ok := item[m].(map[string]any); ok {
				fn(path, m, op, item)
			}
		}
	}
}

func TestDocumentIsOpenAPI31(t *testing.T) {
	t.Parallel()
	doc := decode(t)
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", doc["openapi"])
	}
	info, _ := doc["info"].(map[string]any)
	if info["title"] == nil || info["version"] == nil {
		t.Errorf("info needs title and version: %v", info)
	}
}

func TestDocumentReturnsACopy(t *testing.T) {
	t.Parallel()
	a := Document()
	a[0] = 'X'
	if Document()[0] != '{' {
		t.Error("changing the returned bytes changed the document")
	}
}

func TestEveryOperationIsComplete(t *testing.T) {
	t.Parallel()
	doc := decode(t)
	ids := map[string]string{}
	operations(t, doc, func(path, method string, op, _ map[string]any) {
		where := strings.ToUpper(method) + " " + path
		id, _ := op["operationId"].(string)
		if id == "" {
			t.Errorf("%s has no operationId", where)
		} else if prev, dup := ids[id]; dup {
			t.Errorf("operationId %q used by %s and %s", id, prev, where)
		}
		ids[id] = where
		responses, _ := op["responses"].(map[string]any)
		if len(responses) == 0 {
			t.Errorf("%s has no responses", where)
		}
		for code, r := range responses {
			if !regexp.MustCompile(`^([1-5][0-9][0-9]|[1-5]XX|default)$`).MatchString(code) {
				t.Errorf("%s: response key %q is not a status code", where, code)
			}
			if r.(map[string]any)["description"] == nil && r.(map[string]any)["$ref"] == nil {
				t.Errorf("%s %s: a response needs a description", where, code)
			}
		}
		if op["summary"] == nil {
			t.Errorf("%s has no summary", where)
		}
	})
}

// TestWritesNeedTheBearerToken mirrors the contract: every write is
// authenticated, every read is public.
func TestWritesNeedTheBearerToken(t *testing.T) {
	t.Parallel()
	doc := decode(t)
	if doc["security"] != nil {
		t.Error("a top-level security requirement would make reads private")
	}
	schemes := doc["components"].(map[string]any)["securitySchemes"].(map[string]any)
	bearer, _ := schemes["bearerAuth"].(map[string]any)
	if bearer["type"] != "http" || bearer["scheme"] != "bearer" {
		t.Errorf("bearerAuth = %v, want http bearer", bearer)
	}
	operations(t, doc, func(path, method string, op, _ map[string]any) {
		sec, _ := op["security"].([]any)
		write := method == "post" || method == "put" || method == "patch" || method == "delete"
		switch {
		case write && len(sec) != 1:
			t.Errorf("%s %s: a write must require bearerAuth", method, path)
		case write:
			if _, ok := sec[0].(map[string]any)["bearerAuth"]; !ok {
				t.Errorf("%s %s: security %v, want bearerAuth", method, path, sec)
			}
			if _, ok := op["responses"].(map[string]any)["401"]; !ok {
				t.Errorf("%s %s: a write must document 401", method, path)
			}
		case len(sec) != 0:
			t.Errorf("%s %s: a read must be public", method, path)
		}
	})
}

// TestPathParametersDeclared checks each {name} of a path template against
// the parameters declared for it, both ways.
func TestPathParametersDeclared(t *testing.T) {
	t.Parallel()
	doc := decode(t)
	tmpl := regexp.MustCompile(`\{([^}]+)\}`)
	operations(t, doc, func(path, method string, op, item map[string]any) {
		var inPath []string
		for _, m := range tmpl.FindAllStringSubmatch(path, -1) {
			inPath = append(inPath, m[1])
		}
		var declared []string
		for _, list := range []any{item["parameters"], op["parameters"]} {
			ps, _ := list.([]any)
			for _, p := range ps {
				param := resolve(t, doc, p.(map[string]any))
				if param["in"] == "path" {
					if param["required"] != true {
						t.Errorf("%s %s: path parameter %v must be required", method, path, param["name"])
					}
					declared = append(declared, param["name"].(string))
				}
			}
		}
		slices.Sort(inPath)
		slices.Sort(declared)
		if !slices.Equal(inPath, declared) {
			t.Errorf("%s %s: template has %v, declared %v", method, path, inPath, declared)
		}
	})
}

func TestEveryRefResolves(t *testing.T) {
	t.Parallel()
	doc := decode(t)
	var refs int
	var walk func(where string, v any)
	walk = func(where string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				refs++
				if _, err := pointer(doc, ref); err != "" {
					t.Errorf("%s: $ref %q: %s", where, ref, err)
				}
			}
			for k, child := range v {
				walk(where+"/"+k, child)
			}
		case []any:
			for _, child := range v {
				walk(where+"/[]", child)
			}
		}
	}
	walk("#", doc)
	if refs < 20 {
		t.Errorf("only %d $refs found: the walk is broken", refs)
	}
}

func TestPointerRejectsDanglingRefs(t *testing.T) {
	t.Parallel()
	doc := decode(t)
	for _, ref := range []string{"#/components/schemas/Nope", "other.json#/x", "#/paths/~1posts~1/get/nope"} {
		if _, err := pointer(doc, ref); err == "" {
			t.Errorf("pointer(%q) resolved", ref)
		}
	}
	if _, err := pointer(doc, "#/paths/~1posts~1/get"); err != "" {
		t.Errorf("escaped pointer did not resolve: %s", err)
	}
}

// pointer resolves a local JSON pointer reference; err is "" on success.
func pointer(doc map[string]any, ref string) (any, string) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, "only local references are used in this document"
	}
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return nil, err.Error()
	}
	var cur any = doc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, "walks into a non-object at " + tok
		}
		if cur, ok = m[tok]; !ok {
			return nil, "no " + tok
		}
	}
	return cur, ""
}

// resolve follows v's $ref, if any.
func resolve(t *testing.T, doc, v map[string]any) map[string]any {
	t.Helper()
	ref, ok := v["$ref"].(string)
	if !ok {
		return v
	}
	target, err := pointer(doc, ref)
	if err != "" {
		t.Fatalf("$ref %q: %s", ref, err)
	}
	return target.(map[string]any)
}
