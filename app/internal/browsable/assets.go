package browsable

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"path"
)

// AssetsPrefix is the URL path under which the server must serve Assets().
// Pages reference their stylesheet and script there, as separate files rather
// than inline, so that ContentSecurityPolicy can forbid inline code.
const AssetsPrefix = "/static/browsable/"

// ContentSecurityPolicy is the policy to send with rendered pages. The pages
// carry no inline script, style or event handler, so 'self' is enough; the
// forms' fetch calls go to the same origin.
const ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

//go:embed static
var staticFS embed.FS

// Assets returns the stylesheet and script of the pages, to be served under
// AssetsPrefix (file "browsable.css" at AssetsPrefix+"browsable.css"). Pages
// add a content hash to the URLs (?v=…), so the files may be cached for long.
func Assets() fs.FS {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // "static" is a valid, embedded directory: cannot happen
	}
	return sub
}

// assetVersion changes whenever an asset does, busting browser caches.
var assetVersion = hashAssets()

func hashAssets() string {
	h := sha256.New()
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		h.Write([]byte(p))
		h.Write(b)
		return nil
	})
	if err != nil {
		panic(err) // reading an embed.FS cannot fail
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// assetURL is the versioned URL of one embedded asset.
func assetURL(name string) string {
	return path.Join(AssetsPrefix, name) + "?v=" + assetVersion
}
