//! Timeouts, retries with backoff and jitter, a circuit breaker and a
//! concurrency limit, shared by every register client (one instance per source).

use crate::config::SourceConfig;
use crate::error::{RegisterError, UnavailableReason};
use crate::herkomst::Bron;
use rand::Rng;
use serde::Serialize;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Longest wait between two attempts, whatever the backoff settings say.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// When a failed attempt may be repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryPolicy {
    /// Queries: repeat on any `Unavailable` (except an open circuit).
    Idempotent,
    /// Commands without an idempotency key: repeat only when the request
    /// provably never reached the server (connection failed).
    OnlyIfNotSent,
}

impl RetryPolicy {
    fn allows(self, reason: &UnavailableReason) -> bool {
        match (self, reason) {
            (_, UnavailableReason::CircuitOpen) => false,
            (Self::Idempotent, _) => true,
            (Self::OnlyIfNotSent, UnavailableReason::Connect(_)) => true,
            (Self::OnlyIfNotSent, _) => false,
        }
    }
}

/// Observable state of a circuit breaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CircuitState {
    Closed,
    Open,
    HalfOpen,
}

#[derive(Debug)]
enum Breaker {
    Closed {
        failures: u32,
    },
    Open {
        until: Instant,
    },
    /// One probe is in flight; everyone else fails fast.
    HalfOpen,
}

/// Resilience policy for one source.
#[derive(Debug)]
pub struct Resilience {
    bron: Bron,
    retries: u32,
    backoff: Duration,
    breaker_failures: u32,
    cooldown: Duration,
    breaker: Mutex<Breaker>,
    permits: Semaphore,
}

impl Resilience {
    pub fn new(bron: Bron, cfg: &SourceConfig) -> Self {
        Self {
            bron,
            retries: cfg.retries,
            backoff: Duration::from_millis(cfg.backoff_ms),
            breaker_failures: cfg.breaker_failures,
            cooldown: Duration::from_millis(cfg.breaker_cooldown_ms),
            breaker: Mutex::new(Breaker::Closed { failures: 0 }),
            permits: Semaphore::new(cfg.concurrency.max(1)),
        }
    }

    /// A person asks to try now: an open breaker lets one probe through at
    /// once instead of waiting for its cooldown. A closed breaker is untouched.
    pub fn probeer_nu(&self) {
        let mut b = self.lock();
        if let Breaker::Open { .. } = &*b {
            *b = Breaker::Open {
                until: Instant::now(),
            };
        }
    }

    pub fn circuit(&self) -> CircuitState {
        match &*self.lock() {
            Breaker::Closed { .. } => CircuitState::Closed,
            Breaker::Open { until } if Instant::now() >= *until => CircuitState::HalfOpen,
            Breaker::Open { .. } => CircuitState::Open,
            Breaker::HalfOpen => CircuitState::HalfOpen,
        }
    }

    /// Run `attempt` under the policy: breaker check, concurrency permit,
    /// and retries with exponential backoff and jitter as `policy` allows.
    pub async fn run<T, F, Fut>(
        &self,
        policy: RetryPolicy,
        mut attempt: F,
    ) -> Result<T, RegisterError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, RegisterError>>,
    {
        let mut tried: u32 = 0;
        loop {
            let result = self.once(&mut attempt).await;
            match &result {
                Err(RegisterError::Unavailable { reason, .. })
                    if tried < self.retries && policy.allows(reason) =>
                {
                    let delay = self.delay(tried);
                    tracing::warn!(
                        bron = %self.bron,
                        attempt = tried + 1,
                        %reason,
                        delay_ms = delay.as_millis() as u64,
                        "register unavailable, retrying"
                    );
                    tokio::time::sleep(delay).await;
                    tried += 1;
                }
                _ => return result,
            }
        }
    }

    async fn once<T, F, Fut>(&self, attempt: &mut F) -> Result<T, RegisterError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, RegisterError>>,
    {
        let mut probe = self.admit()?;
        let _permit = self.permits.acquire().await.map_err(|_| {
            RegisterError::unavailable(
                self.bron,
                UnavailableReason::Transport("client closed".into()),
            )
        })?;
        let result = attempt().await;
        let failed = matches!(&result, Err(RegisterError::Unavailable { .. }));
        self.record(failed);
        probe.done = true;
        result
    }

