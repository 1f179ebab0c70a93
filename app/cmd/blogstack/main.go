// Command blogstack is the project's single binary; each subcommand is a
// role implemented by its own package (serve, migrate, healthcheck…), so the
// roles can be run and tested without a process. main only picks the role,
// reads its configuration from the environment, and maps the outcome to an
// exit code.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/blogstack/blogstack/app/internal/buildinfo"
	"github.com/blogstack/blogstack/app/internal/healthcheck"
	"github.com/blogstack/blogstack/app/internal/migrate"
	"github.com/blogstack/blogstack/app/internal/platform/config"
	"github.com/blogstack/blogstack/app/internal/platform/obs"
	"github.com/blogstack/blogstack/app/internal/serve"
)

// command is one role of the binary.
type command struct {
	summary string
	run     func(ctx context.Context, env config.Source, logs io.Writer) error
}

// commands is the table of roles; later roles (relay, workers) add a line.
func commands() map[string]command {
	return map[string]command{
		"serve": {"serve the blog API over HTTP",
			role(serve.LoadConfig, func(c serve.Config) obs.LogConfig { return c.Log }, serve.Run)},
		"migrate": {"apply the embedded database migrations",
			role(migrate.LoadConfig, func(c migrate.Config) obs.LogConfig { return c.Log }, migrate.Run)},
		"version": {"print the build's version, commit and date",
			func(_ context.Context, _ config.Source, out io.Writer) error {
				_, err := fmt.Fprintln(out, buildinfo.Get())
				return err
			}},
		"healthcheck": {"probe the local server (HEALTHCHECK_PATH, default /healthz); exit 0 when healthy",
			role(healthcheck.LoadConfig, func(healthcheck.Config) obs.LogConfig { return obs.LogConfig{Level: slog.LevelWarn} }, healthcheck.Run)},
	}
}

// errConfig marks configuration errors so main can say which variable is
// wrong without a stack trace.
var errConfig = errors.New("invalid configuration")

// role adapts a role package: load and validate its configuration, build
// the JSON logger, print the configuration (secrets masked), run.
func role[C slog.LogValuer](
	load func(config.Source) (C, error),
	logCfg func(C) obs.LogConfig,
	run func(context.Context, C, *slog.Logger) error,
) func(context.Context, config.Source, io.Writer) error {
	return func(ctx context.Context, env config.Source, logs io.Writer) error {
		cfg, err := load(env)
		if err != nil {
			return fmt.Errorf("%w: %w", errConfig, err)
		}
		log := obs.NewLogger(logs, logCfg(cfg))
		log.Info("starting", "build", buildinfo.Get(), "config", cfg)
		return run(ctx, cfg, log)
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.LookupEnv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the subcommand in args and returns the exit code: 0 on
// success, 1 on failure, 2 on a usage error.
func run(ctx context.Context, args []string, env config.Source, logs, errOut io.Writer) int {
	cmds := commands()
	if len(args) == 0 {
		usage(errOut, cmds)
		return 2
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(errOut, "blogstack: unknown command %q\n", args[0])
		usage(errOut, cmds)
		return 2
	}
	if err := cmd.run(ctx, env, logs); err != nil {
		fmt.Fprintf(errOut, "blogstack %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage: blogstack <command>\n\ncommands:")
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %s\n", name, cmds[name].summary)
	}
	fmt.Fprintln(w, "\nconfiguration comes from environment variables; see README.md")
}
