//! Prometheus text metrics: requests by method and status, request latency, obligation batch
//! sizes, clearing cycle durations, and commands in flight (the queue in front of the journal).

use std::sync::atomic::{AtomicU64, Ordering};

/// Latency bucket bounds in microseconds.
const BUCKETS_US: [u64; 12] = [
    100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 500_000, 2_000_000,
];
const METHODS: [&str; 2] = ["GET", "POST"];
const CLASSES: [&str; 4] = ["2xx", "3xx", "4xx", "5xx"];

#[derive(Default)]
pub struct Histogram {
    buckets: [AtomicU64; BUCKETS_US.len()],
    count: AtomicU64,
    sum: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, value: u64) {
        for (bound, bucket) in BUCKETS_US.iter().zip(&self.buckets) {
            if value <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum.fetch_add(value, Ordering::Relaxed);
    }

    fn render(&self, name: &str, help: &str, scale: f64, out: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
        for (bound, bucket) in BUCKETS_US.iter().zip(&self.buckets) {
            let _ = writeln!(
                out,
                "{name}_bucket{{le=\"{}\"}} {}",
                *bound as f64 / scale,
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(
            out,
            "{name}_sum {}\n{name}_count {count}",
            self.sum.load(Ordering::Relaxed) as f64 / scale
        );
    }
}

#[derive(Default)]
pub struct Metrics {
    requests: [[AtomicU64; 4]; 2],
    pub latency: Histogram,
    pub batch_items: Histogram,
    pub cycle: Histogram,
    pub in_flight: AtomicU64,
}

impl Metrics {
    pub fn request(&self, method: &str, status: u16, micros: u64) {
        let m = usize::from(method == "POST");
        let c = match status {
            200..=299 => 0,
            300..=399 => 1,
            400..=499 => 2,
            _ => 3,
        };
        self.requests[m][c].fetch_add(1, Ordering::Relaxed);
        self.latency.observe(micros);
    }

    pub fn render(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP corridor_http_requests_total Requests answered, by method and status class.\n# TYPE corridor_http_requests_total counter"
        );
        for (m, method) in METHODS.iter().enumerate() {
            for (c, class) in CLASSES.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "corridor_http_requests_total{{method=\"{method}\",status=\"{class}\"}} {}",
                    self.requests[m][c].load(Ordering::Relaxed)
                );
            }
        }
        self.latency.render(
            "corridor_http_request_seconds",
            "Request latency.",
            1e6,
            &mut out,
        );
        self.batch_items.render(
            "corridor_obligation_batch_items",
            "Obligations per batch request (bucket bounds are item counts).",
            1.0,
            &mut out,
        );
        self.cycle.render(
            "corridor_cycle_seconds",
            "Clearing cycle duration, prepare to durable.",
            1e6,
            &mut out,
        );
        let _ = writeln!(
            out,
            "# HELP corridor_commands_in_flight Write requests queued or being made durable.\n# TYPE corridor_commands_in_flight gauge\ncorridor_commands_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        out
    }
}
