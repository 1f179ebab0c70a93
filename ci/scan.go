package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"dagger.io/dagger"
	"golang.org/x/sync/errgroup"
)

// The scan's tools and data, pinned. The vulnerability database is built
// from the golang.org/x/vulndb module (its OSV files and cmd/indexdb), which
// the Go module proxy serves: no access to vuln.go.dev is needed, so the
// scan works air-gapped. Its data is as old as this version's timestamp.
const (
	govulncheckModule = "golang.org/x/vuln/cmd/govulncheck@v1.10.0"
	vulndbVersion     = "v0.0.0-20261105234957-e22db6528018"
	vulndbDataTime    = "2026-11-05T23:49:57Z" // the pseudo-version's commit time
)

// vulnDB is a Go vulnerability database in govulncheck's file layout,
// built offline from the vulndb module's data/osv.
func (p *pipeline) vulnDB() *dagger.Directory {
	osv := "/go/pkg/mod/golang.org/x/vulndb@" + vulndbVersion + "/data/osv"
	return p.goContainer(p.dag.Directory()).
		WithExec([]string{"go", "mod", "download", "golang.org/x/vulndb@" + vulndbVersion}).
		WithExec([]string{"go", "run", "golang.org/x/vulndb/cmd/indexdb@" + vulndbVersion, "-vulns", osv, "-out", "/vulndb"}).
		Directory("/vulndb")
}

// govulncheck is a Go container with govulncheck installed, the database
// at /vulndb and the source at /src.
func (p *pipeline) govulncheck() *dagger.Container {
	return p.goContainer(p.source()).
		WithExec([]string{"go", "install", govulncheckModule}).
		WithDirectory("/vulndb", p.vulnDB())
}

// scanSource checks the vulnerabilities reachable from the root module's
// code. Any exit code is accepted here: govulncheck exits 3 on findings, and
// the stage reads the code to fail after keeping the report.
func (p *pipeline) scanSource() *dagger.Container {
	return p.govulncheck().WithExec([]string{"govulncheck", "-db", "file:///vulndb", "./..."},
		dagger.ContainerWithExecOpts{Expect: dagger.ReturnTypeAny})
}

// scanBinary checks the built binary (-mode=binary: the modules and
// standard library compiled into it).
func (p *pipeline) scanBinary() *dagger.Container {
	return p.govulncheck().
		WithFile("/bin-scan/blogstack", p.binary()).
		WithExec([]string{"govulncheck", "-db", "file:///vulndb", "-mode=binary", "/bin-scan/blogstack"},
			dagger.ContainerWithExecOpts{Expect: dagger.ReturnTypeAny})
}

// scanStage runs both vulnerability scans and the SBOM in parallel, and
// writes the reports and the SBOM to dist/. It fails when either scan finds
// a vulnerability (reachable ones, for the source) or the SBOM is not
// produced or does not list the binary's modules. The SBOM is an artefact,
// the vulnerabilities the verdict: it is exported and reported either way.
func scanStage(ctx context.Context, p *pipeline) (string, error) {
	var vulns, sbom string
	var vulnErr, sbomErr error
	var g errgroup.Group
	g.Go(func() error { vulns, vulnErr = scanVulns(ctx, p); return nil })
	g.Go(func() error { sbom, sbomErr = exportSBOM(ctx, p); return nil })
	_ = g.Wait()
	// explain now, so the messages composed below survive runStage's own.
	vulnErr, sbomErr = explain(vulnErr), explain(sbomErr)
	switch {
	case vulnErr == nil && sbomErr == nil:
		return vulns + "; " + sbom, nil
	case vulnErr == nil:
		return "", fmt.Errorf("%w\n(vulnerabilities: %s)", sbomErr, vulns)
	case sbomErr == nil:
		return "", fmt.Errorf("%s; %w", sbom, vulnErr) // the summary's line names both
	default:
		return "", errors.Join(vulnErr, sbomErr)
	}
}

// scanVulns runs both govulncheck scans, writes their reports to dist/ and
// fails when either finds a vulnerability.
func scanVulns(ctx context.Context, p *pipeline) (string, error) {
	scans := []struct {
		name string
		ctr  *dagger.Container
	}{{"source", p.scanSource()}, {"binary", p.scanBinary()}}
	var verdicts, counts, failures []string
	for _, s := range scans {
		out, err := s.ctr.Stdout(ctx)
		if err != nil {
			return "", fmt.Errorf("govulncheck (%s): %w", s.name, err)
		}
		code, err := s.ctr.ExitCode(ctx)
		if err != nil {
			return "", fmt.Errorf("govulncheck (%s): %w", s.name, err)
		}
		report := filepath.Join(p.opts.Dist, "govulncheck-"+s.name+".txt")
		if _, err := p.dag.File(filepath.Base(report), out).Export(ctx, report); err != nil {
			return "", fmt.Errorf("export the %s report: %w", s.name, err)
		}
		v := fmt.Sprintf("%s: %s (%s)", s.name, verdictLine(out), report)
		verdicts = append(verdicts, v)
		if code != 0 {
			counts = append(counts, fmt.Sprintf("%s %d", s.name, len(vulnIDs(out))))
			failures = append(failures, fmt.Sprintf("%s; exit code %d; found: %s", v, code, strings.Join(vulnIDs(out), " ")))
		}
	}
	dataTime, _ := time.Parse(time.RFC3339, vulndbDataTime)
	age := fmt.Sprintf("vulndb data of %s (%d days old)", dataTime.Format(time.DateOnly), int(time.Since(dataTime).Hours()/24))
	if len(failures) > 0 {
		return "", fmt.Errorf("govulncheck found vulnerabilities (%s), %s:\n%s",
			strings.Join(counts, ", "), age, strings.Join(failures, "\n"))
	}
	return strings.Join(verdicts, "; ") + "; " + age, nil
}

// verdictLine is govulncheck's conclusion: "No vulnerabilities found." or
// "Your code is affected by N vulnerabilities…".
func verdictLine(out string) string {
	for line := range strings.Lines(out) {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "No vulnerabilities found") || strings.HasPrefix(l, "Your code is affected") {
			return l
		}
	}
	return "no verdict line in the output"
}

// vulnIDs lists the IDs of the findings ("Vulnerability #1: GO-2026-1234").
func vulnIDs(out string) []string {
	var ids []string
	for line := range strings.Lines(out) {
		if strings.HasPrefix(line, "Vulnerability #") {
			if _, id, ok := strings.Cut(strings.TrimSpace(line), ": "); ok {
				ids = append(ids, id)
			}
		}
	}
	return ids
}
