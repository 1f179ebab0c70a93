package browsable

import (
	"errors"
	"io"
)

// Render writes p as a complete HTML document.
//
// TODO(browsable helper): placeholder until the templates land.
func Render(w io.Writer, p Page) error {
	return errors.New("browsable: renderer not implemented yet")
}
