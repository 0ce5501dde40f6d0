use gbi_domain::{GemeenteCode, TraceContext};

/// Who does something, as written to the processing log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A staff member, by id.
    Medewerker(String),
    /// A resident acting for themselves (portal), by keyed hash.
    Inwoner(String),
    /// A gemachtigde acting for a resident with DigiD Machtigen, by the
    /// keyed hash of their own BSN; the resident is the record's subject.
    Gemachtigde(String),
    /// An organisation acting for a resident with eHerkenning: its KvK
    /// number (or RSIN) and the opaque id of its employee.
    Organisatie {
        organisatie: String,
        medewerker: String,
    },
    /// The system itself (background work, CLI), with the job's name.
    Systeem(&'static str),
}

impl Actor {
    pub fn as_log_string(&self) -> String {
        match self {
            Actor::Medewerker(id) => format!("medewerker:{id}"),
            Actor::Inwoner(id) => format!("inwoner:{id}"),
            Actor::Gemachtigde(id) => format!("gemachtigde:{id}"),
            Actor::Organisatie {
                organisatie,
                medewerker,
            } => format!("eherkenning:{organisatie}:{medewerker}"),
            Actor::Systeem(job) => format!("systeem:{job}"),
        }
    }
}

/// The context of every repository call: the gemeente whose data may be
/// touched (from the authenticated user, never from request input), who acts,
/// and the trace the work belongs to.
#[derive(Debug, Clone)]
pub struct Scope {
    pub gemeente: GemeenteCode,
    pub actor: Actor,
    pub trace: TraceContext,
}

impl Scope {
    pub fn new(gemeente: GemeenteCode, actor: Actor, trace: TraceContext) -> Self {
        Self {
            gemeente,
            actor,
            trace,
        }
    }

    /// A scope for system work (CLI, background jobs) in one gemeente.
    pub fn system(gemeente: GemeenteCode, job: &'static str) -> Self {
        Self {
            gemeente,
            actor: Actor::Systeem(job),
            trace: TraceContext::new_root(),
        }
    }
}
