//! Security headers on every response: a Content-Security-Policy without
//! `unsafe-inline` (no inline scripts or styles exist), no framing by other
//! sites, no MIME sniffing, no referrer to other sites, HSTS behind TLS, and
//! `Cache-Control: no-store` on everything that is not a public asset, so a
//! shared computer's browser cache never keeps a resident's page.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The policy: only this site's own scripts, styles, images and fonts;
/// forms post to this site (and to the login providers they redirect to);
/// no page of GBI may be framed.
pub fn content_security_policy(form_action_extra: &[String]) -> String {
    let mut form_action = "'self'".to_owned();
    for origin in form_action_extra {
        form_action.push(' ');
        form_action.push_str(origin);
    }
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action {form_action}; frame-ancestors 'none'"
    )
}

/// The request came over TLS: directly (`secure_cookies` says GBI runs
/// behind HTTPS) or through a proxy that says so.
fn over_tls(state: &AppState, headers: &HeaderMap) -> bool {
    state.settings.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Public files that a browser may keep: assets and logos.
fn public_asset(path: &str) -> bool {
    path.starts_with("/static/") || path.starts_with("/huisstijl/")
}

/// A form post (or any change) that a browser sends from another site is
/// refused before any handler runs: the login forms too, so no other site
/// can log a victim in to an account of its choosing (login CSRF). A
/// browser says where a request comes from with `Sec-Fetch-Site` and
/// `Origin` (or `Referer`); a call with a bearer token cannot be forged by
/// another site and is not checked here.
pub async fn same_site_changes(req: Request, next: Next) -> Response {
    use axum::http::Method;
    let verandert = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if verandert && !req.headers().contains_key(header::AUTHORIZATION) && cross_site(req.headers())
    {
        tracing::warn!(path = %req.uri().path(), "cross-site change refused");
        return crate::error::PageError {
            status: axum::http::StatusCode::FORBIDDEN,
            title: "Niet toegestaan",
            message: "Dit formulier kwam niet van onze eigen pagina. Open de pagina opnieuw en probeer het nog eens.".into(),
        }
        .into_response();
    }
    next.run(req).await
}

/// The browser says the request came from another site.
pub fn cross_site(h: &HeaderMap) -> bool {
    let header = |n: header::HeaderName| h.get(n).and_then(|v| v.to_str().ok());
    if header(header::HeaderName::from_static("sec-fetch-site")).is_some_and(|s| {
        s.eq_ignore_ascii_case("cross-site") || s.eq_ignore_ascii_case("same-site")
    }) {
        return true;
    }
    let host = header(header::HOST);
    match (
        host,
        header(header::ORIGIN).or_else(|| header(header::REFERER)),
    ) {
        (_, None) => false,
        (Some(host), Some(bron)) => {
            let rest = bron.split_once("://").map(|(_, r)| r).unwrap_or(bron);
            rest.split('/').next() != Some(host)
        }
        (None, Some(_)) => true,
    }
}

/// Where a request comes from, for throttling logins: the peer address of
/// the connection. When that peer is one of the `trusted_proxies` (a load
/// balancer or reverse proxy in front of GBI), the address it reports in
/// `X-Forwarded-For`: the last one there that is not itself a trusted
/// proxy. An address anyone else writes in that header counts for nothing.
pub fn client_address(
    settings: &crate::WebSettings,
    ext: &axum::http::Extensions,
    headers: &HeaderMap,
) -> String {
    let Some(peer) = ext
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "onbekend".to_owned();
    };
    vertrouwd_doorgegeven(&settings.trusted_proxies, peer, headers).to_string()
}

fn vertrouwd_doorgegeven(
    proxies: &[std::net::IpAddr],
    peer: std::net::IpAddr,
    headers: &HeaderMap,
) -> std::net::IpAddr {
    if !proxies.contains(&peer) {
        return peer;
    }
    let mut adres = peer;
    let doorgegeven: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|a| a.trim().parse().ok())
        .collect::<Option<Vec<_>>>()
        // An unreadable chain is not trusted: the proxy itself is the address.
        .unwrap_or_default();
    for a in doorgegeven.into_iter().rev() {
        adres = a;
        if !proxies.contains(&a) {
            break;
        }
    }
    adres
}

