//go:build tools

// Package tools pins the NSQ daemons and utilities that the air-gapped
// nsqio/nsq:v1.3.0 stand-in image carries. NSQ's version list is not served
// by the module proxy, so `go install …@v1.3.0` is refused; requiring the
// exact version from this module works.
package tools

import (
	_ "github.com/nsqio/nsq/apps/nsq_stat"
	_ "github.com/nsqio/nsq/apps/nsq_tail"
	_ "github.com/nsqio/nsq/apps/nsqadmin"
	_ "github.com/nsqio/nsq/apps/nsqd"
	_ "github.com/nsqio/nsq/apps/nsqlookupd"
)
