package blog

// Page sizes, as DRF's PageNumberPagination is configured in the original.
const (
	DefaultPageSize = 10
	MaxPageSize     = 100
)

// PageRequest selects one page of a list.
type PageRequest struct {
	Number int  // 1-based; ignored when Last is set
	Last   bool // the client asked for page=last
	Size   int  // 1..MaxPageSize
}

// Page is one page of a list plus what is needed to link its neighbours.
type Page[T any] struct {
	Items  []T
	Total  int // items in the whole list
	Number int // this page's number
	Size   int
}

// HasNext reports whether a page follows this one.
func (p Page[T]) HasNext() bool { return p.Number*p.Size < p.Total }

// HasPrevious reports whether a page precedes this one.
func (p Page[T]) HasPrevious() bool { return p.Number > 1 }

// pageCount is the number of pages of total items, at least 1: an empty list
// still has an (empty) first page, as with DRF's allow_empty_first_page.
func pageCount(total, size int) int {
	if total == 0 {
		return 1
	}
	return (total + size - 1) / size
}

// resolve checks the requested page against the list's total and returns
// its number, or ErrInvalidPage.
func (r PageRequest) resolve(total int) (int, error) {
	last := pageCount(total, r.Size)
	if r.Last {
		return last, nil
	}
	if r.Number < 1 || r.Number > last {
		return 0, ErrInvalidPage
	}
	return r.Number, nil
}

// ListQuery selects and orders a list.
type ListQuery struct {
	Page     PageRequest
	Search   []string // every term must match one of the searched columns
	Ordering string   // a key of the list's orderings; "" means by id
	PostID   *int64   // comments only: filter by post
}
