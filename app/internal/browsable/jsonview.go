package browsable

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// segment is one run of the pretty-printed body: plain text, or the inside of
// a JSON string value that is an absolute http(s) URL and becomes a link.
// The template escapes both, so no part of a user's value reaches the page
// as markup.
type segment struct {
	Text string
	Href string
}

// prettyJSON encodes body the way the JSON renderer would, indented by two
// spaces. HTML escaping is off because html/template escapes the text: with
// it on, a title typed as "<b>" would show as "\u003cb\u003e".
func prettyJSON(body any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(body); err != nil {
		return nil, fmt.Errorf("browsable: encode body: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// linkify splits pretty JSON into segments, turning every string value that
// is an http(s) URL into a link, as DRF's browsable API does. Keys are never
// links. Concatenating the Text of the segments gives back the input.
func linkify(pretty []byte) []segment {
	var segs []segment
	plainStart := 0
	for i := 0; i < len(pretty); i++ {
		if pretty[i] != '"' {
			continue
		}
		end := stringEnd(pretty, i)
		if end < 0 {
			break // not valid JSON; leave the rest as plain text
		}
		if isKey(pretty, end) {
			i = end
			continue
		}
		var value string
		if json.Unmarshal(pretty[i:end+1], &value) == nil && isLink(value) {
			// The quotes stay outside the link, like DRF's rendering.
			segs = appendPlain(segs, string(pretty[plainStart:i+1]))
			segs = append(segs, segment{Text: string(pretty[i+1 : end]), Href: value})
			plainStart = end
		}
		i = end
	}
	return appendPlain(segs, string(pretty[plainStart:]))
}

func appendPlain(segs []segment, s string) []segment {
	if s == "" {
		return segs
	}
	return append(segs, segment{Text: s})
}

// stringEnd returns the index of the quote closing the JSON string that
// opens at start, or -1 when it never closes.
func stringEnd(b []byte, start int) int {
	for j := start + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++ // skip the escaped byte, which may be a quote
		case '"':
			return j
		}
	}
	return -1
}

// isKey reports whether the string closing at end is an object key, that is
// whether the next non-space byte is a colon.
func isKey(b []byte, end int) bool {
	rest := bytes.TrimLeft(b[end+1:], " \t\r\n")
	return len(rest) > 0 && rest[0] == ':'
}

// isLink reports whether s is worth a link: an absolute http or https URL
// with a host and nothing a browser would have to guess about. Anything else
// (javascript:, relative paths, prose containing a URL) stays text.
func isLink(s string) bool {
	if strings.ContainsAny(s, " \t\r\n\"<>\\") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// pagination holds the links of a DRF PageNumberPagination body.
type pagination struct {
	Count    int64
	Page     int
	Next     string // empty on the last page
	Previous string // empty on the first page
}

// detectPagination recognises a paginated list by its shape (count, next,
// previous and results all present), whatever Go type the caller encoded,
// so a struct and a map render alike.
func detectPagination(pretty []byte, query string) (pagination, bool) {
	var shape map[string]json.RawMessage
	if json.Unmarshal(pretty, &shape) != nil {
		return pagination{}, false
	}
	for _, k := range []string{"count", "next", "previous", "results"} {
		if _, ok := shape[k]; !ok {
			return pagination{}, false
		}
	}
	var p pagination
	var results []json.RawMessage
	if json.Unmarshal(shape["count"], &p.Count) != nil || json.Unmarshal(shape["results"], &results) != nil {
		return pagination{}, false
	}
	p.Next = pageLink(shape["next"])
	p.Previous = pageLink(shape["previous"])
	p.Page = currentPage(query)
	return p, true
}

// pageLink decodes a next/previous value, dropping null and anything that is
// not a link or a same-site path (the template would neutralise it anyway,
// but a dead "Next" button is worse than none).
func pageLink(raw json.RawMessage) string {
	var s *string
	if json.Unmarshal(raw, &s) != nil || s == nil {
		return ""
	}
	if isLink(*s) || (strings.HasPrefix(*s, "/") && !strings.HasPrefix(*s, "//")) {
		return *s
	}
	return ""
}

// currentPage reads ?page= the way the paginator does: missing means 1.
func currentPage(query string) int {
	q, _ := url.ParseQuery(query)
	n, err := strconv.Atoi(q.Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}
