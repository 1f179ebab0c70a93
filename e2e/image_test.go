//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"
)

// maxImageBytes is the target, 25 MB as `docker images` counts them.
const maxImageBytes = 25_000_000

// testImage builds the image as users do (`docker compose build`, with the
// version, commit and date build arguments from the env file) and checks
// what production expects of it.
func testImage(t *testing.T, s *stack) {
	start := time.Now()
	s.mustCompose(t, buildTimeout, "build", "api")
	t.Logf("docker compose build api: %s", time.Since(start).Round(time.Millisecond))

	img, err := s.docker.Client.InspectImage(s.image)
	if err != nil {
		t.Fatalf("the build did not produce %s: %v", s.image, err)
	}
	t.Logf("image %s: %d bytes (%.1f MB), target <= %.0f MB", s.image, img.Size, float64(img.Size)/1e6, maxImageBytes/1e6)
	if img.Size > maxImageBytes {
		t.Errorf("image is %d bytes, over the %d target", img.Size, maxImageBytes)
	}

	// Non-root by configuration; the uid of the running process is checked
	// in the "up" phase, since the configuration alone proves nothing.
	switch u := img.Config.User; u {
	case "65532", "65532:65532", "nonroot", "nonroot:nonroot":
	default:
		t.Errorf("image USER is %q, want the distroless nonroot user 65532", u)
	}

	// The labels carry the build arguments, so a running image says which
	// source it came from.
	want := map[string]string{
		"org.opencontainers.image.title":    "blogstack",
		"org.opencontainers.image.source":   "https://github.com/blogstack/blogstack",
		"org.opencontainers.image.version":  s.env["BLOGSTACK_VERSION"],
		"org.opencontainers.image.revision": s.env["BLOGSTACK_COMMIT"],
		"org.opencontainers.image.created":  s.env["BLOGSTACK_BUILD_DATE"],
		"org.opencontainers.image.licenses": "MIT",
	}
	for k, v := range want {
		if got, ok := img.Config.Labels[k]; !ok || got != v {
			t.Errorf("label %s = %q (present: %t), want %q", k, got, ok, v)
		}
	}

	if !strings.HasSuffix(strings.Join(img.Config.Entrypoint, " "), "/blogstack") {
		t.Errorf("entrypoint %q, want /blogstack", img.Config.Entrypoint)
	}
	if img.Config.Healthcheck == nil || !strings.Contains(strings.Join(img.Config.Healthcheck.Test, " "), "healthcheck") {
		t.Errorf("image HEALTHCHECK %+v, want `/blogstack healthcheck`", img.Config.Healthcheck)
	}

	// No shell: an attacker with code execution has nothing to script with.
	// The error must be the missing file, not any other failure to start.
	for _, sh := range []string{"/bin/sh", "/bin/bash", "/busybox/sh"} {
		out, err := s.run(time.Minute, "docker", "run", "--rm", "--network", "none", "--entrypoint", sh, s.image, "-c", "true")
		if err == nil {
			t.Errorf("%s ran in the image: %s", sh, out)
			continue
		}
		if msg := string(out); !strings.Contains(msg, "no such file or directory") && !strings.Contains(msg, "not found") {
			t.Errorf("%s failed for another reason than being absent: %v\n%s", sh, err, msg)
		}
	}
}
