// Package browsertest drives the browsable API in a real browser (Debian's
// chromium through chromedp) against the real server and PostgreSQL: the
// path a person takes from the API root to a created post.
package browsertest
