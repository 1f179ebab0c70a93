package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"dagger.io/dagger"
	"golang.org/x/sync/errgroup"
)

// pipeline is what every stage gets: the engine and the options.
type pipeline struct {
	dag       *dagger.Client
	opts      Options
	published string // repository@digest that publish pushed in this run, for deploy
}

// result is one row of the summary.
type result struct {
	stage   string
	err     error
	figures string
	took    time.Duration
}

// run connects to the engine, runs the stages (the independent ones in
// parallel, then the dependent ones in order, stopping at the first
// failure) and prints the summary. It returns the process exit code.
func run(ctx context.Context, opts Options, names []string, out io.Writer) int {
	start := time.Now()
	var logs io.Writer = io.Discard
	if opts.Verbose {
		logs = os.Stderr
	}
	if err := os.MkdirAll(filepath.Join(opts.Source, opts.Dist), 0o750); err != nil {
		fmt.Fprintln(out, "ci:", err)
		return 1
	}
	dag, err := dagger.Connect(ctx, dagger.WithLogOutput(logs), dagger.WithWorkdir(opts.Source))
	if err != nil {
		fmt.Fprintf(out, "ci: connect to the Dagger engine: %v\n", err)
		return 1
	}
	defer dag.Close()
	p := &pipeline{dag: dag, opts: opts}
	fmt.Fprintf(out, "ci: %v connected in %.1f s; version %s, commit %s, date %s\n",
		names, time.Since(start).Seconds(), opts.Version, opts.Commit, opts.Date)

	results := make([]result, len(names))
	var g errgroup.Group
	var later []int
	for i, name := range names {
		if !isIndependent(name) {
			later = append(later, i)
			continue
		}
		g.Go(func() error {
			results[i] = runStage(ctx, p, name, out)
			return nil // a failed stage must not cancel the others: CI wants every verdict
		})
	}
	_ = g.Wait()
	failed := false
	for _, r := range results {
		failed = failed || (r.stage != "" && fails(r.err))
	}
	for _, i := range later {
		if failed {
			results[i] = result{stage: names[i], err: errSkipped}
			continue
		}
		results[i] = runStage(ctx, p, names[i], out)
		failed = fails(results[i].err)
	}
	printSummary(out, results, time.Since(start))
	if failed {
		return 1
	}
	return 0
}

// fails says whether a stage's outcome fails the run: any error except
// errNotConfigured (a stage skipped because it is not configured, e.g.
// publish without REGISTRY), which neither passes nor fails.
func fails(err error) bool {
	return err != nil && !errors.Is(err, errNotConfigured)
}

func isIndependent(name string) bool {
	for _, n := range independent {
		if n == name {
			return true
		}
	}
	return false
}

// runStage runs one stage, timing it and printing its verdict as soon as it
// is known (the summary repeats it at the end).
func runStage(ctx context.Context, p *pipeline, name string, out io.Writer) result {
	fmt.Fprintf(out, "ci: %s: started\n", name)
	t := time.Now()
	figures, err := lookupStage(name).run(ctx, p)
	r := result{stage: name, err: explain(err), figures: figures, took: time.Since(t)}
	switch {
	case errors.Is(r.err, errNotConfigured):
		fmt.Fprintf(out, "ci: %s: %v\n", name, r.err)
	case r.err != nil:
		fmt.Fprintf(out, "ci: %s: FAILED after %.1f s: %v\n", name, r.took.Seconds(), r.err)
	default:
		fmt.Fprintf(out, "ci: %s: ok in %.1f s: %s\n", name, r.took.Seconds(), figures)
	}
	return r
}
