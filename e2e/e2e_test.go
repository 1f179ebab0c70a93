//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStack runs the phases in order on one project; each phase starts and
// ends with the stack up and healthy. A failed phase stops the run: the
// state it leaves behind would make the next phases' failures misleading.
func TestStack(t *testing.T) {
	s := newStack(t)
	dotenv := statFile(filepath.Join(s.repo, ".env"))
	t.Cleanup(func() {
		if after := statFile(filepath.Join(s.repo, ".env")); after != dotenv {
			t.Errorf("the project's .env changed during the test: %s, then %s", dotenv, after)
		}
	})

	phases := []struct {
		name string
		run  func(*testing.T, *stack)
	}{
		{"image", testImage},
		{"up", testUp},
		{"contract", testContract},
		{"persistence", testPersistence},
		{"database_outage", testDatabaseOutage},
		{"sigterm_drain", testSigtermDrain},
	}
	for _, p := range phases {
		start := time.Now()
		ok := t.Run(p.name, func(t *testing.T) { p.run(t, s) })
		t.Logf("phase %s: %s in %s", p.name, map[bool]string{true: "ok", false: "FAILED"}[ok], time.Since(start).Round(time.Millisecond))
		if !ok {
			t.FailNow()
		}
	}
}

// statFile describes a file by size and modification time ("absent" when
// it does not exist), enough to notice it was written.
func statFile(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "absent"
	}
	return fmt.Sprintf("%d bytes, modified %s", fi.Size(), fi.ModTime().Format(time.RFC3339Nano))
}
