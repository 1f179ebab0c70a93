package config_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/config"
)

func TestReader(t *testing.T) {
	t.Parallel()
	r := config.NewReader(config.Map(map[string]string{
		"D": "1m30s", "B": "512KiB", "N": "7", "L": " a, b ,,c ", "ADDR": "127.0.0.1:9000", "T": "true", "EMPTY": "  ",
	}))
	if got := r.Duration("D", time.Second); got != 90*time.Second {
		t.Errorf("Duration = %v", got)
	}
	if got := r.Bytes("B", 1); got != 512<<10 {
		t.Errorf("Bytes = %d", got)
	}
	if got := r.Int("N", 0, 1, 10); got != 7 {
		t.Errorf("Int = %d", got)
	}
	if got := r.List("L"); strings.Join(got, "|") != "a|b|c" {
		t.Errorf("List = %q", got)
	}
	if got := r.Addr("ADDR", ":1"); got != "127.0.0.1:9000" {
		t.Errorf("Addr = %q", got)
	}
	if !r.Bool("T", false) || r.String("EMPTY", "def") != "def" || r.Duration("UNSET", time.Second) != time.Second {
		t.Error("Bool, empty String or default Duration wrong")
	}
	if err := r.Err(); err != nil {
		t.Fatalf("Err = %v", err)
	}
}

func TestReaderErrorsNameEveryVariableOnOneLine(t *testing.T) {
	t.Parallel()
	r := config.NewReader(config.Map(map[string]string{
		"D": "soon", "B": "2GiB", "N": "99", "ADDR": "nope", "U": "mysql://u:secret@h/db", "T": "maybe",
	}))
	r.Duration("D", 0)
	r.Bytes("B", 0)
	r.Int("N", 0, 1, 10)
	r.Addr("ADDR", "")
	r.URL("U", "postgres")
	r.Required("MISSING")
	r.Bool("T", false)
	err := r.Err()
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, name := range []string{"D ", "B ", "N ", "ADDR ", "U ", "MISSING ", "T "} {
		if !strings.Contains(msg, name) {
			t.Errorf("error lacks %q: %s", name, msg)
		}
	}
	if strings.Contains(msg, "\n") || strings.Contains(msg, "secret") {
		t.Errorf("error must be one line without secrets: %s", msg)
	}
	if !errors.Is(err, config.ErrMissing) {
		t.Error("errors.Is(err, ErrMissing) = false")
	}
}

func TestMaskURL(t *testing.T) {
	t.Parallel()
	got := config.MaskURL("postgres://app:s3cr3t@db:5432/blog?sslmode=disable")
	if strings.Contains(got, "s3cr3t") || !strings.Contains(got, "app:") || !strings.Contains(got, "db:5432/blog") {
		t.Fatalf("MaskURL = %q", got)
	}
}
