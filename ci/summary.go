package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// errSkipped marks a stage not run because one it depends on failed.
var errSkipped = errors.New("skipped: an earlier stage failed")

// printSummary writes the table CI logs end with: one row per stage.
func printSummary(out io.Writer, results []result, total time.Duration) {
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STAGE\tRESULT\tDURATION\tKEY FIGURES")
	for _, r := range results {
		verdict, detail := "ok", r.figures
		switch {
		case errors.Is(r.err, errSkipped):
			verdict, detail = "skipped", r.err.Error()
		case errors.Is(r.err, errNotConfigured):
			verdict, detail = "skipped", strings.TrimPrefix(r.err.Error(), "skipped: ")
		case r.err != nil:
			verdict, detail = "FAILED", firstLine(r.err.Error())
		}
		took := "-"
		if r.took > 0 {
			took = fmt.Sprintf("%.1f s", r.took.Seconds())
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.stage, verdict, took, detail)
	}
	fmt.Fprintf(tw, "total\t\t%.1f s\t\n", total.Seconds())
	_ = tw.Flush()
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}
