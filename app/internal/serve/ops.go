package serve

import (
	"context"

	"github.com/blogstack/blogstack/app/internal/platform/web"
	"github.com/gofiber/fiber/v2"
)

// status is the body of /healthz and /readyz: overall state and, for
// readiness, each component's, so a 503 says what is failing.
type status struct {
	Status     string            `json:"status"`
	Components map[string]string `json:"components,omitempty"`
}

// healthz is liveness: the process answers. It touches no dependency, so a
// database outage does not get every replica restarted.
func (s *Server) healthz(c *fiber.Ctx) error {
	return web.WriteJSON(c, fiber.StatusOK, status{Status: "ok"})
}

// readyz is readiness: the server can do useful work, which means the
// database answers within the ready timeout and no shutdown has begun.
func (s *Server) readyz(c *fiber.Ctx) error {
	comps := map[string]string{"database": "ok", "server": "ok"}
	ok := true
	if s.draining.Load() {
		comps["server"], ok = "shutting down", false
	}
	ctx, cancel := context.WithTimeout(c.UserContext(), s.cfg.ReadyTimeout)
	defer cancel()
	if err := s.pool.Ping(ctx); err != nil {
		s.log.Warn("readiness: database unreachable", "err", err, "request_id", web.RequestID(c))
		comps["database"], ok = "unreachable", false
	}
	if !ok {
		return web.WriteJSON(c, fiber.StatusServiceUnavailable, status{Status: "unavailable", Components: comps})
	}
	return web.WriteJSON(c, fiber.StatusOK, status{Status: "ok", Components: comps})
}
