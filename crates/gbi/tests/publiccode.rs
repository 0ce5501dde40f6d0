//! `publiccode.yml` at the root holds to the publiccode.yml standard,
//! version 0.4 (https://github.com/publiccodeyml/publiccode.yml): every key
//! it knows, none it does not, the values it allows and the lengths of the
//! texts. No validator package is available offline; these are the
//! standard's rules for the keys this project uses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PublicCode {
    publiccode_yml_version: String,
    name: String,
    url: String,
    software_version: Option<String>,
    release_date: String,
    platforms: Vec<String>,
    categories: Vec<String>,
    development_status: String,
    software_type: String,
    intended_audience: Option<Audience>,
    description: BTreeMap<String, Description>,
    legal: Legal,
    maintenance: Maintenance,
    localisation: Localisation,
    depends_on: Option<DependsOn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Audience {
    scope: Option<Vec<String>>,
    countries: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Description {
    generic_name: Option<String>,
    short_description: String,
    long_description: String,
    documentation: Option<String>,
    features: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Legal {
    license: String,
    main_copyright_owner: Option<String>,
    repo_owner: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Maintenance {
    #[serde(rename = "type")]
    soort: String,
    contacts: Option<Vec<Contact>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Contact {
    name: String,
    email: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Localisation {
    localisation_ready: bool,
    available_languages: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DependsOn {
    open: Option<Vec<Dependency>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Dependency {
    name: String,
    version_min: Option<String>,
    optional: Option<bool>,
}

/// The standard's category list (the categories this file may use).
const CATEGORIES: &[&str] = &[
    "accounting",
    "business-process-management",
    "digital-citizenship",
    "document-management",
    "workflow-management",
    "data-analytics",
    "crm",
    "payment-gateway",
];
const SCOPES: &[&str] = &[
    "employment",
    "government",
    "local-authorities",
    "society",
    "welfare",
];
const STATUSES: &[&str] = &["concept", "development", "beta", "stable", "obsolete"];
const SOFTWARE_TYPES: &[&str] = &[
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
];

fn is_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

#[test]
fn publiccode_yml_holds_to_the_standard() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tekst = std::fs::read_to_string(root.join("publiccode.yml")).unwrap();
    // The name the standard asks for, and the one the issue named.
    assert_eq!(
        std::fs::read_to_string(root.join("publiccode.yaml")).unwrap(),
        tekst
    );
    let p: PublicCode = serde_norway::from_str(&tekst).unwrap();

    assert_eq!(p.publiccode_yml_version, "0.4");
    assert!(!p.name.trim().is_empty());
    assert!(p.url.starts_with("https://"), "url: {}", p.url);
    assert!(is_date(&p.release_date), "releaseDate: {}", p.release_date);
    assert_eq!(
        p.software_version.as_deref(),
        Some(env!("CARGO_PKG_VERSION")),
        "softwareVersion follows the crate's version"
    );
    assert!(!p.platforms.is_empty());
    assert!(!p.categories.is_empty());
    for c in &p.categories {
        assert!(CATEGORIES.contains(&c.as_str()), "category {c}");
    }
    assert!(STATUSES.contains(&p.development_status.as_str()));
    assert!(SOFTWARE_TYPES.contains(&p.software_type.as_str()));
    if let Some(a) = &p.intended_audience {
        for s in a.scope.iter().flatten() {
            assert!(SCOPES.contains(&s.as_str()), "scope {s}");
        }
        for c in a.countries.iter().flatten() {
            assert!(c.len() == 2 && c.chars().all(|c| c.is_ascii_lowercase()));
        }
    }
    assert!(!p.description.is_empty());
    for (taal, d) in &p.description {
        assert!(["nl", "en"].contains(&taal.as_str()), "language {taal}");
        let n = |s: &str| s.trim().chars().count();
        assert!((1..=150).contains(&n(&d.short_description)), "{taal}");
        assert!((150..=10_000).contains(&n(&d.long_description)), "{taal}");
        assert!(d.generic_name.as_deref().is_none_or(|g| n(g) <= 35));
        assert!(!d.features.is_empty());
        assert!(d.features.iter().all(|f| n(f) <= 100));
        assert!(
            d.documentation
                .as_deref()
                .is_none_or(|u| u.starts_with("https://"))
        );
    }
    // SPDX, and the same licence as the LICENSE file and the crates.
    assert_eq!(p.legal.license, "EUPL-1.2");
    assert!(
        std::fs::read_to_string(root.join("LICENSE"))
            .unwrap()
            .contains("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    );
    assert!(p.legal.main_copyright_owner.is_some() && p.legal.repo_owner.is_some());
    assert!(["internal", "contract", "community", "none"].contains(&p.maintenance.soort.as_str()));
    // Community or internal maintenance needs someone to contact.
    let contacts = p.maintenance.contacts.unwrap_or_default();
    assert!(!contacts.is_empty());
    assert!(
        contacts
            .iter()
            .all(|c| !c.name.is_empty() && c.email.as_deref().is_none_or(|e| e.contains('@')))
    );
    assert!(!p.localisation.available_languages.is_empty());
    let _ = p.localisation.localisation_ready;
    for d in p.depends_on.and_then(|d| d.open).unwrap_or_default() {
        assert!(!d.name.is_empty());
        let _ = (d.version_min, d.optional);
    }
}
