package pg

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// WatchConfig configures Watch: which change marks to poll and whom to
// tell. Sequence, Connect and the three callbacks are required; zero
// durations take the defaults documented on each.
//
// The writers' side is a trigger that, in the writing transaction, takes
// advisory lock LockKey in shared mode (held until commit or abort) and
// then calls nextval(Sequence). Each poll reads the sequence, then tries
// the lock exclusively. A committed write is reported as a change by the
// first poll that starts after its commit, or earlier: the poll either saw
// its lock held (in flight), or, if no poll ran while it was in flight,
// sees the sequence moved since the previous poll. Reporting also the poll
// after one that saw a write in flight covers the write committing in
// between. This is what LISTEN/NOTIFY would give, without NOTIFY's
// cluster-wide commit lock, which serialises every notifying commit.
type WatchConfig struct {
	// Sequence is the (schema-qualified if need be) change sequence.
	Sequence string
	// LockKey is the advisory lock the writers hold in shared mode.
	LockKey int64
	// Connect opens the dedicated connection: one session, outside the
	// pool, so polls never wait for a busy pool.
	Connect func(ctx context.Context) (*pgx.Conn, error)
	// OnWatching is called after the first poll on a (new) connection:
	// from then on no committed change goes unreported until OnLost.
	OnWatching func()
	// OnPoll is called after every later poll; changed reports a write
	// committed or in flight since the previous poll.
	OnPoll func(changed bool)
	// OnLost is called when the connection fails or Watch returns.
	OnLost func(err error)
	// Interval is the time between polls (default 20ms): the bound on how
	// late a change is reported.
	Interval time.Duration
	// RetryMin and RetryMax bound the exponential delay between
	// reconnection attempts (defaults 100ms and 5s).
	RetryMin, RetryMax time.Duration
	// Log receives reconnection warnings; nil discards them.
	Log *slog.Logger
}

// validate fills the defaults and rejects missing required fields.
func (c *WatchConfig) validate() error {
	if c.Sequence == "" || c.Connect == nil || c.OnWatching == nil || c.OnPoll == nil || c.OnLost == nil {
		return errors.New("pg: WatchConfig needs Sequence, Connect, OnWatching, OnPoll and OnLost")
	}
	if c.Interval <= 0 {
		c.Interval = 20 * time.Millisecond
	}
	if c.RetryMin <= 0 {
		c.RetryMin = 100 * time.Millisecond
	}
	if c.RetryMax < c.RetryMin {
		c.RetryMax = max(5*time.Second, c.RetryMin)
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return nil
}

// Watch polls for changes on a dedicated connection until ctx is done,
// reconnecting with backoff whenever the connection fails, and reports
// through cfg's callbacks (all called from Watch's goroutine). It returns
// nil when ctx is done, after calling OnLost, or an error at once for an
// invalid cfg.
func Watch(ctx context.Context, cfg WatchConfig) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	delay := cfg.RetryMin
	for {
		watched, err := watchOnce(ctx, &cfg)
		cfg.OnLost(err)
		if ctx.Err() != nil {
			return nil
		}
		if watched {
			delay = cfg.RetryMin // it worked for a while: retry promptly
		}
		cfg.Log.Warn("database change watcher not connected; retrying",
			"sequence", cfg.Sequence, "err", err, "retry_in", delay)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(delay):
		}
		delay = min(2*delay, cfg.RetryMax)
	}
}

// mark is what one poll saw.
type mark struct {
	seq      int64
	inFlight bool // a writer held the shared lock
}

// watchOnce connects and polls until the connection fails or ctx is done;
// watched says whether the first poll succeeded.
func watchOnce(ctx context.Context, cfg *WatchConfig) (watched bool, err error) {
	connectCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := cfg.Connect(connectCtx)
	cancel()
	if err != nil {
		return false, fmt.Errorf("pg: watcher connect: %w", err)
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = conn.Close(closeCtx)
	}()
	seqSQL := `SELECT last_value FROM ` + pgx.Identifier{cfg.Sequence}.Sanitize()
	// A poll must stay well under the interval; a stuck one is a lost
	// connection, not a reason to trust old counts.
	timeout := max(2*time.Second, 10*cfg.Interval)
	poll := func() (mark, error) {
		pctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		// In this order (sequence, then lock) and in one batch, so one
		// round trip; see WatchConfig for why the order matters.
		var b pgx.Batch
		var m mark
		b.Queue(seqSQL).QueryRow(func(r pgx.Row) error { return r.Scan(&m.seq) })
		b.Queue(`SELECT NOT pg_try_advisory_xact_lock($1)`, cfg.LockKey).QueryRow(func(r pgx.Row) error { return r.Scan(&m.inFlight) })
		err := conn.SendBatch(pctx, &b).Close()
		return m, err
	}
	prev, err := poll()
	if err != nil {
		return false, fmt.Errorf("pg: watcher poll: %w", err)
	}
	cfg.OnWatching()
	tick := time.NewTicker(cfg.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return true, ctx.Err()
		case <-tick.C:
		}
		m, err := poll()
		if err != nil {
			return true, fmt.Errorf("pg: watcher poll: %w", err)
		}
		cfg.OnPoll(m.seq != prev.seq || m.inFlight || prev.inFlight)
		prev = m
	}
}

// DedicatedConn returns a Connect function for WatchConfig that opens a
// connection outside pool, with pool's settings and the given
// application_name (so it can be found in pg_stat_activity).
func DedicatedConn(pool *pgxpool.Pool, appName string) func(ctx context.Context) (*pgx.Conn, error) {
	return func(ctx context.Context) (*pgx.Conn, error) {
		cc := pool.Config().ConnConfig.Copy()
		if cc.RuntimeParams == nil {
			cc.RuntimeParams = map[string]string{}
		}
		cc.RuntimeParams["application_name"] = appName
		return pgx.ConnectConfig(ctx, cc)
	}
}
