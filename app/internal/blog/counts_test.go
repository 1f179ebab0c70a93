package blog_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/blogstack/blogstack/app/internal/platform/pgtest"
	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

const watcherApp = "blog-test-change-watcher"

// countBundle is one test's database, store and count cache.
type countBundle struct {
	t     *testing.T
	ctx   context.Context
	db    *pgtest.DB
	cache *blog.CountCache
	store *blog.Store
	// dial hands out one token per watcher connection attempt, so a test
	// can hold a reconnection.
	dial chan struct{}
}

// setupCounts builds a store with a count cache on a fresh database. With
// watch, a real watcher keeps the cache in step (its connections gated by
// b.dial, which holds one token); without, the cache is enabled by hand
// and only the store's own writes invalidate it.
func setupCounts(t *testing.T, watch bool) *countBundle {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b := &countBundle{t: t, ctx: ctx, db: pgtest.New(t), cache: blog.NewCountCache(), dial: make(chan struct{}, 1)}
	b.store = blog.NewStore(b.cache)
	if !watch {
		b.cache.Watching()
		t.Cleanup(cancel)
		return b
	}
	b.dial <- struct{}{}
	connect := pg.DedicatedConn(b.db.Pool, watcherApp)
	cfg := b.cache.WatchConfig(func(ctx context.Context) (*pgx.Conn, error) {
		select {
		case <-b.dial:
			return connect(ctx)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}, nil)
	cfg.RetryMax = 50 * time.Millisecond
	done := make(chan error, 1)
	go func() { done <- pg.Watch(ctx, cfg) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Watch: %v", err)
		}
	})
	b.eventually("the watcher polls", func() bool { return b.cache.Stats().Watching })
	return b
}

// eventually polls cond until it holds or a deadline passes.
func (b *countBundle) eventually(what string, cond func() bool) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (b *countBundle) exec(sql string, args ...any) {
	b.t.Helper()
	if _, err := b.db.Pool.Exec(b.ctx, sql, args...); err != nil {
		b.t.Fatalf("%s: %v", sql, err)
	}
}

var firstPage = blog.PageRequest{Number: 1, Size: 10}

// posts returns the total of the post list on db (the pool when nil).
func (b *countBundle) posts(db pg.DBTX, search ...string) int {
	b.t.Helper()
	if db == nil {
		db = b.db.Pool
	}
	p, err := b.store.ListPosts(b.ctx, db, blog.ListQuery{Page: firstPage, Search: search})
	if err != nil {
		b.t.Fatalf("list posts: %v", err)
	}
	return p.Total
}

func (b *countBundle) comments(postID *int64) int {
	b.t.Helper()
	p, err := b.store.ListComments(b.ctx, b.db.Pool, blog.ListQuery{Page: firstPage, PostID: postID})
	if err != nil {
		b.t.Fatalf("list comments: %v", err)
	}
	return p.Total
}

func (b *countBundle) createPost(db pg.DBTX, title string) blog.Post {
	b.t.Helper()
	p, err := b.store.CreatePost(b.ctx, db, blog.PostDraft{Title: blog.Str(title), Content: blog.Str("body"), Author: blog.Str("ann")})
	if err != nil {
		b.t.Fatalf("create post: %v", err)
	}
	return p
}

func (b *countBundle) createComment(postID int64) blog.Comment {
	b.t.Helper()
	c, err := b.store.CreateComment(b.ctx, b.db.Pool, blog.CommentDraft{
		Post: blog.Raw{Kind: blog.Number, Text: strconv.FormatInt(postID, 10)}, Author: blog.Str("bob"), Body: blog.Str("hi")})
	if err != nil {
		b.t.Fatalf("create comment: %v", err)
	}
	return c
}

// wantTotal checks a total and whether it came from the cache.
// Call it as wantTotal(what, b.cache.Stats(), b.posts(…), …): Go evaluates
// the calls left to right, so the stats are taken before the count.
func (b *countBundle) wantTotal(what string, before blog.CountStats, got, want int, hit bool) {
	b.t.Helper()
	if got != want {
		b.t.Fatalf("%s: total = %d, want %d", what, got, want)
	}
	if after := b.cache.Stats(); (after.Hits > before.Hits) != hit {
		b.t.Fatalf("%s: served from the cache = %v, want %v (stats %+v → %+v)", what, after.Hits > before.Hits, hit, before, after)
	}
}

