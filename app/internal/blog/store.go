package blog

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/blogstack/blogstack/app/internal/platform/pg"
	"github.com/jackc/pgx/v5"
)

// Store reads and writes posts and comments. Every method takes the DBTX
// to run on, so a caller can put a write and its outbox row in one
// transaction; writes take Drafts and validate them before any SQL runs.
type Store struct {
	postList, postSearch, commentList map[string]string // ordering key → SQL
	counts                            *CountCache       // nil: always count in SQL
}

// NewStore builds the store and its query variants. counts, when not nil,
// caches list totals (see CountCache for the consistency it gives); the
// store invalidates it on every write it makes.
func NewStore(counts *CountCache) *Store {
	build := func(tmpl string, orderings map[string]string) map[string]string {
		out := make(map[string]string, len(orderings))
		for key, clause := range orderings {
			out[key] = fmt.Sprintf(tmpl, clause)
		}
		return out
	}
	return &Store{
		postList:    build(listPostsSQL, postOrderings),
		postSearch:  build(listPostsSearchSQL, postOrderings),
		commentList: build(listCommentsSQL, commentOrderings),
		counts:      counts,
	}
}

// pickOrdering returns the SQL for the first valid term of a DRF ordering
// parameter ("-title,id"); invalid terms are ignored, as DRF ignores them.
func pickOrdering(variants map[string]string, ordering string) string {
	for term := range strings.SplitSeq(ordering, ",") {
		if q, ok := variants[strings.TrimSpace(term)]; ok {
			return q
		}
	}
	return variants["id"]
}

// searchPatterns turns search terms into ILIKE patterns, escaping the
// pattern characters so a search for "50%" means the text "50%".
func searchPatterns(terms []string) []string {
	if len(terms) == 0 {
		return nil
	}
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = "%" + esc.Replace(t) + "%"
	}
	return out
}

func scanPost(row pgx.Row) (Post, error) {
	var p Post
	err := row.Scan(&p.ID, &p.Title, &p.Content, &p.Author, &p.Status, &p.CreatedAt, &p.UpdatedAt, &p.PublishedAt)
	return p, err
}

func scanComment(row pgx.Row) (Comment, error) {
	var c Comment
	err := row.Scan(&c.ID, &c.PostID, &c.Author, &c.Body, &c.CreatedAt)
	return c, err
}

// notFound maps pgx's "no rows" to ErrNotFound and wraps anything else.
func notFound(op string, err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return fmt.Errorf("blog: %s: %w", op, err)
}

// list fetches one page. On a cache hit only the page query runs;
// otherwise the count and the page usually travel in one batch, a single
// round trip, and only page=last needs the count first.
func list[T any](ctx context.Context, db pg.DBTX, counts *CountCache, countSQL, pageSQL string, args []any, req PageRequest, scan func(pgx.Row) (T, error)) (Page[T], error) {
	page := Page[T]{Size: req.Size}
	if !req.Last && req.Number < 1 {
		return page, ErrInvalidPage
	}
	total, hit, ticket := counts.lookup(db, countSQL, args)
	if hit || req.Last {
		if !hit {
			if err := db.QueryRow(ctx, countSQL, args...).Scan(&total); err != nil {
				return page, fmt.Errorf("blog: count: %w", err)
			}
			ticket.store(total)
		}
		page.Total = total
		var err error
		if page.Number, err = req.resolve(total); err != nil {
			return page, err
		}
		rows, err := db.Query(ctx, pageSQL, append(args, req.Size, (page.Number-1)*req.Size)...)
		if err != nil {
			return page, fmt.Errorf("blog: list: %w", err)
		}
		page.Items, err = collect(rows, scan)
		return page, err
	}
	var b pgx.Batch
	b.Queue(countSQL, args...)
	b.Queue(pageSQL, append(args, req.Size, (req.Number-1)*req.Size)...)
	br := db.SendBatch(ctx, &b)
	defer br.Close()
	if err := br.QueryRow().Scan(&page.Total); err != nil {
		return page, fmt.Errorf("blog: count: %w", err)
	}
	ticket.store(page.Total)
	var err error
	if page.Number, err = req.resolve(page.Total); err != nil {
		return page, err
	}
	rows, err := br.Query()
	if err != nil {
		return page, fmt.Errorf("blog: list: %w", err)
	}
	if page.Items, err = collect(rows, scan); err != nil {
		return page, err
	}
	return page, br.Close()
}

func collect[T any](rows pgx.Rows, scan func(pgx.Row) (T, error)) ([]T, error) {
	defer rows.Close()
	items := make([]T, 0, 16)
	for rows.Next() {
		item, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("blog: scan: %w", err)
		}
		items = append(items, item)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("blog: list: %w", err)
	}
	return items, nil
}

// ListPosts returns one page of posts.
func (s *Store) ListPosts(ctx context.Context, db pg.DBTX, q ListQuery) (Page[Post], error) {
	if patterns := searchPatterns(q.Search); patterns != nil {
		return list(ctx, db, s.counts, countPostsSearchSQL, pickOrdering(s.postSearch, q.Ordering), []any{patterns}, q.Page, scanPost)
	}
	return list(ctx, db, s.counts, countPostsSQL, pickOrdering(s.postList, q.Ordering), nil, q.Page, scanPost)
}

