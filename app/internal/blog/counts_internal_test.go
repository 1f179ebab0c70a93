package blog

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// pool stands for the pool in lookups: the cache only looks at the type.
var pool = (*pgxpool.Pool)(nil)

func TestCountCacheGeneration(t *testing.T) {
	t.Parallel()
	c := NewCountCache()

	if _, hit, tk := c.lookup(pool, "q", nil); hit || tk.cache != nil {
		t.Fatal("a cache whose watcher has not polled must neither serve nor take counts")
	}
	c.Watching()
	_, _, tk := c.lookup(pool, "q", nil)
	c.Invalidate() // a write lands while the count runs
	tk.store(1)
	if _, hit, _ := c.lookup(pool, "q", nil); hit {
		t.Fatal("a count that started before an invalidation was stored")
	}

	_, _, tk = c.lookup(pool, "q", nil)
	c.Lost()
	c.Watching() // reconnected: the count may predate unseen changes
	tk.store(2)
	if _, hit, _ := c.lookup(pool, "q", nil); hit {
		t.Fatal("a count that started before the watcher was lost was stored")
	}

	_, _, tk = c.lookup(pool, "q", nil)
	tk.store(3)
	if n, hit, _ := c.lookup(pool, "q", nil); !hit || n != 3 {
		t.Fatalf("lookup = %d, %v; want 3 from the cache", n, hit)
	}
	c.mu.Lock()
	c.freshTill = time.Now().Add(-time.Nanosecond) // no poll for maxPollAge
	c.mu.Unlock()
	if _, hit, _ := c.lookup(pool, "q", nil); hit {
		t.Fatal("the cache served a count after the watcher stopped polling")
	}
	c.Polled(false)
	if _, hit, _ := c.lookup(pool, "q", nil); !hit {
		t.Fatal("a quiet poll must not drop counts")
	}
	c.Polled(true)
	if _, hit, _ := c.lookup(pool, "q", nil); hit {
		t.Fatal("a poll that saw a change must drop counts")
	}
	_, _, tk = c.lookup(pool, "q", nil)
	tk.store(4)
	c.Lost()
	if _, hit, _ := c.lookup(pool, "q", nil); hit {
		t.Fatal("the cache served a count while the watcher was lost")
	}
}

func TestCountCacheBounded(t *testing.T) {
	t.Parallel()
	c := NewCountCache()
	c.Watching()
	for i := range 3 * maxCachedCounts {
		_, _, tk := c.lookup(pool, "q", []any{[]string{string(rune('a' + i%26)), string(rune(i))}})
		tk.store(i)
	}
	if n := c.Stats().Entries; n < 1 || n > maxCachedCounts {
		t.Fatalf("entries = %d, want 1..%d", n, maxCachedCounts)
	}
}

func TestCountKey(t *testing.T) {
	t.Parallel()
	one, two := int64(1), int64(12)
	distinct := [][]any{
		nil,
		{[]string(nil)},
		{[]string{}},
		{[]string{"a", "b"}},
		{[]string{"a|1:b"}},
		{[]string{"ab"}},
		{(*int64)(nil), []string(nil)},
		{&one, []string(nil)},
		{&two, []string(nil)},
		{&one, []string{"2"}},
	}
	seen := map[string]int{}
	for i, args := range distinct {
		k, ok := countKey("q", args)
		if !ok {
			t.Fatalf("args %d not cacheable", i)
		}
		if j, dup := seen[k]; dup {
			t.Fatalf("args %d and %d share the key %q", j, i, k)
		}
		seen[k] = i
	}
	if _, ok := countKey("q", []any{3.5}); ok {
		t.Fatal("an unknown argument type must not be cached")
	}
}
