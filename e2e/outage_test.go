//go:build e2e

package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// testDatabaseOutage stops the database under the running api: readiness
// must say which component fails and the container must turn unhealthy
// (compose probes /readyz), while liveness stays up so nothing restarts
// it. When the database is back the api must recover on its own: same
// container start, no restart.
func testDatabaseOutage(t *testing.T, s *stack) {
	post := s.createPost(t, "Before the outage "+randomHex(t, 4))
	before := s.inspect(t, "api")
	dbID := s.containerID(t, "db")

	stopped := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.docker.Client.StopContainerWithContext(dbID, 30, ctx); err != nil {
		t.Fatalf("stop db: %v", err)
	}
	// Whatever happens below, the database comes back for the next phases
	// and for `down` (a no-op when it is already running).
	t.Cleanup(func() { _ = s.docker.Client.StartContainer(dbID, nil) })

	took := eventually(t, 30*time.Second, 250*time.Millisecond, "/readyz answers 503 naming the database", func() (bool, string) {
		r, err := s.send(request{method: "GET", path: "/readyz"})
		if err != nil {
			return false, err.Error()
		}
		var body struct {
			Status     string            `json:"status"`
			Components map[string]string `json:"components"`
		}
		if r.status != http.StatusServiceUnavailable {
			return false, string(r.body)
		}
		r.decode(t, &body)
		return body.Status == "unavailable" && body.Components["database"] != "" && body.Components["database"] != "ok", string(r.body)
	})
	t.Logf("db stopped: /readyz 503 after %s", took.Round(time.Millisecond))

	// Liveness does not depend on the database.
	s.expect(t, request{method: "GET", path: "/healthz"}, http.StatusOK)

	s.waitHealth(t, "api", "unhealthy", time.Minute)
	t.Logf("db stopped: api unhealthy after %s", time.Since(stopped).Round(time.Millisecond))

	restarted := time.Now()
	ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.docker.Client.StartContainerWithContext(dbID, nil, ctx); err != nil {
		t.Fatalf("start db: %v", err)
	}
	s.waitReady(t, time.Minute)
	t.Logf("db started: /readyz 200 after %s", time.Since(restarted).Round(time.Millisecond))
	s.waitHealth(t, "api", "healthy", time.Minute)
	t.Logf("db started: api healthy after %s", time.Since(restarted).Round(time.Millisecond))

	after := s.inspect(t, "api")
	if after.ID != before.ID || !after.State.StartedAt.Equal(before.State.StartedAt) || after.RestartCount != before.RestartCount {
		t.Errorf("api was restarted: container %s started %s (restarts %d), before %s started %s (restarts %d)",
			after.ID[:12], after.State.StartedAt, after.RestartCount, before.ID[:12], before.State.StartedAt, before.RestartCount)
	}
	s.requirePost(t, post)
}

// waitHealth polls the service's Docker health status until it is want.
func (s *stack) waitHealth(t *testing.T, service, want string, timeout time.Duration) {
	t.Helper()
	eventually(t, timeout, 500*time.Millisecond, service+" turns "+want, func() (bool, string) {
		c := s.inspect(t, service)
		last := ""
		if n := len(c.State.Health.Log); n > 0 {
			last = c.State.Health.Log[n-1].Output
		}
		return c.State.Health.Status == want, c.State.Health.Status + ", last probe: " + last
	})
}