    /// Let an attempt through, or fail fast while the circuit is open.
    fn admit(&self) -> Result<ProbeGuard<'_>, RegisterError> {
        let mut b = self.lock();
        let probing = match &*b {
            Breaker::Closed { .. } => false,
            Breaker::Open { until } if Instant::now() >= *until => {
                *b = Breaker::HalfOpen;
                true
            }
            Breaker::Open { .. } | Breaker::HalfOpen => {
                return Err(RegisterError::unavailable(
                    self.bron,
                    UnavailableReason::CircuitOpen,
                ));
            }
        };
        Ok(ProbeGuard {
            owner: self,
            probing,
            done: false,
        })
    }

    fn record(&self, failed: bool) {
        if self.breaker_failures == 0 {
            return;
        }
        let mut b = self.lock();
        let next = match (&*b, failed) {
            (_, false) => Breaker::Closed { failures: 0 },
            (Breaker::Closed { failures }, true) => {
                let failures = failures + 1;
                if failures >= self.breaker_failures {
                    tracing::warn!(bron = %self.bron, failures, "circuit breaker opens");
                    Breaker::Open {
                        until: Instant::now() + self.cooldown,
                    }
                } else {
                    Breaker::Closed { failures }
                }
            }
            (Breaker::HalfOpen | Breaker::Open { .. }, true) => Breaker::Open {
                until: Instant::now() + self.cooldown,
            },
        };
        if matches!((&*b, &next), (Breaker::HalfOpen, Breaker::Closed { .. })) {
            tracing::info!(bron = %self.bron, "circuit breaker closes after successful probe");
        }
        *b = next;
    }

    fn delay(&self, tried: u32) -> Duration {
        let exp = self
            .backoff
            .saturating_mul(2u32.saturating_pow(tried))
            .min(MAX_BACKOFF);
        // "Equal jitter": half fixed, half random, so retries spread out but never collapse to zero.
        let factor: f64 = rand::thread_rng().gen_range(0.5..=1.0);
        exp.mul_f64(factor)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Breaker> {
        // A poisoned lock only means another thread panicked while holding
        // it; the breaker state itself is always valid.
        self.breaker.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Makes sure a half-open probe that was cancelled (future dropped) does not
/// leave the breaker stuck: the next caller may probe again.
struct ProbeGuard<'a> {
    owner: &'a Resilience,
    probing: bool,
    done: bool,
}

impl Drop for ProbeGuard<'_> {
    fn drop(&mut self) {
        if self.probing && !self.done {
            let mut b = self.owner.lock();
            if matches!(*b, Breaker::HalfOpen) {
                *b = Breaker::Open {
                    until: Instant::now(),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn cfg(retries: u32, failures: u32, cooldown_ms: u64) -> SourceConfig {
        let mut c = SourceConfig::new("http://localhost");
        c.retries = retries;
        c.backoff_ms = 1;
        c.breaker_failures = failures;
        c.breaker_cooldown_ms = cooldown_ms;
        c
    }

    fn down() -> RegisterError {
        RegisterError::unavailable(Bron::Brp, UnavailableReason::Status(503))
    }

    #[tokio::test]
    async fn retries_then_succeeds() {
        let r = Resilience::new(Bron::Brp, &cfg(3, 10, 1000));
        let calls = AtomicU32::new(0);
        let out = r
            .run(RetryPolicy::Idempotent, || async {
                if calls.fetch_add(1, Ordering::SeqCst) < 2 {
                    Err(down())
                } else {
                    Ok(7)
                }
            })
            .await;
        assert_eq!(out.unwrap(), 7);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn non_idempotent_does_not_retry_after_send() {
        let r = Resilience::new(Bron::Socrates, &cfg(3, 10, 1000));
        let calls = AtomicU32::new(0);
        let out: Result<(), _> = r
            .run(RetryPolicy::OnlyIfNotSent, || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(down())
            })
            .await;
        assert!(out.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn breaker_opens_and_recovers() {
        let r = Resilience::new(Bron::Brp, &cfg(0, 2, 50));
        for _ in 0..2 {
            let _ = r
                .run(RetryPolicy::Idempotent, || async { Err::<(), _>(down()) })
                .await;
        }
        assert_eq!(r.circuit(), CircuitState::Open);
        let out = r.run(RetryPolicy::Idempotent, || async { Ok(1) }).await;
        assert!(matches!(
            out,
            Err(RegisterError::Unavailable {
                reason: UnavailableReason::CircuitOpen,
                ..
            })
        ));
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert_eq!(
            r.run(RetryPolicy::Idempotent, || async { Ok(1) })
                .await
                .unwrap(),
            1
        );
        assert_eq!(r.circuit(), CircuitState::Closed);
    }

    #[tokio::test]
    async fn cancelled_probe_does_not_wedge_breaker() {
        let r = Resilience::new(Bron::Brp, &cfg(0, 1, 1));
        let _ = r
            .run(RetryPolicy::Idempotent, || async { Err::<(), _>(down()) })
            .await;
        tokio::time::sleep(Duration::from_millis(5)).await;
        let slow = r.run(RetryPolicy::Idempotent, || async {
            tokio::time::sleep(Duration::from_secs(10)).await;
            Ok(())
        });
        let _ = tokio::time::timeout(Duration::from_millis(10), slow).await;
        assert_eq!(
            r.run(RetryPolicy::Idempotent, || async { Ok(2) })
                .await
                .unwrap(),
            2
        );
    }
}
