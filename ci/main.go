// Command ci is blogstack's CI/CD pipeline, written in Go with the Dagger SDK
// so that a laptop, GitHub Actions and our air-gapped CI run the same code:
//
//	go run ./ci [flags] <stage…>      # from the repository root
//	go run ./ci build test lint
//
// Each stage is a small function that returns Dagger objects (containers,
// directories, files); main only parses the command line, connects to the
// engine and prints a summary. Independent stages run in parallel. The exit
// code is 0 when every stage asked for passed or was skipped for want of
// configuration (publish without REGISTRY), 1 when one failed (or is not
// implemented yet), 2 on a usage error. See docs/cicd.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	opts, stages, err := parseArgs(ctx, os.Args[1:], os.Stderr)
	if err != nil {
		stop()
		fmt.Fprintln(os.Stderr, "ci:", err)
		os.Exit(2)
	}
	code := run(ctx, opts, stages, os.Stdout)
	stop()
	os.Exit(code)
}
