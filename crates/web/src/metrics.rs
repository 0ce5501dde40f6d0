//! Request metrics in the Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// Upper bounds of the duration histogram, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum_seconds: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), Series>>,
    in_flight: AtomicI64,
}

impl Metrics {
    pub fn in_flight(&self, delta: i64) {
        self.in_flight.fetch_add(delta, Ordering::Relaxed);
    }

    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let secs = elapsed.as_secs_f64();
        if let Ok(mut map) = self.requests.lock() {
            let s = map
                .entry((method.to_owned(), route.to_owned(), status))
                .or_default();
            s.count += 1;
            s.sum_seconds += secs;
            for (i, le) in BUCKETS.iter().enumerate() {
                if secs <= *le {
                    s.buckets[i] += 1;
                }
            }
        }
    }

    /// Render all series; `extra` lines (gauges of other parts) are appended.
    pub fn render(&self, extra: &[(&str, &str, f64)]) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP gbi_http_requests_total HTTP requests handled.\n# TYPE gbi_http_requests_total counter"
        );
        let map = match self.requests.lock() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        for ((m, r, s), v) in map.iter() {
            let _ = writeln!(
                out,
                "gbi_http_requests_total{{method=\"{m}\",route=\"{}\",status=\"{s}\"}} {}",
                escape(r),
                v.count
            );
        }
        let _ = writeln!(
            out,
            "# HELP gbi_http_request_duration_seconds Time to answer HTTP requests.\n# TYPE gbi_http_request_duration_seconds histogram"
        );
        for ((m, r, s), v) in map.iter() {
            let labels = format!("method=\"{m}\",route=\"{}\",status=\"{s}\"", escape(r));
            for (i, le) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "gbi_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {}",
                    v.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "gbi_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                v.count
            );
            let _ = writeln!(
                out,
                "gbi_http_request_duration_seconds_sum{{{labels}}} {}",
                v.sum_seconds
            );
            let _ = writeln!(
                out,
                "gbi_http_request_duration_seconds_count{{{labels}}} {}",
                v.count
            );
        }
        let _ = writeln!(
            out,
            "# HELP gbi_http_requests_in_flight Requests being handled now.\n# TYPE gbi_http_requests_in_flight gauge\ngbi_http_requests_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        for (name, help, value) in extra {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
            );
        }
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_histograms() {
        let m = Metrics::default();
        m.observe("GET", "/health/live", 200, Duration::from_millis(3));
        m.observe("GET", "/health/live", 200, Duration::from_millis(30));
        let text = m.render(&[("gbi_up", "Up.", 1.0)]);
        assert!(text.contains(
            "gbi_http_requests_total{method=\"GET\",route=\"/health/live\",status=\"200\"} 2"
        ));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"+Inf\"} 2"));
        assert!(text.contains("gbi_up 1"));
    }
}
