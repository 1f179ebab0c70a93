package blogapi

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// listQuery reads ?page, ?page_size, ?search and ?ordering as DRF's
// PageNumberPagination, SearchFilter and OrderingFilter do.
func listQuery(args *fasthttp.Args) (blog.ListQuery, error) {
	page, err := pageRequest(string(args.Peek("page")), string(args.Peek("page_size")))
	if err != nil {
		return blog.ListQuery{}, err
	}
	return blog.ListQuery{
		Page:     page,
		Search:   searchTerms(string(args.Peek("search"))),
		Ordering: string(args.Peek("ordering")),
	}, nil
}

// pageRequest parses the page number ("last" allowed; missing or empty means
// 1; anything else not a positive integer is an invalid page) and the page
// size (invalid sizes fall back to the default, large ones are capped).
func pageRequest(page, size string) (blog.PageRequest, error) {
	req := blog.PageRequest{Number: 1, Size: blog.DefaultPageSize}
	if n, err := strconv.Atoi(size); err == nil && n > 0 {
		req.Size = min(n, blog.MaxPageSize)
	}
	switch page {
	case "":
	case "last":
		req.Last = true
	default:
		n, err := strconv.Atoi(page)
		if err != nil || n < 1 {
			return req, blog.ErrInvalidPage
		}
		req.Number = n
	}
	return req, nil
}

// searchTerms splits ?search= on whitespace and commas, as SearchFilter.
func searchTerms(s string) []string {
	if s == "" {
		return nil
	}
	s = strings.NewReplacer("\x00", "", ",", " ").Replace(s)
	return strings.Fields(s)
}

// pageLinks returns the next and previous links of a page. As in DRF, the
// query is kept with its keys sorted, and the link to page 1 carries no
// page parameter at all.
func pageLinks[T any](base, path string, args *fasthttp.Args, p blog.Page[T]) (next, prev *string) {
	if p.HasNext() {
		s := pageURL(base, path, args, p.Number+1)
		next = &s
	}
	if p.HasPrevious() {
		s := pageURL(base, path, args, p.Number-1)
		prev = &s
	}
	return next, prev
}

func pageURL(base, path string, args *fasthttp.Args, page int) string {
	v := url.Values{}
	for k, val := range args.All() {
		v.Add(string(k), string(val))
	}
	if page <= 1 {
		v.Del("page")
	} else {
		v.Set("page", strconv.Itoa(page))
	}
	if q := v.Encode(); q != "" {
		return base + path + "?" + q
	}
	return base + path
}

// queryArgs returns the request's parsed query string.
func queryArgs(c *fiber.Ctx) *fasthttp.Args { return c.Request().URI().QueryArgs() }