// Without a watcher, so only the store's own invalidation can keep the
// counts right: every local write must show at once.
func TestCountCacheLocalWrites(t *testing.T) {
	t.Parallel()
	b := setupCounts(t, false)
	p1 := b.createPost(b.db.Pool, "alpha")
	p2 := b.createPost(b.db.Pool, "beta")
	s := b.cache.Stats()
	b.wantTotal("first list", s, b.posts(nil), 2, false)
	s = b.cache.Stats()
	b.wantTotal("second list", s, b.posts(nil), 2, true)

	b.createPost(b.db.Pool, "gamma")
	s = b.cache.Stats()
	b.wantTotal("after create", s, b.posts(nil), 3, false)

	b.wantTotal("search", b.cache.Stats(), b.posts(nil, "alpha"), 1, false)
	b.wantTotal("search again", b.cache.Stats(), b.posts(nil, "alpha"), 1, true)
	if _, err := b.store.UpdatePost(b.ctx, b.db.Pool, p2.ID, blog.PostDraft{Title: blog.Str("alpha two")}, true); err != nil {
		t.Fatal(err)
	}
	b.wantTotal("search after update", b.cache.Stats(), b.posts(nil, "alpha"), 2, false)

	b.createComment(p1.ID)
	b.createComment(p1.ID)
	c := b.createComment(p2.ID)
	b.wantTotal("comments of p1", b.cache.Stats(), b.comments(&p1.ID), 2, false)
	b.wantTotal("comments of p1 again", b.cache.Stats(), b.comments(&p1.ID), 2, true)
	b.wantTotal("all comments", b.cache.Stats(), b.comments(nil), 3, false)

	if err := b.store.DeletePost(b.ctx, b.db.Pool, p1.ID); err != nil {
		t.Fatal(err)
	}
	b.wantTotal("posts after delete", b.cache.Stats(), b.posts(nil), 2, false)
	b.wantTotal("comments after cascade", b.cache.Stats(), b.comments(nil), 1, false)
	b.wantTotal("comments of the deleted post", b.cache.Stats(), b.comments(&p1.ID), 0, false)

	b.wantTotal("comments warm", b.cache.Stats(), b.comments(nil), 1, true)
	if err := b.store.DeleteComment(b.ctx, b.db.Pool, c.ID); err != nil {
		t.Fatal(err)
	}
	b.wantTotal("after comment delete", b.cache.Stats(), b.comments(nil), 0, false)
}

