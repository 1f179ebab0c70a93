package web

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the HTTP server's Prometheus metrics.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	codes    [600]string // status code → label, to avoid formatting per request
}

// NewMetrics registers the HTTP metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "blogstack_http_requests_total",
			Help: "HTTP requests by method, route template and status code.",
		}, []string{"method", "route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "blogstack_http_request_duration_seconds",
			Help:    "HTTP request latency by method and route template.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"method", "route"}),
	}
	for i := range m.codes {
		m.codes[i] = strconv.Itoa(i)
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// methodLabel maps the request method to a constant: Fiber's string for a
// method it does not know aliases a reused buffer, which a metric must not
// keep, and arbitrary methods would make unbounded series anyway.
func methodLabel(method string) string {
	switch method {
	case "GET":
		return "GET"
	case "HEAD":
		return "HEAD"
	case "POST":
		return "POST"
	case "PUT":
		return "PUT"
	case "PATCH":
		return "PATCH"
	case "DELETE":
		return "DELETE"
	case "OPTIONS":
		return "OPTIONS"
	}
	return "other"
}

func (m *Metrics) observe(method, route string, status int, elapsed time.Duration) {
	method = methodLabel(method)
	code := "other"
	if status >= 0 && status < len(m.codes) {
		code = m.codes[status]
	}
	m.requests.WithLabelValues(method, route, code).Inc()
	m.duration.WithLabelValues(method, route).Observe(elapsed.Seconds())
}
