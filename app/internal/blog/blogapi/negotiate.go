package blogapi

import (
	"sort"
	"strings"

	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
)

// Representation is how a response body is written.
type representation uint8

const (
	asJSON representation = iota
	asHTML
)

// negotiate picks the representation like DRF's DefaultContentNegotiation
// with the JSON and browsable renderers: ?format= wins (json, api; anything
// else is a 404), then the Accept header's media ranges from most to least
// specific, each tried against JSON first; nothing matching is a 406.
func negotiate(c *fiber.Ctx) (representation, error) {
	switch c.Query("format") {
	case "":
	case "json":
		return asJSON, nil
	case "api":
		return asHTML, nil
	default:
		return asJSON, web.ErrNotFound
	}
	accept := c.Get(fiber.HeaderAccept)
	switch accept {
	case "", "*/*", fiber.MIMEApplicationJSON: // the common cases, without parsing
		return asJSON, nil
	}
	return negotiateAccept(accept)
}

type mediaRange struct {
	typ, sub   string
	precedence int // 3 type/sub;params, 2 type/sub, 1 type/*, 0 */*
}

func negotiateAccept(accept string) (representation, error) {
	var ranges []mediaRange
	for part := range strings.SplitSeq(accept, ",") {
		mt, params, _ := strings.Cut(part, ";")
		typ, sub, ok := strings.Cut(strings.ToLower(strings.TrimSpace(mt)), "/")
		if !ok {
			continue
		}
		r := mediaRange{typ: typ, sub: sub, precedence: 2}
		switch {
		case typ == "*":
			r.precedence = 0
		case sub == "*":
			r.precedence = 1
		}
		if hasParams(params, &r) {
			r.precedence = 3
		}
		if r.precedence >= 0 {
			ranges = append(ranges, r)
		}
	}
	sort.SliceStable(ranges, func(i, j int) bool { return ranges[i].precedence > ranges[j].precedence })
	for _, r := range ranges {
		switch {
		case r.matches("application", "json"):
			return asJSON, nil
		case r.matches("text", "html"):
			return asHTML, nil
		}
	}
	return asJSON, web.ErrNotAcceptable
}

// hasParams reports parameters other than q; q=0 ("not acceptable") marks
// the range as excluded with a negative precedence.
func hasParams(params string, r *mediaRange) bool {
	found := false
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		switch {
		case k == "":
		case strings.EqualFold(k, "q"):
			if v = strings.TrimSpace(v); strings.Trim(v, "0.") == "" {
				r.precedence = -1
			}
		default:
			found = true
		}
	}
	return found && r.precedence >= 0
}

func (r mediaRange) matches(typ, sub string) bool {
	return r.typ == "*" || (r.typ == typ && (r.sub == "*" || r.sub == sub))
}
