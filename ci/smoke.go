package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// smoke checks a deployed API from the outside, the way its users reach it:
// readiness, the post list as JSON, and (when commit is not empty) that the
// build answering is the one deployed, from blogstack_build_info in
// /metrics, so that a deploy that left the old version running cannot pass.
// It only reads: a smoke test must be safe against production.
func smoke(ctx context.Context, base, commit string) error {
	client := &http.Client{Timeout: 5 * time.Second}
	checks := []struct {
		path  string
		check func([]byte) error
	}{
		{"/readyz", nil},
		{"/posts/", func(b []byte) error {
			var page struct {
				Count   *int              `json:"count"`
				Results []json.RawMessage `json:"results"`
			}
			if err := json.Unmarshal(b, &page); err != nil || page.Count == nil || page.Results == nil {
				return fmt.Errorf("not a post page (count, results): %.120q", b)
			}
			return nil
		}},
		{"/metrics", func(b []byte) error {
			if commit == "" {
				return nil
			}
			sc := bufio.NewScanner(strings.NewReader(string(b)))
			for sc.Scan() {
				if l := sc.Text(); strings.HasPrefix(l, "blogstack_build_info{") {
					if strings.Contains(l, `commit="`+commit+`"`) {
						return nil
					}
					return fmt.Errorf("the build answering is not commit %s: %s", commit, l)
				}
			}
			return errors.New("no blogstack_build_info in /metrics")
		}},
	}
	for _, c := range checks {
		body, err := getOK(ctx, client, base+c.path)
		if err != nil {
			return err
		}
		if c.check != nil {
			if err := c.check(body); err != nil {
				return fmt.Errorf("GET %s: %w", base+c.path, err)
			}
		}
	}
	return nil
}

// getOK GETs url and wants 200. Connection errors are retried for a few
// seconds (a port being published right after `up --wait`); a wrong answer
// is not.
func getOK(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil) //nolint:gosec // G704: the URL is the operator's DEPLOY_URL, the point of a smoke test
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", url, err)
		}
		req.Header.Set("Accept", "application/json")
		resp, err := client.Do(req) //nolint:gosec // G704: as above
		if err != nil {
			if time.Now().Before(deadline) && ctx.Err() == nil {
				time.Sleep(500 * time.Millisecond)
				continue
			}
			return nil, fmt.Errorf("GET %s: %w", url, err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		_ = resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", url, err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: status %d: %.200s", url, resp.StatusCode, body)
		}
		return body, nil
	}
}
