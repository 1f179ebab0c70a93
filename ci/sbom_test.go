package main

import (
	"strings"
	"testing"
)

// sbomFixture is a small SPDX document shaped like syft's: a main module, two
// of its dependencies and a Debian package with no relation to it.
const sbomFixture = `{
  "spdxVersion": "SPDX-2.3",
  "packages": [
    {"SPDXID": "SPDXRef-Package-go-module-main", "name": "github.com/blogstack/blogstack", "versionInfo": "v0.1.0"},
    {"SPDXID": "SPDXRef-Package-go-module-fiber", "name": "github.com/gofiber/fiber/v2", "versionInfo": "v2.52.13"},
    {"SPDXID": "SPDXRef-Package-go-module-pgx", "name": "github.com/jackc/pgx/v5", "versionInfo": "v5.13.0"},
    {"SPDXID": "SPDXRef-Package-deb-tzdata", "name": "tzdata", "versionInfo": "2025b"}
  ],
  "relationships": [
    {"spdxElementId": "SPDXRef-Package-go-module-fiber", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-Package-go-module-main"},
    {"spdxElementId": "SPDXRef-Package-go-module-main", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-Package-go-module-pgx"},
    {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Package-deb-tzdata"}
  ]
}`

func TestCheckSBOM(t *testing.T) {
	t.Parallel()
	n, err := checkSBOM([]byte(sbomFixture), sbomMainModule, sbomDependencies)
	if err != nil || n != 4 {
		t.Fatalf("good SBOM: %d packages, %v; want 4, nil", n, err)
	}

	for _, tc := range []struct {
		name string
		doc  string
		deps []string
		want []string // substrings of the error
	}{
		{"not JSON", "<spdx/>", sbomDependencies, []string{"not SPDX JSON"}},
		{"not SPDX", `{"bomFormat": "CycloneDX"}`, sbomDependencies, []string{`spdxVersion is ""`}},
		{"no main module", strings.ReplaceAll(sbomFixture, `"github.com/blogstack/blogstack"`, `"blogstack"`),
			sbomDependencies, []string{"none is the main module github.com/blogstack/blogstack"}},
		{"dependency missing", strings.ReplaceAll(sbomFixture, `"github.com/jackc/pgx/v5"`, `"github.com/jackc/pgx/v4"`),
			sbomDependencies, []string{"github.com/jackc/pgx/v5 (no such package)"}},
		{"not a dependency", sbomFixture, []string{"github.com/gofiber/fiber/v2", "tzdata"},
			[]string{"tzdata (listed, but not as a dependency of github.com/blogstack/blogstack)"}},
		{"both missing", `{"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "m", "name": "github.com/blogstack/blogstack"}]}`,
			sbomDependencies, []string{"github.com/gofiber/fiber/v2 (no such package)", "github.com/jackc/pgx/v5 (no such package)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n, err := checkSBOM([]byte(tc.doc), sbomMainModule, tc.deps)
			if err == nil {
				t.Fatalf("passed with %d packages, want an error", n)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
