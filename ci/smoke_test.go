package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// api serves what smoke reads; the fields say how it misbehaves.
type api struct {
	readyStatus int
	posts       string
	commit      string
}

func (a api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/readyz":
		w.WriteHeader(a.readyStatus)
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	case "/posts/":
		_, _ = w.Write([]byte(a.posts))
	case "/metrics":
		_, _ = w.Write([]byte("# HELP x\nblogstack_build_info{commit=\"" + a.commit + "\",go_version=\"go1.26.11\",version=\"v1\"} 1\n"))
	default:
		http.NotFound(w, r)
	}
}

func TestSmoke(t *testing.T) {
	good := api{readyStatus: 200, posts: `{"count":0,"next":null,"previous":null,"results":[]}`, commit: "abc1234"}
	for _, tc := range []struct {
		name    string
		api     api
		commit  string
		wantErr string
	}{
		{"healthy, right build", good, "abc1234", ""},
		{"no commit asked (rollback check)", api{200, good.posts, "other"}, "", ""},
		{"old build still answering", api{200, good.posts, "0ld0ld0"}, "abc1234", "not commit abc1234"},
		{"not ready", api{503, good.posts, "abc1234"}, "abc1234", "status 503"},
		{"posts not a page", api{200, `{"detail":"oops"}`, "abc1234"}, "abc1234", "not a post page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.api)
			defer srv.Close()
			err := smoke(context.Background(), srv.URL, tc.commit)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("smoke: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("smoke: %v, want an error with %q", err, tc.wantErr)
			}
		})
	}
}
