package blog

// The store's SQL. Every value is a parameter; the only text spliced into a
// query is an ORDER BY clause chosen from the fixed tables below, and every
// variant is built once in NewStore so pgx can cache its prepared statement.

const (
	postColumns = `id, title, content, author, status, created_at, updated_at, published_at`

	getPostSQL    = `SELECT ` + postColumns + ` FROM posts WHERE id = $1`
	createPostSQL = `INSERT INTO posts (title, content, author) VALUES ($1, $2, $3) RETURNING ` + postColumns
	// COALESCE keeps the current value of every field not sent. Under READ
	// COMMITTED, an UPDATE that waited on a concurrent one re-reads the
	// committed row before evaluating SET, so two PATCHes of different
	// fields both survive.
	updatePostSQL = `UPDATE posts SET
    title = COALESCE($2, title),
    content = COALESCE($3, content),
    author = COALESCE($4, author),
    updated_at = now()
WHERE id = $1 RETURNING ` + postColumns
	deletePostSQL = `DELETE FROM posts WHERE id = $1`
	postExistsSQL = `SELECT EXISTS (SELECT 1 FROM posts WHERE id = $1)`

	countPostsSQL       = `SELECT count(*) FROM posts`
	listPostsSQL        = `SELECT ` + postColumns + ` FROM posts ORDER BY %s LIMIT $1 OFFSET $2`
	postSearchWhere     = ` WHERE (SELECT bool_and(title ILIKE p OR content ILIKE p) FROM unnest($1::text[]) AS p)`
	countPostsSearchSQL = countPostsSQL + postSearchWhere
	listPostsSearchSQL  = `SELECT ` + postColumns + ` FROM posts` + postSearchWhere + ` ORDER BY %s LIMIT $2 OFFSET $3`

	commentColumns = `id, post_id, author, body, created_at`

	getCommentSQL    = `SELECT ` + commentColumns + ` FROM comments WHERE id = $1`
	createCommentSQL = `INSERT INTO comments (post_id, author, body) VALUES ($1, $2, $3) RETURNING ` + commentColumns
	updateCommentSQL = `UPDATE comments SET
    post_id = COALESCE($2, post_id),
    author = COALESCE($3, author),
    body = COALESCE($4, body)
WHERE id = $1 RETURNING ` + commentColumns
	deleteCommentSQL = `DELETE FROM comments WHERE id = $1`

	// Comments lists are not on the hot path, so one statement serves every
	// filter combination: a NULL parameter disables its filter.
	commentWhere = ` WHERE ($1::bigint IS NULL OR post_id = $1)
  AND ($2::text[] IS NULL OR (SELECT bool_and(author ILIKE p OR body ILIKE p) FROM unnest($2::text[]) AS p))`
	countCommentsSQL = `SELECT count(*) FROM comments` + commentWhere
	listCommentsSQL  = `SELECT ` + commentColumns + ` FROM comments` + commentWhere + ` ORDER BY %s LIMIT $3 OFFSET $4`
)

// Orderings accepted by ?ordering=, mapped to ORDER BY clauses. id breaks
// ties so pages never overlap.
var (
	postOrderings = map[string]string{
		"id": "id", "-id": "id DESC",
		"created_at": "created_at, id", "-created_at": "created_at DESC, id DESC",
		"title": "title, id", "-title": "title DESC, id DESC",
	}
	commentOrderings = map[string]string{
		"id": "id", "-id": "id DESC",
		"created_at": "created_at, id", "-created_at": "created_at DESC, id DESC",
	}
)
