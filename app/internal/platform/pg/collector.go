package pg

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// PoolCollector exports pgxpool statistics to Prometheus. It reads
// pool.Stat() at scrape time, so the request path pays nothing for it.
type PoolCollector struct {
	pool                                             *pgxpool.Pool
	total, idle, acquired, max                       *prometheus.Desc
	acquireCount, acquireDuration, emptyAcquire, new *prometheus.Desc
}

// NewPoolCollector returns a collector for pool; register it once.
func NewPoolCollector(pool *pgxpool.Pool) *PoolCollector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("blogstack_db_pool_"+name, help, nil, nil)
	}
	return &PoolCollector{
		pool:            pool,
		total:           d("conns", "Connections open in the pool."),
		idle:            d("idle_conns", "Idle connections in the pool."),
		acquired:        d("acquired_conns", "Connections currently in use."),
		max:             d("max_conns", "Maximum size of the pool."),
		acquireCount:    d("acquires_total", "Connections acquired from the pool."),
		acquireDuration: d("acquire_seconds_total", "Time spent waiting to acquire connections."),
		emptyAcquire:    d("empty_acquires_total", "Acquires that had to wait because the pool was empty."),
		new:             d("new_conns_total", "Connections opened by the pool."),
	}
}

// Describe implements prometheus.Collector.
func (c *PoolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.total, c.idle, c.acquired, c.max, c.acquireCount, c.acquireDuration, c.emptyAcquire, c.new} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *PoolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.pool.Stat()
	gauge := func(d *prometheus.Desc, v float64) { ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v) }
	counter := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	gauge(c.total, float64(s.TotalConns()))
	gauge(c.idle, float64(s.IdleConns()))
	gauge(c.acquired, float64(s.AcquiredConns()))
	gauge(c.max, float64(s.MaxConns()))
	counter(c.acquireCount, float64(s.AcquireCount()))
	counter(c.acquireDuration, s.AcquireDuration().Seconds())
	counter(c.emptyAcquire, float64(s.EmptyAcquireCount()))
	counter(c.new, float64(s.NewConnsCount()))
}
