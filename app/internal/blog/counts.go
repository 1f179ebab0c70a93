package blog

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The change marks that migration 0003's triggers set on every write of
// posts or comments, whichever process makes it; see pg.WatchConfig.
const (
	// ChangeSequence is bumped by every writing statement.
	ChangeSequence = "blog_change_seq"
	// ChangeLockKey is held in shared mode by every writing transaction
	// until it ends ("blogcnt").
	ChangeLockKey int64 = 0x626c6f67636e74
)

// maxPollAge is how long the cache keeps serving after the watcher's last
// successful poll: a watcher stuck on a silent connection must not keep
// old counts alive.
const maxPollAge = time.Second

// maxCachedCounts bounds the cache: searches make the key space unbounded,
// and clearing a full map is simpler than LRU bookkeeping for entries that
// cost one count(*) to rebuild.
const maxCachedCounts = 256

// CountCache keeps the totals of list queries (the count(*) that DRF's
// pagination needs on every page, about half of PostgreSQL's work for a
// list) in the process, keyed by the count query and its arguments.
//
// Consistency: a cached count is what a count(*) run at the time it was
// filled returned, and it is dropped (i) at once by any write made through
// this process's Store and (ii) for writes committed anywhere else (other
// replicas, other roles, psql) by the first poll of this process's change
// watcher (pg.Watch, every 20ms) after their commit. A write through the
// Store inside a caller's transaction invalidates before it commits; the
// watcher invalidates again after the commit, which is the one that
// matters. A page therefore pairs rows read now with a count that may lag
// them by at most the watcher's delay (the poll interval plus a round
// trip) across replicas. DRF itself runs the count and the page as two
// statements, each with its own snapshot, so its count can disagree with
// its page too; a write through this replica is reflected by its next
// request, as with DRF. (Polling rather than LISTEN/NOTIFY: see migration
// 0003 for NOTIFY's cost to writers.)
//
// The cache serves counts only while the watcher is connected and polling:
// when its connection drops, or no poll succeeded for maxPollAge, changes
// may go unseen, so the cache is off (every list counts in SQL) until
// Watching, called after a first poll on a new connection, clears and
// re-enables it. Every invalidation bumps a generation number, and a count
// computed by a query that started before an invalidation is not stored,
// so a count racing with a write can never outlive the write's
// invalidation.
//
// Counts run inside a caller's transaction neither read nor fill the
// cache: they may see the transaction's own uncommitted rows, and the
// transaction may have an older snapshot. Only a *pgxpool.Pool, whose
// every statement runs in its own transaction, is cached.
//
// The zero value is not usable; a nil *CountCache caches nothing.
type CountCache struct {
	mu        sync.Mutex
	watching  bool      // the watcher is polling: the cache may serve
	freshTill time.Time // when the last successful poll stops vouching
	gen       uint64    // bumped by every invalidation
	counts    map[string]int

	hits, misses, uncached atomic.Uint64
}

// NewCountCache returns an empty cache, disabled until Watching is
// called.
func NewCountCache() *CountCache {
	return &CountCache{counts: make(map[string]int)}
}

// WatchConfig returns the pg.WatchConfig that keeps c in step with the
// database: run pg.Watch with it for as long as c is in use. connect must
// open a dedicated connection to the database the Store's pool uses.
func (c *CountCache) WatchConfig(connect func(context.Context) (*pgx.Conn, error), log *slog.Logger) pg.WatchConfig {
	return pg.WatchConfig{
		Sequence:   ChangeSequence,
		LockKey:    ChangeLockKey,
		Connect:    connect,
		OnWatching: c.Watching,
		OnPoll:     c.Polled,
		OnLost:     func(error) { c.Lost() },
		Log:        log,
	}
}

// CountStats is a snapshot of the cache for metrics and tests.
type CountStats struct {
	Hits     uint64 // counts served from the cache
	Misses   uint64 // counts run in SQL and offered to the cache
	Uncached uint64 // counts run in SQL that the cache could not take: in a transaction, or while the watcher was not polling
	Entries  int    // counts held now
	Watching bool   // the watcher is polling, so the cache may serve
}

