package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dagger.io/dagger"
)

// syftVersion is syft, pinned, built from source in the pipeline's Go
// container like golangci-lint (module proxy only: works air-gapped). The
// version is stamped into the binary, as release builds do, so that the
// SBOM's creator names it ("Tool: syft-1.57.2").
const (
	syftVersion = "v1.57.2"
	syftModule  = "github.com/anchore/syft/cmd/syft@" + syftVersion
)

// sbomName is the SBOM's file name in dist/, next to the build stage's
// blogstack-image.tar.
const sbomName = "blogstack-image.spdx.json"

// sbomMainModule is the module of the image's binary, and sbomDependencies
// some of its dependencies: the SBOM must show them, or syft did not read
// the binary's build information.
const sbomMainModule = "github.com/blogstack/blogstack"

var sbomDependencies = []string{"github.com/gofiber/fiber/v2", "github.com/jackc/pgx/v5"}

// syft is a Go container with syft installed. Its network features are
// off: the update check (on for a binary with a version) and every
// "enrichment" (remote licence look-ups, Maven, npm; off by default, kept
// off explicitly), so a scan reads only the image.
func (p *pipeline) syft() *dagger.Container {
	return p.goContainer(p.dag.Directory()).
		WithExec([]string{"go", "install", "-ldflags=-X main.version=" + strings.TrimPrefix(syftVersion, "v"), syftModule}).
		WithEnvVariable("SYFT_CHECK_FOR_APP_UPDATE", "false").
		WithEnvVariable("SYFT_ENRICH", "none")
}

// sbomScan runs syft on the image of image(), exported as a tarball (an OCI
// image layout, Dagger's default, hence the oci-archive: scheme): no Docker
// daemon or registry involved. The SPDX JSON SBOM is /out/<sbomName>.
func (p *pipeline) sbomScan() *dagger.Container {
	return p.syft().
		WithMountedFile("/image.tar", p.image().AsTarball()).
		WithExec([]string{"syft", "scan", "oci-archive:/image.tar", "--source-name", "blogstack", "--source-version", p.opts.Version,
			"-o", "spdx-json=/out/" + sbomName})
}

// sbom is the image's SBOM in SPDX JSON.
func (p *pipeline) sbom() *dagger.File {
	return p.sbomScan().File("/out/" + sbomName)
}

// exportSBOM writes the SBOM to dist/ and checks that it describes the
// binary's modules; it returns the stage's key figure.
func exportSBOM(ctx context.Context, p *pipeline) (string, error) {
	path := filepath.Join(p.opts.Dist, sbomName)
	if _, err := p.sbom().Export(ctx, path); err != nil {
		return "", fmt.Errorf("SBOM: syft: %w", explain(err))
	}
	data, err := os.ReadFile(filepath.Join(p.opts.Source, path))
	if err != nil {
		return "", fmt.Errorf("SBOM: %w", err)
	}
	n, err := checkSBOM(data, sbomMainModule, sbomDependencies)
	if err != nil {
		return "", fmt.Errorf("SBOM %s: %w", path, err)
	}
	return fmt.Sprintf("SBOM %d packages (%s)", n, path), nil
}

// spdxDocument is the part of an SPDX 2.x JSON document the check reads.
type spdxDocument struct {
	SPDXVersion string `json:"spdxVersion"`
	Packages    []struct {
		SPDXID      string `json:"SPDXID"`
		Name        string `json:"name"`
		VersionInfo string `json:"versionInfo"`
	} `json:"packages"`
	Relationships []struct {
		Element string `json:"spdxElementId"`
		Type    string `json:"relationshipType"`
		Related string `json:"relatedSpdxElement"`
	} `json:"relationships"`
}

// checkSBOM parses an SPDX JSON document and checks that it lists the Go
// module mainModule and each of deps as its dependency (syft records the
// modules of a Go binary's build information as packages, each
// DEPENDENCY_OF the main module). It returns the number of packages, and
// an error naming everything missing.
func checkSBOM(data []byte, mainModule string, deps []string) (int, error) {
	var doc spdxDocument
	if err := json.Unmarshal(data, &doc); err != nil {
		return 0, fmt.Errorf("not SPDX JSON: %w", err)
	}
	if !strings.HasPrefix(doc.SPDXVersion, "SPDX-") {
		return 0, fmt.Errorf("not SPDX JSON: spdxVersion is %q", doc.SPDXVersion)
	}
	ids := map[string][]string{} // package name → SPDX IDs
	for _, pkg := range doc.Packages {
		ids[pkg.Name] = append(ids[pkg.Name], pkg.SPDXID)
	}
	mains := ids[mainModule]
	if len(mains) == 0 {
		return 0, fmt.Errorf("%d packages, none is the main module %s (did syft read the binary's build information?)",
			len(doc.Packages), mainModule)
	}
	dependencyOf := map[[2]string]bool{} // {dependency, dependent}
	for _, r := range doc.Relationships {
		switch r.Type {
		case "DEPENDENCY_OF":
			dependencyOf[[2]string{r.Element, r.Related}] = true
		case "DEPENDS_ON":
			dependencyOf[[2]string{r.Related, r.Element}] = true
		}
	}
	var missing []string
	for _, dep := range deps {
		switch {
		case len(ids[dep]) == 0:
			missing = append(missing, dep+" (no such package)")
		case !anyPair(ids[dep], mains, dependencyOf):
			missing = append(missing, dep+" (listed, but not as a dependency of "+mainModule+")")
		}
	}
	if len(missing) > 0 {
		return 0, errors.New("missing dependencies of " + mainModule + ": " + strings.Join(missing, ", "))
	}
	return len(doc.Packages), nil
}

// anyPair says whether some {a, b} of as × bs is in pairs.
func anyPair(as, bs []string, pairs map[[2]string]bool) bool {
	for _, a := range as {
		for _, b := range bs {
			if pairs[[2]string{a, b}] {
				return true
			}
		}
	}
	return false
}
