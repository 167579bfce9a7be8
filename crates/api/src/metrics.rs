//! Prometheus text metrics (`GET /metrics`, operator or auditor key):
//!
//! * `corridor_http_requests_total{method, route, status}`: requests answered, per operation
//!   (the route template, e.g. `/v1/obligations/{id}`) and status class; requests that match
//!   no route count under `route="unmatched"`;
//! * `corridor_http_request_seconds{method, route}`: latency per operation (histogram);
//! * `corridor_http_writes_in_flight`: write requests being processed (gauge);
//! * `corridor_engine_queue_depth`: requests waiting in the engine's queue in front of the
//!   journal writer (gauge);
//! * `corridor_engine_commit_records`: journal records per group commit (one fsync each;
//!   histogram, bucket bounds are record counts);
//! * `corridor_obligation_batch_items`: obligations per batch request (histogram, bounds are
//!   item counts);
//! * `corridor_cycle_seconds`: clearing cycle duration, prepare to durable (histogram).

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

/// Latency bucket bounds, microseconds.
pub const LATENCY_BUCKETS_US: [u64; 14] = [
    100, 250, 500, 1_000, 2_500, 5_000, 10_000, 20_000, 50_000, 100_000, 250_000, 500_000,
    2_000_000, 10_000_000,
];
/// Batch size bucket bounds, obligations per request.
pub const BATCH_BUCKETS: [u64; 8] = [1, 10, 100, 500, 1_000, 2_500, 5_000, 10_000];
/// Cycle duration bucket bounds, microseconds.
pub const CYCLE_BUCKETS_US: [u64; 9] = [
    10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 10_000_000, 60_000_000,
];
const CLASSES: [&str; 4] = ["2xx", "3xx", "4xx", "5xx"];

pub struct Histogram {
    bounds: &'static [u64],
    buckets: Vec<AtomicU64>,
    count: AtomicU64,
    sum: AtomicU64,
}

impl Histogram {
    pub fn new(bounds: &'static [u64]) -> Histogram {
        Histogram {
            bounds,
            buckets: bounds.iter().map(|_| AtomicU64::new(0)).collect(),
            count: AtomicU64::new(0),
            sum: AtomicU64::new(0),
        }
    }

