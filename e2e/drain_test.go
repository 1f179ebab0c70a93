//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ory/dockertest/v3/docker"
)

// Load of the drain phase: enough clients to have requests in flight when
// the signal lands, for long enough to be a steady stream.
const (
	drainClients = 8
	drainWarmup  = 3 * time.Second
)

// outcome is one request of the load.
type outcome struct {
	start, end time.Time
	status     int   // 0 when err is set
	err        error // transport error: refused, reset, timed out
	created    int64 // id of the post a 201 created
}

// testSigtermDrain sends SIGTERM to the api under a steady stream of reads
// and writes. Every request that started before the signal must succeed;
// after it, the only failures allowed are connections refused because the
// server stopped accepting. The process must exit 0 after logging its
// drain, and every acknowledged write must be in the database.
func testSigtermDrain(t *testing.T, s *stack) {
	before := s.postCount(t)
	api := s.inspect(t, "api")

	load := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: drainClients}}
	defer load.CloseIdleConnections()
	stop := make(chan struct{})
	results := make([][]outcome, drainClients)
	var wg sync.WaitGroup
	for i := range drainClients {
		wg.Go(func() { results[i] = s.stream(load, i, stop) })
	}
	// Stop the clients on every way out, t.Fatal included.
	stopLoad := sync.OnceFunc(func() { close(stop); wg.Wait() })
	defer stopLoad()

	time.Sleep(drainWarmup)
	sigAt := time.Now()
	if err := s.docker.Client.KillContainer(docker.KillContainerOptions{ID: api.ID, Signal: docker.SIGTERM}); err != nil {
		t.Fatalf("SIGTERM api: %v", err)
	}
	// The clients keep going until the process is gone, so they meet the
	// refusals; the exit must come within SHUTDOWN_TIMEOUT (15s) and some.
	var exited *containerInfo
	eventually(t, 30*time.Second, 100*time.Millisecond, "api exits after SIGTERM", func() (bool, string) {
		exited = s.inspect(t, "api")
		return !exited.State.Running, exited.State.Status
	})
	time.Sleep(500 * time.Millisecond)
	stopLoad()

	r := classify(results, sigAt)
	t.Logf("SIGTERM under load (%d clients): %d completed (%d of them in flight at the signal), %d failed before SIGTERM, %d refused after, %d error answers; exit after %s",
		drainClients, r.completed, r.inFlight, len(r.failedBefore), r.refusedAfter, len(r.errorAnswers), exited.State.FinishedAt.Sub(sigAt).Round(time.Millisecond))
	if len(r.failedBefore) > 0 {
		t.Errorf("%d requests started before SIGTERM failed; first: %s", len(r.failedBefore), r.failedBefore[0])
	}
	if len(r.errorAnswers) > 0 {
		t.Errorf("%d requests were answered with an error status; first: %s", len(r.errorAnswers), r.errorAnswers[0])
	}
	if r.completed < 20 {
		t.Errorf("only %d requests completed: not a steady stream, the check proves little", r.completed)
	}
	if r.inFlight == 0 {
		t.Error("no request was in flight at SIGTERM: the drain was not exercised")
	}
	if r.refusedAfter == 0 {
		t.Error("no request was refused after SIGTERM: the clients did not run into the shutdown")
	}

	// A clean exit, by the application, not by SIGKILL or the restart policy.
	st := exited.State
	if st.ExitCode != 0 || st.OOMKilled || st.Status != "exited" || exited.RestartCount != api.RestartCount {
		t.Errorf("api after SIGTERM: status %s, exit code %d, OOM killed %t, restarts %d (before %d)",
			st.Status, st.ExitCode, st.OOMKilled, exited.RestartCount, api.RestartCount)
	}
	logs := s.containerLogs(t, api.ID, sigAt)
	for _, msg := range []string{`"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(logs, msg) {
			t.Errorf("api logs after SIGTERM lack %s:\n%s", msg, logs)
		}
	}
	if strings.Contains(logs, `"level":"ERROR"`) {
		t.Errorf("api logged errors while draining:\n%s", logs)
	}

	// Back up as an operator would; acknowledged writes are all there.
	took := s.up(t)
	t.Logf("up -d --wait after the SIGTERM: %s", took.Round(time.Millisecond))
	s.waitReady(t, 30*time.Second)
	for _, id := range r.lastCreated(5) {
		s.expect(t, request{method: "GET", path: "/posts/" + itoa(id) + "/"}, http.StatusOK)
	}
	if after := s.postCount(t); after < before+len(r.created) {
		t.Errorf("%d posts after the drain, want at least %d before + %d acknowledged", after, before, len(r.created))
	}
}

// stream sends requests, alternating a list and a create, until stop is
// closed. After a failure it pauses briefly so a dead server is not
// hammered by a busy loop.
func (s *stack) stream(c *http.Client, client int, stop <-chan struct{}) []outcome {
	var out []outcome
	for n := 0; ; n++ {
		select {
		case <-stop:
			return out
		default:
		}
		req, _ := http.NewRequest(http.MethodGet, s.baseURL+"/posts/?page_size=5", nil)
		if n%2 == 1 {
			body := fmt.Sprintf(`{"title":"drain %d-%d","content":"load","author":"e2e"}`, client, n)
			req, _ = http.NewRequest(http.MethodPost, s.baseURL+"/posts/", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+s.token)
		}
		req.Header.Set("Accept", "application/json")
		o := outcome{start: time.Now()}
		resp, err := c.Do(req)
		if err == nil {
			o.status = resp.StatusCode
			if resp.StatusCode == http.StatusCreated {
				var p postJSON
				err = json.NewDecoder(resp.Body).Decode(&p)
				o.created = p.ID
			}
			resp.Body.Close()
		}
		o.err, o.end = err, time.Now()
		out = append(out, o)
		if err != nil {
			select {
			case <-stop:
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

// drainReport counts the outcomes around the signal.
type drainReport struct {
	completed, inFlight int      // 2xx; those that started before and ended after the signal
	refusedAfter        int      // transport errors of requests started after the signal
	created             []int64  // ids of the acknowledged creates
	failedBefore        []string // any failure of a request started before the signal
	errorAnswers        []string // non-2xx answers, at any time
}

func classify(results [][]outcome, sigAt time.Time) drainReport {
	var r drainReport
	for _, rs := range results {
		for _, o := range rs {
			before := o.start.Before(sigAt)
			switch {
			case o.err == nil && o.status >= 200 && o.status < 300:
				r.completed++
				if before && o.end.After(sigAt) {
					r.inFlight++
				}
				if o.created > 0 {
					r.created = append(r.created, o.created)
				}
			case before:
				r.failedBefore = append(r.failedBefore, describe(o, sigAt))
			case o.err != nil:
				r.refusedAfter++
			default:
				r.errorAnswers = append(r.errorAnswers, describe(o, sigAt))
			}
		}
	}
	return r
}

// lastCreated returns the highest n created ids: the writes closest to the
// shutdown, most at risk of being lost.
func (r drainReport) lastCreated(n int) []int64 {
	ids := slices.Clone(r.created)
	slices.Sort(ids)
	return ids[max(0, len(ids)-n):]
}

func describe(o outcome, sigAt time.Time) string {
	what := fmt.Sprintf("status %d", o.status)
	if o.err != nil {
		what = o.err.Error()
	}
	return fmt.Sprintf("started %s after SIGTERM, took %s: %s", o.start.Sub(sigAt).Round(time.Millisecond), o.end.Sub(o.start).Round(time.Millisecond), what)
}
