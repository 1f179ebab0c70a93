// Command hello is compiled inside the golang stand-in image by the tests.
package main

import (
	"fmt"
	"runtime"
)

func main() { fmt.Printf("hello from %s\n", runtime.Version()) }