// GetPost returns one post or ErrNotFound.
func (s *Store) GetPost(ctx context.Context, db pg.DBTX, id int64) (Post, error) {
	p, err := scanPost(db.QueryRow(ctx, getPostSQL, id))
	if err != nil {
		return Post{}, notFound("get post", err)
	}
	return p, nil
}

// CreatePost validates d and inserts it as a draft.
func (s *Store) CreatePost(ctx context.Context, db pg.DBTX, d PostDraft) (Post, error) {
	c, err := d.Validate(false)
	if err != nil {
		return Post{}, err
	}
	p, err := scanPost(db.QueryRow(ctx, createPostSQL, *c.Title, *c.Content, *c.Author))
	s.counts.Invalidate()
	if err != nil {
		return Post{}, fmt.Errorf("blog: create post: %w", err)
	}
	return p, nil
}

// UpdatePost validates d and writes only the fields it carries; partial is
// true for PATCH, false for PUT (every field required).
func (s *Store) UpdatePost(ctx context.Context, db pg.DBTX, id int64, d PostDraft, partial bool) (Post, error) {
	c, err := d.Validate(partial)
	if err != nil {
		return Post{}, err
	}
	p, err := scanPost(db.QueryRow(ctx, updatePostSQL, id, c.Title, c.Content, c.Author))
	s.counts.Invalidate() // a new title or content changes search counts
	if err != nil {
		return Post{}, notFound("update post", err)
	}
	return p, nil
}

// DeletePost deletes a post and, by cascade, its comments.
func (s *Store) DeletePost(ctx context.Context, db pg.DBTX, id int64) error {
	return s.deleteByID(ctx, db, deletePostSQL, id)
}

// deleteByID runs a delete and invalidates every cached count, comments'
// included, since deleting a post cascades to its comments.
func (s *Store) deleteByID(ctx context.Context, db pg.DBTX, sql string, id int64) error {
	tag, err := db.Exec(ctx, sql, id)
	s.counts.Invalidate()
	if err != nil {
		return fmt.Errorf("blog: delete: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// ListComments returns one page of comments, optionally of one post.
func (s *Store) ListComments(ctx context.Context, db pg.DBTX, q ListQuery) (Page[Comment], error) {
	args := []any{q.PostID, searchPatterns(q.Search)}
	return list(ctx, db, s.counts, countCommentsSQL, pickOrdering(s.commentList, q.Ordering), args, q.Page, scanComment)
}

// GetComment returns one comment or ErrNotFound.
func (s *Store) GetComment(ctx context.Context, db pg.DBTX, id int64) (Comment, error) {
	c, err := scanComment(db.QueryRow(ctx, getCommentSQL, id))
	if err != nil {
		return Comment{}, notFound("get comment", err)
	}
	return c, nil
}

// CreateComment validates d and inserts it.
func (s *Store) CreateComment(ctx context.Context, db pg.DBTX, d CommentDraft) (Comment, error) {
	ch, err := s.validateComment(ctx, db, d, false)
	if err != nil {
		return Comment{}, err
	}
	c, err := scanComment(db.QueryRow(ctx, createCommentSQL, *ch.PostID, *ch.Author, *ch.Body))
	s.counts.Invalidate()
	if err != nil {
		return Comment{}, postFK("create comment", err, ch.PostID)
	}
	return c, nil
}

// UpdateComment validates d and writes only the fields it carries.
func (s *Store) UpdateComment(ctx context.Context, db pg.DBTX, id int64, d CommentDraft, partial bool) (Comment, error) {
	ch, err := s.validateComment(ctx, db, d, partial)
	if err != nil {
		return Comment{}, err
	}
	c, err := scanComment(db.QueryRow(ctx, updateCommentSQL, id, ch.PostID, ch.Author, ch.Body))
	s.counts.Invalidate()
	if err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return Comment{}, ErrNotFound
		}
		return Comment{}, postFK("update comment", err, ch.PostID)
	}
	return c, nil
}

// DeleteComment deletes one comment.
func (s *Store) DeleteComment(ctx context.Context, db pg.DBTX, id int64) error {
	return s.deleteByID(ctx, db, deleteCommentSQL, id)
}

// validateComment validates d and, when other fields are already wrong,
// also looks the post up so every error is reported at once, as DRF does.
// When the rest is valid the foreign key does the check atomically instead,
// sparing a round trip and a race with a concurrent delete.
func (s *Store) validateComment(ctx context.Context, db pg.DBTX, d CommentDraft, partial bool) (CommentChanges, error) {
	ch, err := d.Validate(partial)
	var verr *ValidationError
	if err == nil || !errors.As(err, &verr) || ch.PostID == nil {
		return ch, err
	}
	var exists bool
	if qerr := db.QueryRow(ctx, postExistsSQL, *ch.PostID).Scan(&exists); qerr != nil {
		return ch, fmt.Errorf("blog: look up post: %w", qerr)
	}
	if !exists {
		verr = verr.add("post", msgPostMissing(strconv.FormatInt(*ch.PostID, 10)))
	}
	return ch, verr
}

// postFK turns a foreign-key violation on post_id into DRF's field error.
func postFK(op string, err error, postID *int64) error {
	if pg.IsForeignKeyViolation(err) && postID != nil {
		return NewValidationError("post", msgPostMissing(strconv.FormatInt(*postID, 10)))
	}
	return fmt.Errorf("blog: %s: %w", op, err)
}
