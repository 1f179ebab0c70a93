package browsable

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestAssetsServed serves Assets() the way the API server must and fetches
// every asset a rendered page references: a page whose stylesheet or script
// 404s looks broken and cannot submit its forms.
func TestAssetsServed(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle(AssetsPrefix, http.StripPrefix(AssetsPrefix, http.FileServerFS(Assets())))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	page := render(t, Page{Name: "Api Root", Path: "/", Status: 200, Body: map[string]string{}})
	refs := regexp.MustCompile(`(?:href|src)="(/static/browsable/[^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(refs) != 2 {
		t.Fatalf("page references %d assets, want the stylesheet and the script", len(refs))
	}
	wantType := map[string]string{".css?": "text/css", ".js?": "text/javascript"}
	for _, ref := range refs {
		res, err := http.Get(srv.URL + ref[1])
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || len(body) == 0 {
			t.Errorf("GET %s: %d, %d bytes", ref[1], res.StatusCode, len(body))
		}
		for ext, typ := range wantType {
			if strings.Contains(ref[1], ext) && !strings.HasPrefix(res.Header.Get("Content-Type"), typ) {
				t.Errorf("GET %s: Content-Type %q, want %s", ref[1], res.Header.Get("Content-Type"), typ)
			}
		}
	}
}

func TestAssetVersionFollowsContent(t *testing.T) {
	t.Parallel()
	if len(assetVersion) != 12 || assetVersion != hashAssets() {
		t.Errorf("assetVersion %q is not a stable 12-digit hash", assetVersion)
	}
	if got := assetURL("browsable.css"); got != "/static/browsable/browsable.css?v="+assetVersion {
		t.Errorf("assetURL = %q", got)
	}
}
