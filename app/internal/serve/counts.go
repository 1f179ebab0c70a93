package serve

import (
	"github.com/blogstack/blogstack/app/internal/blog"
	"github.com/prometheus/client_golang/prometheus"
)

// countsCollector exports the list count cache's figures, read at scrape
// time so the request path only bumps atomics.
type countsCollector struct {
	cache                                   *blog.CountCache
	hits, misses, uncached, entries, listen *prometheus.Desc
}

func newCountsCollector(cache *blog.CountCache) *countsCollector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("blogstack_list_count_"+name, help, nil, nil)
	}
	return &countsCollector{
		cache:    cache,
		hits:     d("cache_hits_total", "List totals served from the in-process count cache."),
		misses:   d("cache_misses_total", "List totals counted in SQL and offered to the cache."),
		uncached: d("uncached_total", "List totals counted in SQL without the cache: inside a transaction, or while the change watcher was down."),
		entries:  d("cache_entries", "List totals held in the cache."),
		listen:   d("watcher_up", "1 while the change watcher polls and the cache may serve; 0 while every list counts in SQL."),
	}
}

// Describe implements prometheus.Collector.
func (c *countsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.hits, c.misses, c.uncached, c.entries, c.listen} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *countsCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.cache.Stats()
	up := 0.0
	if s.Watching {
		up = 1
	}
	ch <- prometheus.MustNewConstMetric(c.hits, prometheus.CounterValue, float64(s.Hits))
	ch <- prometheus.MustNewConstMetric(c.misses, prometheus.CounterValue, float64(s.Misses))
	ch <- prometheus.MustNewConstMetric(c.uncached, prometheus.CounterValue, float64(s.Uncached))
	ch <- prometheus.MustNewConstMetric(c.entries, prometheus.GaugeValue, float64(s.Entries))
	ch <- prometheus.MustNewConstMetric(c.listen, prometheus.GaugeValue, up)
}
