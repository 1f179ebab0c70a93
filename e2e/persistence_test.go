//go:build e2e

package e2e

import (
	"net/http"
	"testing"
	"time"
)

// testPersistence checks the data lives in the named volume, not in a
// container: it survives restarting the api and re-creating every
// container with `down` (without -v) and `up`.
func testPersistence(t *testing.T, s *stack) {
	post := s.createPost(t, "Survives restarts "+randomHex(t, 4))
	count := s.postCount(t)

	s.mustCompose(t, composeTimeout, "restart", "api")
	// restart does not wait for health; readiness says the api serves again.
	s.waitReady(t, time.Minute)
	s.requirePost(t, post)

	oldDB := s.containerID(t, "db")
	s.mustCompose(t, 2*time.Minute, "down")
	if out, _ := s.compose(composeTimeout, "ps", "-a", "-q"); len(out) != 0 {
		t.Fatalf("containers left after down: %s", out)
	}
	if _, err := s.docker.Client.InspectVolume(s.project + "_dbdata"); err != nil {
		t.Fatalf("the database volume did not survive down: %v", err)
	}
	took := s.up(t)
	t.Logf("up -d --wait after down: %s", took.Round(time.Millisecond))
	if s.containerID(t, "db") == oldDB {
		t.Fatal("down did not remove the db container; the check below would prove nothing")
	}
	s.requirePost(t, post)
	if got := s.postCount(t); got != count {
		t.Errorf("%d posts after down/up, %d before", got, count)
	}
}

// postCount is the number of posts the API reports.
func (s *stack) postCount(t *testing.T) int {
	t.Helper()
	var page pageJSON[postJSON]
	s.expect(t, request{method: "GET", path: "/posts/?page_size=1"}, http.StatusOK).decode(t, &page)
	return page.Count
}

// waitReady polls /readyz until it answers 200.
func (s *stack) waitReady(t *testing.T, timeout time.Duration) time.Duration {
	t.Helper()
	return eventually(t, timeout, 200*time.Millisecond, "/readyz answers 200", func() (bool, string) {
		r, err := s.send(request{method: "GET", path: "/readyz"})
		if err != nil {
			return false, err.Error()
		}
		return r.status == http.StatusOK, string(r.body)
	})
}
