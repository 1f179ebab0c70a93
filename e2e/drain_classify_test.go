//go:build e2e

package e2e

import (
	"errors"
	"testing"
	"time"
)

// TestClassify pins the drain phase's accounting, since a wrong bucket
// would let a failed in-flight request pass as a refusal.
func TestClassify(t *testing.T) {
	sig := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return sig.Add(time.Duration(ms) * time.Millisecond) }
	refused := errors.New("connection refused")
	r := classify([][]outcome{
		{
			{start: at(-50), end: at(-40), status: 200},           // completed before
			{start: at(-5), end: at(20), status: 201, created: 7}, // in flight, drained
			{start: at(-3), end: at(10), err: errors.New("EOF")},  // in flight, lost: a failure
			{start: at(30), end: at(31), err: refused},            // refused after
			{start: at(40), end: at(41), status: 503},             // answered with an error
		},
		{
			{start: at(-1), end: at(1), status: 500}, // failed before
			{start: at(2), end: at(3), status: 200},  // served during the drain
			{start: at(5), end: at(6), status: 201, created: 9},
		},
	}, sig)
	if r.completed != 4 || r.inFlight != 1 || r.refusedAfter != 1 {
		t.Errorf("completed %d, in flight %d, refused after %d; want 4, 1, 1", r.completed, r.inFlight, r.refusedAfter)
	}
	if len(r.failedBefore) != 2 || len(r.errorAnswers) != 1 {
		t.Errorf("failed before %q, error answers %q; want 2 and 1", r.failedBefore, r.errorAnswers)
	}
	if got := r.lastCreated(1); len(got) != 1 || got[0] != 9 {
		t.Errorf("lastCreated(1) = %v, want [9]", got)
	}
	if got := r.lastCreated(5); len(got) != 2 {
		t.Errorf("lastCreated(5) = %v, want both ids", got)
	}
}
