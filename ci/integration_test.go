package main

import (
	"slices"
	"testing"
)

func TestSkippedTests(t *testing.T) {
	log := `=== RUN   TestBrowser
    browser_test.go:129: no chromium binary on PATH
--- SKIP: TestBrowser (0.00s)
=== RUN   TestPosts
--- PASS: TestPosts (0.10s)
    --- SKIP: TestPosts/slow (0.00s)
    --- PASS: TestPosts/fast (0.00s)
ok  	example/app	0.2s
`
	if got, want := skippedTests(log), []string{"TestBrowser", "TestPosts/slow"}; !slices.Equal(got, want) {
		t.Errorf("skippedTests = %v, want %v", got, want)
	}
	if got := countPrefix(log, "--- PASS:") + countIndented(log, "--- PASS:"); got != 2 {
		t.Errorf("passed = %d, want 2", got)
	}
	if got := skippedTests("--- PASS: TestA (0.00s)\nok  \tx\t0.1s\n"); len(got) != 0 {
		t.Errorf("skippedTests of a clean log = %v", got)
	}
}