// Stats returns the current figures.
func (c *CountCache) Stats() CountStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CountStats{
		Hits: c.hits.Load(), Misses: c.misses.Load(), Uncached: c.uncached.Load(),
		Entries: len(c.counts), Watching: c.servingLocked(time.Now()),
	}
}

// Watching enables the cache; the watcher calls it after its first poll on
// a (new) connection. It clears the cache first: changes made while no one
// watched were not seen.
func (c *CountCache) Watching() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.resetLocked()
	c.watching = true
	c.freshTill = time.Now().Add(maxPollAge)
}

// Polled records a successful poll; changed drops every cached count.
func (c *CountCache) Polled(changed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if changed {
		c.resetLocked()
	}
	c.freshTill = time.Now().Add(maxPollAge)
}

// servingLocked reports whether the cache may serve and be filled.
func (c *CountCache) servingLocked(now time.Time) bool {
	return c.watching && now.Before(c.freshTill)
}

// Lost disables the cache; the watcher calls it when its connection
// fails, before it reconnects. Until Watching, every count runs in SQL.
func (c *CountCache) Lost() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.resetLocked()
	c.watching = false
}

// Invalidate drops every cached count; the Store calls it after each of
// its writes. Nil-safe.
func (c *CountCache) Invalidate() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.resetLocked()
}

func (c *CountCache) resetLocked() {
	c.gen++
	clear(c.counts)
}

// countTicket is one count's claim on the cache: the key and the
// generation read before the count ran. The zero ticket stores nothing.
type countTicket struct {
	cache *CountCache
	key   string
	gen   uint64
}

// lookup returns the cached total of countSQL with args when the cache may
// serve it, else a ticket to store the total computed in SQL.
func (c *CountCache) lookup(db pg.DBTX, countSQL string, args []any) (total int, hit bool, t countTicket) {
	if c == nil {
		return 0, false, t
	}
	// Only the pool: a pgx.Tx (or a connection that may be in one) can see
	// its own uncommitted writes or an older snapshot.
	if _, ok := db.(*pgxpool.Pool); !ok {
		c.uncached.Add(1)
		return 0, false, t
	}
	key, ok := countKey(countSQL, args)
	if !ok {
		c.uncached.Add(1)
		return 0, false, t
	}
	now := time.Now() // outside the lock: it is the hot path
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.servingLocked(now) {
		c.uncached.Add(1)
		return 0, false, t
	}
	if n, ok := c.counts[key]; ok {
		c.hits.Add(1)
		return n, true, t
	}
	c.misses.Add(1)
	return 0, false, countTicket{cache: c, key: key, gen: c.gen}
}

// store keeps total unless the cache was invalidated (or disabled) since
// the ticket was issued: the count may then predate a write.
func (t countTicket) store(total int) {
	c := t.cache
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != t.gen || !c.servingLocked(time.Now()) {
		return
	}
	if len(c.counts) >= maxCachedCounts {
		clear(c.counts)
	}
	c.counts[t.key] = total
}

// countKey encodes a count query and its arguments unambiguously (every
// variable part is length-prefixed). It reports false for an argument type
// it does not know, which is then simply not cached.
func countKey(countSQL string, args []any) (string, bool) {
	if len(args) == 0 {
		return countSQL, true
	}
	b := make([]byte, 0, len(countSQL)+32)
	b = append(b, countSQL...)
	str := func(s string) {
		b = strconv.AppendInt(append(b, '|'), int64(len(s)), 10)
		b = append(append(b, ':'), s...)
	}
	for _, a := range args {
		switch v := a.(type) {
		case nil:
			b = append(b, "|nil"...)
		case *int64:
			if v == nil {
				b = append(b, "|nil"...)
			} else {
				b = strconv.AppendInt(append(b, "|i"...), *v, 10)
			}
		case []string:
			if v == nil {
				b = append(b, "|nil"...)
				continue
			}
			b = strconv.AppendInt(append(b, "|a"...), int64(len(v)), 10)
			for _, s := range v {
				str(s)
			}
		default:
			return "", false
		}
	}
	return string(b), true
}