    pub fn observe(&self, value: u64) {
        // Buckets are cumulative: every bucket whose bound is at least the value.
        let first = self.bounds.partition_point(|b| *b < value);
        for bucket in &self.buckets[first..] {
            bucket.fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum.fetch_add(value, Ordering::Relaxed);
    }

    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    fn render(&self, name: &str, labels: &str, scale: u64, out: &mut String) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (bound, bucket) in self.bounds.iter().zip(&self.buckets) {
            let _ = writeln!(
                out,
                "{name}_bucket{{{labels}{sep}le=\"{}\"}} {}",
                scaled(*bound, scale),
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {count}");
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(
            out,
            "{name}_sum{braces} {}\n{name}_count{braces} {count}",
            scaled(self.sum.load(Ordering::Relaxed), scale)
        );
    }
}

/// `value / scale` as decimal text, exact (integers only: these are not money, but there is
/// no need for floats either).
fn scaled(value: u64, scale: u64) -> String {
    if scale == 1 {
        return value.to_string();
    }
    let digits = scale.ilog10() as usize;
    let text = format!("{}.{:0digits$}", value / scale, value % scale);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// One operation's counters.
struct Operation {
    method: &'static str,
    route: &'static str,
    by_class: [AtomicU64; 4],
    latency: Histogram,
}

pub struct Metrics {
    operations: Vec<Operation>,
    pub batch_items: Histogram,
    pub cycle: Histogram,
    pub writes_in_flight: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new(&[])
    }
}

/// What the engine reports, read when metrics are rendered.
pub struct EngineReading {
    pub queue_depth: u64,
    pub commits: u64,
    pub records: u64,
    /// (records at most, commits) per bucket, cumulative.
    pub commit_records: Vec<(u64, u64)>,
}

impl Metrics {
    /// Counters for these operations (method, route template), in this order: an operation
    /// is counted by its index; one more counts what matched no route.
    pub fn new(operations: &[(&'static str, &'static str)]) -> Metrics {
        let operation = |method, route| Operation {
            method,
            route,
            by_class: Default::default(),
            latency: Histogram::new(&LATENCY_BUCKETS_US),
        };
        let mut list: Vec<Operation> = operations
            .iter()
            .map(|(method, route)| operation(*method, *route))
            .collect();
        list.push(operation("any", "unmatched"));
        Metrics {
            operations: list,
            batch_items: Histogram::new(&BATCH_BUCKETS),
            cycle: Histogram::new(&CYCLE_BUCKETS_US),
            writes_in_flight: AtomicU64::new(0),
        }
    }

    /// The index that counts requests matching no route.
    pub fn unmatched(&self) -> usize {
        self.operations.len() - 1
    }

    pub fn request(&self, operation: usize, status: u16, micros: u64) {
        let Some(op) = self
            .operations
            .get(operation)
            .or_else(|| self.operations.last())
        else {
            return;
        };
        let class = match status {
            200..=299 => 0,
            300..=399 => 1,
            400..=499 => 2,
            _ => 3,
        };
        op.by_class[class].fetch_add(1, Ordering::Relaxed);
        op.latency.observe(micros);
    }

    /// Requests answered so far with this operation index and status class (`"2xx"`, ...).
    pub fn answered(&self, operation: usize, class: &str) -> u64 {
        let c = CLASSES.iter().position(|c| *c == class).unwrap_or(3);
        self.operations
            .get(operation)
            .map_or(0, |op| op.by_class[c].load(Ordering::Relaxed))
    }

    pub fn render(&self, engine: &EngineReading) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP corridor_http_requests_total Requests answered, by operation and status class.\n# TYPE corridor_http_requests_total counter"
        );
        for op in &self.operations {
            for (class, count) in CLASSES.iter().zip(&op.by_class) {
                let _ = writeln!(
                    out,
                    "corridor_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{class}\"}} {}",
                    op.method,
                    op.route,
                    count.load(Ordering::Relaxed)
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP corridor_http_request_seconds Request latency, by operation.\n# TYPE corridor_http_request_seconds histogram"
        );
        for op in &self.operations {
            op.latency.render(
                "corridor_http_request_seconds",
                &format!("method=\"{}\",route=\"{}\"", op.method, op.route),
                1_000_000,
                &mut out,
            );
        }
        let _ = writeln!(
            out,
            "# HELP corridor_http_writes_in_flight Write requests being processed.\n# TYPE corridor_http_writes_in_flight gauge\ncorridor_http_writes_in_flight {}",
            self.writes_in_flight.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP corridor_engine_queue_depth Requests waiting in the engine's queue for the journal writer.\n# TYPE corridor_engine_queue_depth gauge\ncorridor_engine_queue_depth {}",
            engine.queue_depth
        );
        let _ = writeln!(
            out,
            "# HELP corridor_engine_commit_records Journal records per group commit (one fsync each; bounds are record counts).\n# TYPE corridor_engine_commit_records histogram"
        );
        for (bound, count) in &engine.commit_records {
            let _ = writeln!(
                out,
                "corridor_engine_commit_records_bucket{{le=\"{bound}\"}} {count}"
            );
        }
        let _ = writeln!(
            out,
            "corridor_engine_commit_records_bucket{{le=\"+Inf\"}} {c}\ncorridor_engine_commit_records_sum {}\ncorridor_engine_commit_records_count {c}",
            engine.records,
            c = engine.commits
        );
        let _ = writeln!(
            out,
            "# HELP corridor_obligation_batch_items Obligations per batch request (bounds are item counts).\n# TYPE corridor_obligation_batch_items histogram"
        );
        self.batch_items
            .render("corridor_obligation_batch_items", "", 1, &mut out);
        let _ = writeln!(
            out,
            "# HELP corridor_cycle_seconds Clearing cycle duration, prepare to durable.\n# TYPE corridor_cycle_seconds histogram"
        );
        self.cycle
            .render("corridor_cycle_seconds", "", 1_000_000, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_scaled_exactly() {
        let h = Histogram::new(&BATCH_BUCKETS);
        for v in [1, 7, 10, 11, 10_000, 20_000] {
            h.observe(v);
        }
        let mut out = String::new();
        h.render("x", "", 1, &mut out);
        assert!(out.contains("x_bucket{le=\"1\"} 1\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"10\"} 3\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"100\"} 4\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"10000\"} 5\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"+Inf\"} 6\n"), "{out}");
        assert!(out.contains("x_sum 30029\nx_count 6\n"), "{out}");
        assert_eq!(scaled(2_500, 1_000_000), "0.0025");
        assert_eq!(scaled(2_000_000, 1_000_000), "2");
        assert_eq!(scaled(0, 1_000_000), "0");
    }
}
