// Command probe runs inside the distroless stand-in and reports what a Go
// service needs from its runtime base: the user it runs as, CA certificates,
// time zones and a writable /tmp. Any failure exits non-zero.
package main

import (
	"crypto/x509"
	"fmt"
	"os"
	"time"
)

func main() {
	pool, err := x509.SystemCertPool()
	if err != nil || len(pool.Subjects()) == 0 { //nolint:staticcheck // Subjects is fine for counting system roots.
		fail("no system CA certificates: %v", err)
	}
	if _, err := time.LoadLocation("Europe/Lisbon"); err != nil {
		fail("no time zone data: %v", err)
	}
	f, err := os.CreateTemp("", "probe")
	if err != nil {
		fail("/tmp not writable: %v", err)
	}
	f.Close()
	os.Remove(f.Name())
	home, _ := os.UserHomeDir()
	fmt.Printf("uid=%d gid=%d home=%s roots=%d\n", os.Getuid(), os.Getgid(), home, len(pool.Subjects())) //nolint:staticcheck
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
