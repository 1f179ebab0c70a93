package blogapi

import (
	"errors"
	"testing"

	"github.com/blogstack/blogstack/app/internal/platform/web"
)

func TestNegotiateAccept(t *testing.T) {
	t.Parallel()
	cases := []struct {
		accept string
		want   representation
		err    error
	}{
		{"text/html", asHTML, nil},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", asHTML, nil},
		{"application/json;q=0.5, text/html", asJSON, nil}, // DRF orders by specificity, not q
		{"*/*;q=0.1, text/*", asHTML, nil},
		{"application/*", asJSON, nil},
		{"application/json; indent=4", asJSON, nil},
		{"text/html;q=0, */*", asJSON, nil},
		{"application/xml", asJSON, web.ErrNotAcceptable},
		{"garbage", asJSON, web.ErrNotAcceptable},
	}
	for _, tc := range cases {
		got, err := negotiateAccept(tc.accept)
		if !errors.Is(err, tc.err) || (err == nil && got != tc.want) {
			t.Errorf("%q: %v, %v; want %v, %v", tc.accept, got, err, tc.want, tc.err)
		}
	}
}