// Writes made past this process's Store (another replica, another role,
// psql) reach the cache through the watcher's polls.
func TestCountCacheSeesOtherWriters(t *testing.T) {
	t.Parallel()
	b := setupCounts(t, true)
	p := b.createPost(b.db.Pool, "one")
	b.eventually("the cache serves", func() bool { s := b.cache.Stats(); b.posts(nil); return b.cache.Stats().Hits > s.Hits })

	b.exec(`INSERT INTO posts (title, content, author) VALUES ('other', 'replica', 'x')`)
	b.eventually("an INSERT elsewhere shows", func() bool { return b.posts(nil) == 2 })
	b.eventually("the cache serves again", func() bool { s := b.cache.Stats(); b.posts(nil); return b.cache.Stats().Hits > s.Hits })

	b.wantTotal("search warm", b.cache.Stats(), b.posts(nil, "renamed"), 0, false)
	b.exec(`UPDATE posts SET title = 'renamed' WHERE id = $1`, p.ID)
	b.eventually("an UPDATE elsewhere shows in searches", func() bool { return b.posts(nil, "renamed") == 1 })

	b.exec(`INSERT INTO comments (post_id, author, body) VALUES ($1, 'x', 'y'), ($1, 'x', 'z')`, p.ID)
	b.eventually("comments inserted elsewhere show", func() bool { return b.comments(&p.ID) == 2 })
	b.exec(`DELETE FROM posts WHERE id = $1`, p.ID)
	b.eventually("the cascade elsewhere shows", func() bool { return b.comments(&p.ID) == 0 && b.comments(nil) == 0 })
	b.exec(`TRUNCATE posts CASCADE`)
	b.eventually("a TRUNCATE elsewhere shows", func() bool { return b.posts(nil) == 0 })

	// A write through the Store inside a caller's transaction invalidates
	// before its commit; the watcher, which sees it in flight over several
	// polls while the cache keeps refilling, must invalidate after it.
	tx, err := b.db.Pool.Begin(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.createPost(tx, "in a transaction")
	b.wantTotal("before commit", b.cache.Stats(), b.posts(nil), 0, false)
	b.eventually("the pre-commit count is cached", func() bool { s := b.cache.Stats(); b.posts(nil); return b.cache.Stats().Hits > s.Hits })
	if err := tx.Commit(b.ctx); err != nil {
		t.Fatal(err)
	}
	b.eventually("a committed transaction shows", func() bool { return b.posts(nil) == 1 })
}

// While the watcher's connection is down, changes go unseen, so the cache
// must not serve: every count runs in SQL until it polls again.
func TestCountCacheWatcherKilled(t *testing.T) {
	t.Parallel()
	b := setupCounts(t, true)
	b.createPost(b.db.Pool, "one")
	b.eventually("the count is cached", func() bool { s := b.cache.Stats(); b.posts(nil); return b.cache.Stats().Hits > s.Hits })

	var killed bool
	err := b.db.Pool.QueryRow(b.ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
WHERE application_name = $1 AND datname = current_database()`, watcherApp).Scan(&killed)
	if err != nil || !killed {
		t.Fatalf("terminate the watcher's backend: %v, %v", killed, err)
	}
	b.eventually("the cache is disabled", func() bool { return !b.cache.Stats().Watching })

	// The reconnection is held (no dial token): nobody sees this write,
	// and only counting in SQL gets it right.
	b.exec(`INSERT INTO posts (title, content, author) VALUES ('while', 'down', 'x')`)
	for i := range 3 {
		s := b.cache.Stats()
		b.wantTotal("while disconnected", s, b.posts(nil), 2, false)
		if after := b.cache.Stats(); after.Uncached != s.Uncached+1 || after.Entries != 0 {
			t.Fatalf("run %d while disconnected: stats %+v → %+v, want one uncached count and nothing stored", i, s, after)
		}
	}

	b.dial <- struct{}{}
	b.eventually("the watcher polls again", func() bool { return b.cache.Stats().Watching })
	b.wantTotal("after reconnection", b.cache.Stats(), b.posts(nil), 2, false)
	b.wantTotal("cached again", b.cache.Stats(), b.posts(nil), 2, true)
	b.exec(`INSERT INTO posts (title, content, author) VALUES ('after', 'up', 'x')`)
	b.eventually("changes are seen again", func() bool { return b.posts(nil) == 3 })
}

// A count inside a caller's transaction may see its uncommitted rows: it
// must neither read nor fill the cache.
func TestCountInTransactionBypassesCache(t *testing.T) {
	t.Parallel()
	b := setupCounts(t, false)
	b.createPost(b.db.Pool, "one")
	b.createPost(b.db.Pool, "two")
	b.posts(nil)
	b.wantTotal("warm", b.cache.Stats(), b.posts(nil), 2, true)

	tx, err := b.db.Pool.Begin(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(b.ctx) }()
	if _, err := tx.Exec(b.ctx, `INSERT INTO posts (title, content, author) VALUES ('t', 'x', 'y')`); err != nil {
		t.Fatal(err)
	}
	s := b.cache.Stats()
	b.wantTotal("in the transaction", s, b.posts(tx), 3, false)
	if after := b.cache.Stats(); after.Uncached != s.Uncached+1 || after.Misses != s.Misses {
		t.Fatalf("the transaction's count touched the cache: %+v → %+v", s, after)
	}
	b.wantTotal("outside, meanwhile", b.cache.Stats(), b.posts(nil), 2, true)
	if err := tx.Rollback(b.ctx); err != nil {
		t.Fatal(err)
	}
	b.wantTotal("after rollback", b.cache.Stats(), b.posts(nil), 2, true)
}
