package buildinfo

import (
	"runtime"
	"testing"
)

func TestGetReportsTheLinkerStampedValues(t *testing.T) {
	version, commit, date = "v1.2.3", "abc1234", "2026-12-04T20:00:00Z"
	t.Cleanup(func() { version, commit, date = "dev", "unknown", "unknown" })
	got := Get()
	want := Info{Version: "v1.2.3", Commit: "abc1234", Date: "2026-12-04T20:00:00Z", GoVersion: runtime.Version()}
	if got != want {
		t.Fatalf("Get() = %+v, want %+v", got, want)
	}
	if s := got.String(); s != "blogstack v1.2.3 (commit abc1234, built 2026-12-04T20:00:00Z, "+runtime.Version()+")" {
		t.Fatalf("String() = %q", s)
	}
}