/// A control character in input (NUL and the like; tab, newline and
/// carriage return are allowed in text) is invalid input: 400 before any
/// handler runs, so nothing is half-written and no database refuses it.
/// Checked: the query string, and bodies of forms and JSON. Files in a
/// multipart upload may hold any byte; their names are cleaned on reading.
pub async fn control_characters(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    if req
        .uri()
        .query()
        .is_some_and(|q| has_control(&percent_decode(q)))
    {
        return refuse_control(api);
    }
    let soort = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let form = soort.starts_with("application/x-www-form-urlencoded");
    let json = soort.starts_with("application/json") || soort.contains("+json");
    if !form && !json {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, crate::pages::bestand::MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let slecht = if form {
        has_control(&percent_decode(&String::from_utf8_lossy(&bytes)))
    } else {
        let tekst = String::from_utf8_lossy(&bytes);
        has_control(&tekst) || json_escapes_control(&tekst)
    };
    if slecht {
        return refuse_control(api);
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

fn refuse_control(api: bool) -> Response {
    const UITLEG: &str = "Er staat een teken in dat wij niet kunnen verwerken (een stuurteken). Haal het weg en probeer het opnieuw.";
    if api {
        return crate::error::ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "invalid",
            "Ongeldige invoer",
            UITLEG,
        )
        .into_response();
    }
    crate::error::PageError {
        status: axum::http::StatusCode::BAD_REQUEST,
        title: "Niet verwerkt",
        message: UITLEG.into(),
    }
    .into_response()
}

/// Control characters other than tab, newline and carriage return.
pub fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// `\u0000`-style escapes of control characters in JSON text.
fn json_escapes_control(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.match_indices("\\u").any(|(i, _)| {
        let hex = lower.get(i + 2..i + 6).unwrap_or("");
        u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .is_some_and(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    })
}

/// `%xx` and `+` decoded as a form would be; invalid UTF-8 is replaced.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let tls = over_tls(&state, req.headers());
    let asset = public_asset(req.uri().path());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let csp = content_security_policy(&state.settings.form_action);
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !asset {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let proxy = ip("10.0.0.5");
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7".parse().unwrap());
        // Not behind a trusted proxy: the header is the client's own word.
        assert_eq!(
            vertrouwd_doorgegeven(&[], ip("198.51.100.1"), &h),
            ip("198.51.100.1")
        );
        // Behind it: the last address the proxy saw, not what the client wrote before it.
        assert_eq!(
            vertrouwd_doorgegeven(&[proxy], proxy, &h),
            ip("203.0.113.7")
        );
        // Two proxies in a row.
        h.insert("x-forwarded-for", "203.0.113.7, 10.0.0.6".parse().unwrap());
        assert_eq!(
            vertrouwd_doorgegeven(&[proxy, ip("10.0.0.6")], proxy, &h),
            ip("203.0.113.7")
        );
        // Nonsense in the chain: the proxy's own address.
        h.insert("x-forwarded-for", "niet-een-adres".parse().unwrap());
        assert_eq!(vertrouwd_doorgegeven(&[proxy], proxy, &h), proxy);
        h.clear();
        assert_eq!(vertrouwd_doorgegeven(&[proxy], proxy, &h), proxy);
    }

    #[test]
    fn control_characters_are_found_in_every_writing() {
        assert!(has_control(&percent_decode("gebruikersnaam=a%00b")));
        assert!(has_control(&percent_decode("a=%1B")));
        assert!(!has_control(&percent_decode("tekst=regel%0D%0Aregel%09x")));
        assert!(!has_control(&percent_decode("a=%E2%82%AC+450&b=100%")));
        assert!(json_escapes_control(r#"{"a":"x\u0000y"}"#));
        assert!(json_escapes_control(r#"{"a":"x\U001fy"}"#));
        assert!(!json_escapes_control(r#"{"a":"x\u00e9\n"}"#));
    }

    #[test]
    fn the_policy_allows_nothing_inline_and_no_framing() {
        let p = content_security_policy(&[]);
        assert!(!p.contains("unsafe-inline") && !p.contains("unsafe-eval"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(p.contains("form-action 'self';"));
        let p = content_security_policy(&["https://login.example.nl".into()]);
        assert!(p.contains("form-action 'self' https://login.example.nl;"));
    }
}
