// Package buildinfo carries the version stamped into the binary at build
// time, so logs, metrics and `blogstack version` can say exactly what runs.
// The Dockerfile sets the variables with
//
//	-ldflags "-X github.com/blogstack/blogstack/app/internal/buildinfo.version=…"
//
// (version, commit, date); an unstamped build reports "dev".
package buildinfo

import "runtime"

// Set by the linker (-X); plain variables because -X can set nothing else.
var (
	version = "dev"
	commit  = "unknown"
	date    = "unknown"
)

// Info describes one build of the binary.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Date      string `json:"date"`
	GoVersion string `json:"go_version"`
}

// Get returns the build's information.
func Get() Info {
	return Info{Version: version, Commit: commit, Date: date, GoVersion: runtime.Version()}
}

// String renders the information on one line, e.g. for `blogstack version`.
func (i Info) String() string {
	return "blogstack " + i.Version + " (commit " + i.Commit + ", built " + i.Date + ", " + i.GoVersion + ")"
}
