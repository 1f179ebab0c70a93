package browsertest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/blogstack/blogstack/app/internal/platform/pgtest"
	"github.com/blogstack/blogstack/app/internal/serve/servetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

const token = "browser-test-token-0123456789"

// A person opens the API root, follows the link to the posts, creates a
// post through the form with a token, sees it, edits it, and deletes it.
func TestBrowsableAPIInChromium(t *testing.T) {
	chromium := findChromium(t)
	base := startServer(t)
	artifacts := artifactsDir(t)

	alloc, cancelAlloc := chromedp.NewExecAllocator(t.Context(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // CI runs as root, where chromium's sandbox refuses to start
		chromedp.WindowSize(1280, 1000),
	)...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(alloc)
	defer cancelCtx()
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	// The delete button asks for confirmation: accept it, as a person would.
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			go func() { _ = chromedp.Run(ctx, page.HandleJavaScriptDialog(true)) }()
		}
	})

	var rootText, listURL string
	run(t, ctx, "open the API root",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible("#response-body", chromedp.ByID),
		chromedp.Text("#response-body", &rootText, chromedp.ByID),
	)
	if !strings.Contains(rootText, base+"/posts/") {
		t.Fatalf("API root page does not show the posts URL %s/posts/: %q", base, rootText)
	}
	run(t, ctx, "follow the posts link",
		chromedp.Click(`#response-body a[href="`+base+`/posts/"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#create-form", chromedp.ByID),
		chromedp.Location(&listURL),
	)
	if !strings.HasPrefix(listURL, base+"/posts/") {
		t.Fatalf("after the click the browser is at %s, want %s/posts/", listURL, base)
	}

	title := "Written in " + "a real browser"
	var postURL, postText string
	run(t, ctx, "create a post through the form",
		chromedp.SendKeys("#api-token", token, chromedp.ByID),
		chromedp.SendKeys(`#create-form [name="title"]`, title, chromedp.ByQuery),
		chromedp.SendKeys(`#create-form [name="content"]`, "Posted by chromedp through the HTML form.", chromedp.ByQuery),
		chromedp.SendKeys(`#create-form [name="author"]`, "chromium", chromedp.ByQuery),
		chromedp.Click("#create-submit", chromedp.ByID),
		chromedp.WaitVisible("#update-form", chromedp.ByID), // the new post's page
		chromedp.Location(&postURL),
		chromedp.Text("#response-body", &postText, chromedp.ByID),
	)
	if !strings.Contains(postText, title) {
		t.Fatalf("the created post's page does not show its title: %q", postText)
	}
	screenshot(t, ctx, filepath.Join(artifacts, "browser-post-created.png"))

	var listText string
	run(t, ctx, "see the post in the list",
		chromedp.Navigate(base+"/posts/"),
		chromedp.WaitVisible("#response-body", chromedp.ByID),
		chromedp.Text("#response-body", &listText, chromedp.ByID),
	)
	if !strings.Contains(listText, title) || !strings.Contains(listText, `"count": 1`) {
		t.Fatalf("the list does not show the new post: %q", listText)
	}
	screenshot(t, ctx, filepath.Join(artifacts, "browser-post-list.png"))

	// The browser's work is in the database, seen through the JSON API.
	apiURL := strings.SplitN(postURL, "?", 2)[0]
	got := getJSON(t, apiURL+"?format=json")
	if got["title"] != title || got["author"] != "chromium" || got["status"] != "draft" {
		t.Fatalf("post in the API = %v", got)
	}

	run(t, ctx, "delete the post with the button",
		chromedp.Navigate(postURL),
		chromedp.WaitVisible("#delete-button", chromedp.ByID),
		chromedp.Click("#delete-button", chromedp.ByID),
		chromedp.WaitVisible("#create-form", chromedp.ByID), // back on the list
	)
	if status := getStatus(t, apiURL); status != http.StatusNotFound {
		t.Fatalf("after delete GET %s = %d, want 404", apiURL, status)
	}
}

func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// findChromium skips, saying why, only when no browser is installed.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium binary on PATH (apt-get install chromium): browser test skipped")
	return ""
}

func startServer(t *testing.T) string {
	t.Helper()
	return servetest.Start(t, pgtest.New(t), servetest.Config(token), nil).Base
}

// artifactsDir is test-artifacts/ at the repository root (git-ignored), or
// $BLOGSTACK_TEST_ARTIFACTS.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BLOGSTACK_TEST_ARTIFACTS")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		for root := wd; ; root = filepath.Dir(root) {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				dir = filepath.Join(root, "test-artifacts")
				break
			}
			if filepath.Dir(root) == root {
				t.Fatal("no go.mod above the test's directory")
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func screenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	var png []byte
	run(t, ctx, "screenshot", chromedp.FullScreenshot(&png, 100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

func getJSON(t *testing.T, url string) map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("GET %s: %v", url, errors.Join(err, errors.New(resp.Status)))
	}
	return m
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
