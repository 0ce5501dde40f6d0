//! W3C Trace Context (`traceparent`), carried from incoming requests to
//! outgoing register calls and into the processing log.

use rand::RngCore;
use serde::{Deserialize, Serialize};

/// A trace id (16 bytes) and the current span id (8 bytes), hex encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceContext {
    pub trace_id: String,
    pub span_id: String,
    pub parent_span_id: Option<String>,
    pub sampled: bool,
    /// The operation of another application that started this one (an
    /// incoming `traceparent`): its span id, kept through child spans.
    #[serde(default)]
    pub foreign_span_id: Option<String>,
    /// A link to that application (`dpl.core.foreign_operation.processor`),
    /// set by whoever received the request.
    #[serde(default)]
    pub foreign_processor: Option<String>,
}

impl TraceContext {
    /// A new trace, for work that did not come in with a `traceparent`.
    pub fn new_root() -> Self {
        Self {
            trace_id: random_hex(16),
            span_id: random_hex(8),
            parent_span_id: None,
            sampled: true,
            foreign_span_id: None,
            foreign_processor: None,
        }
    }

    /// Continue the trace of an incoming `traceparent` header with a new span.
    /// An invalid header starts a new trace, as the W3C spec prescribes.
    pub fn from_traceparent(header: &str) -> Self {
        let parts: Vec<&str> = header.trim().split('-').collect();
        let valid = parts.len() >= 4
            && parts[0].len() == 2
            && parts[0] != "ff"
            && is_hex(parts[1], 32)
            && is_hex(parts[2], 16)
            && is_hex(parts[3], 2)
            && parts[1].bytes().any(|b| b != b'0')
            && parts[2].bytes().any(|b| b != b'0');
        if !valid {
            return Self::new_root();
        }
        let flags = u8::from_str_radix(parts[3], 16).unwrap_or(0);
        Self {
            trace_id: parts[1].to_ascii_lowercase(),
            span_id: random_hex(8),
            parent_span_id: Some(parts[2].to_ascii_lowercase()),
            sampled: flags & 1 == 1,
            foreign_span_id: Some(parts[2].to_ascii_lowercase()),
            foreign_processor: None,
        }
    }

    /// A child span of this one, for an outgoing call.
    pub fn child(&self) -> Self {
        Self {
            trace_id: self.trace_id.clone(),
            span_id: random_hex(8),
            parent_span_id: Some(self.span_id.clone()),
            sampled: self.sampled,
            foreign_span_id: self.foreign_span_id.clone(),
            foreign_processor: self.foreign_processor.clone(),
        }
    }

    /// The `traceparent` header value for an outgoing request.
    pub fn traceparent(&self) -> String {
        format!(
            "00-{}-{}-{}",
            self.trace_id,
            self.span_id,
            if self.sampled { "01" } else { "00" }
        )
    }
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continues_a_valid_traceparent() {
        let t = TraceContext::from_traceparent(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        );
        assert_eq!(t.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(t.parent_span_id.as_deref(), Some("00f067aa0ba902b7"));
        assert_ne!(t.span_id, "00f067aa0ba902b7");
        assert_eq!(t.foreign_span_id.as_deref(), Some("00f067aa0ba902b7"));
        assert_eq!(
            t.child().foreign_span_id.as_deref(),
            Some("00f067aa0ba902b7")
        );
        assert!(
            t.traceparent()
                .starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-")
        );
    }

    #[test]
    fn invalid_header_starts_a_new_trace() {
        for h in [
            "",
            "garbage",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ] {
            let t = TraceContext::from_traceparent(h);
            assert_eq!(t.trace_id.len(), 32);
            assert!(t.parent_span_id.is_none(), "{h}");
        }
    }
}
