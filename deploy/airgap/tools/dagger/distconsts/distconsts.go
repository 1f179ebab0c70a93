// Package distconsts stands in for github.com/dagger/dagger/engine/distconsts,
// a nested module of the Dagger repository that the Go module proxy does not
// serve (v0.19.7 answers 404) and that the dagger module reaches only through
// a replace line, which Go ignores in a dependency. The tools module replaces
// it with this one, so the engine builds from the module proxy alone.
//
// The values are upstream's: the paths the engine and CLI agree on at run
// time (dagger-engine puts runc, dagger-init and its state there) and the
// image names it uses for built-in helpers. Keep them in step with the
// Dagger version in ../go.mod; the compiler names any constant missing here.
package distconsts

// Engine process and socket.
const (
	// EngineContainerName is the container name the CLI's docker driver gives
	// an engine it starts (unused here: we run the engine as a process).
	EngineContainerName = "dagger-engine.dev"
	// DefaultEngineSockAddr is where the engine listens by default.
	DefaultEngineSockAddr = "unix:///run/dagger/engine.sock"
)

// Paths inside the engine's file system.
const (
	// RuncPath is the OCI runtime the engine executes (dagger-engine copies
	// Debian's /usr/sbin/runc there).
	RuncPath = "/usr/local/bin/runc"
	// DaggerInitPath is the init process injected into every container.
	DaggerInitPath = "/usr/local/bin/dagger-init"
	// EngineDefaultStateDir is the engine's default --root.
	EngineDefaultStateDir = "/var/lib/dagger"
	// EngineContainerBuiltinContentDir holds SDK content the engine image
	// ships for Dagger modules; empty here (modules are not supported).
	EngineContainerBuiltinContentDir = "/usr/local/share/dagger/content"
	// EngineCustomCACertsDir is read by the engine on every exec: each
	// certificate found there is installed into the container for that exec
	// (Debian-, Alpine- and RHEL-like images). dagger-engine bind-mounts the
	// host's extra CAs there in the engine's private mount namespace.
	EngineCustomCACertsDir = "/usr/local/share/ca-certificates"
)

// Environment variables naming the built-in SDK manifests.
const (
	GoSDKManifestDigestEnvName         = "DAGGER_GO_SDK_MANIFEST_DIGEST"
	PythonSDKManifestDigestEnvName     = "DAGGER_PYTHON_SDK_MANIFEST_DIGEST"
	TypescriptSDKManifestDigestEnvName = "DAGGER_TYPESCRIPT_SDK_MANIFEST_DIGEST"
)

// Images the engine uses for built-in helpers (the terminal, tests). They
// resolve through the docker.io mirror like any other image.
const (
	AlpineVersion  = "3.22.1"
	AlpineImage    = "alpine:" + AlpineVersion
	GolangVersion  = "1.25.3"
	GolangImage    = "golang:" + GolangVersion + "-alpine"
	BusyboxVersion = "1.37.0"
	BusyboxImage   = "busybox:" + BusyboxVersion
)

// OCIVersionAnnotation is the image annotation carrying a version.
const OCIVersionAnnotation = "org.opencontainers.image.version"
