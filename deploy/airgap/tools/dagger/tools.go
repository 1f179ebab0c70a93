//go:build tools

// Package tools pins the Dagger engine and CLI that dagger-engine runs on
// air-gapped hosts, at the version the pipeline's SDK (dagger.io/dagger)
// requires: the SDK hard-codes its CLI version, and CLI and engine must match
// it. They build from the module proxy as ordinary dependencies of this
// module; see go.mod for the replace lines that make that possible.
package tools

import (
	_ "github.com/dagger/dagger/cmd/dagger"
	_ "github.com/dagger/dagger/cmd/dialstdio"
	_ "github.com/dagger/dagger/cmd/dnsname"
	_ "github.com/dagger/dagger/cmd/engine"
	_ "github.com/dagger/dagger/cmd/init"
)
