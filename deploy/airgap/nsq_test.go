package airgap_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nsqio/go-nsq"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// The nsq stand-in runs nsqd from where the official image has it (/nsqd),
// accepts a publish over HTTP and delivers it to a TCP consumer, answers a
// health check made with wget, and carries the other NSQ programs.
func TestNSQStandIn(t *testing.T) {
	requireDocker(t)
	t.Parallel()
	ctx := t.Context()
	img := imageFor(t, "nsq")
	c, err := testcontainers.Run(ctx, img,
		testcontainers.WithCmd("/nsqd", "--data-path=/data", "--broadcast-address=127.0.0.1"),
		testcontainers.WithExposedPorts("4150/tcp", "4151/tcp"),
		// Checked from inside (see endpoint), with the wget that health checks
		// written for the official image use.
		testcontainers.WithWaitStrategy(wait.ForExec([]string{"wget", "-q", "-O-", "http://127.0.0.1:4151/ping"}).WithStartupTimeout(time.Minute)),
	)
	if c != nil {
		t.Cleanup(func() { _ = c.Terminate(context.Background()) })
	}
	if err != nil {
		t.Fatalf("start %s: %v", img, err)
	}

	if got := execIn(t, c, "wget", "-q", "-O-", "http://127.0.0.1:4151/ping"); got != "OK" {
		t.Fatalf("wget health check answered %q, want OK", got)
	}
	for _, prog := range []string{"/nsqd", "/nsqlookupd", "/nsqadmin", "/usr/local/bin/nsq_stat", "/usr/local/bin/nsq_tail"} {
		if got := execIn(t, c, prog, "--version"); !strings.Contains(got, "v1.3.0") {
			t.Fatalf("%s --version = %q, want v1.3.0", prog, got)
		}
	}

	tcpAddr := endpoint(t, c, "4150/tcp")
	httpAddr := "http://" + endpoint(t, c, "4151/tcp")

	got := make(chan string, 1)
	cfg := nsq.NewConfig()
	consumer, err := nsq.NewConsumer("standin", "test", cfg)
	if err != nil {
		t.Fatal(err)
	}
	consumer.SetLoggerLevel(nsq.LogLevelWarning)
	consumer.AddHandler(nsq.HandlerFunc(func(m *nsq.Message) error {
		select {
		case got <- string(m.Body):
		default:
		}
		return nil
	}))
	if err := consumer.ConnectToNSQD(tcpAddr); err != nil {
		t.Fatalf("consumer connect to %s: %v", tcpAddr, err)
	}
	t.Cleanup(func() { consumer.Stop(); <-consumer.StopChan })

	req, err := http.NewRequestWithContext(ctx, http.MethodPost, httpAddr+"/pub?topic=standin", strings.NewReader("hello nsq"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("publish answered %s", resp.Status)
	}
	select {
	case body := <-got:
		if body != "hello nsq" {
			t.Fatalf("consumer got %q, want %q", body, "hello nsq")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("consumer received nothing within 30 s")
	}
}
