package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"dagger.io/dagger"
)

// stage is one step of the pipeline. run returns the stage's key figures
// for the summary table.
type stage struct {
	name string
	run  func(context.Context, *pipeline) (figures string, err error)
}

// stages lists every stage in the order `all` runs them.
var stages = []stage{
	{"lint", lintStage},
	{"test", testStage},
	{"build", buildStage},
	{"scan", scanStage},
	{"publish", publishStage},
	{"deploy", deployStage},
	{"loadtest", loadtestStage},
}

// independent names the stages that need nothing from one another and run
// in parallel; the others (publish → deploy → loadtest) follow in order.
var independent = []string{"lint", "test", "build", "scan"}

func stageNames() []string {
	names := make([]string, 0, len(stages)+1)
	for _, s := range stages {
		names = append(names, s.name)
	}
	return append(names, "all")
}

// expandStages checks the names and expands `all`, keeping the pipeline's
// order and dropping duplicates.
func expandStages(args []string) ([]string, error) {
	if len(args) == 0 {
		return nil, errors.New("no stage given")
	}
	want := map[string]bool{}
	for _, a := range args {
		if a == "all" {
			for _, s := range stages {
				want[s.name] = true
			}
			continue
		}
		if !slices.Contains(stageNames(), a) {
			return nil, fmt.Errorf("unknown stage %q", a)
		}
		want[a] = true
	}
	var out []string
	for _, s := range stages {
		if want[s.name] {
			out = append(out, s.name)
		}
	}
	return out, nil
}

func lookupStage(name string) stage {
	i := slices.IndexFunc(stages, func(s stage) bool { return s.name == name })
	return stages[i]
}

// explain adds what a failed exec printed to its error: the command's exit
// code alone says nothing in a CI log. go test reports failures on stdout,
// hence both streams (their last lines).
func explain(err error) error {
	var e *dagger.ExecError
	if !errors.As(err, &e) {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: exit code %d (%v)", strings.Join(e.Cmd, " "), e.ExitCode, firstLine(err.Error()))
	for _, s := range []struct{ name, text string }{{"stdout", e.Stdout}, {"stderr", e.Stderr}} {
		if t := tail(strings.TrimSpace(s.text), 60); t != "" {
			fmt.Fprintf(&b, "\n--- %s (last lines) ---\n%s", s.name, t)
		}
	}
	return errors.New(b.String())
}

// tail keeps the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
