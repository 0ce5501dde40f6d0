//! The workspace shows the layers, and no crate depends on a higher layer.
//! Each crate states its layer in `[package.metadata.gbi] layer`, and
//! docs/ARCHITECTURE.md names every crate.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::collections::HashMap;
use std::process::Command;

/// Lowest first. A crate may use crates of its own layer or lower ones.
const LAYERS: [&str; 7] = [
    "domain",
    "data",
    "services",
    "integration",
    "process",
    "interaction",
    "app",
];

fn rank(layer: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| *l == layer)
        .unwrap_or_else(|| panic!("unknown layer {layer:?}; known: {LAYERS:?}"))
}

#[test]
fn no_crate_depends_on_a_higher_layer() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root)
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = meta["packages"].as_array().unwrap();
    let layers: HashMap<String, String> = packages
        .iter()
        .map(|p| {
            let name = p["name"].as_str().unwrap().to_owned();
            let layer = p["metadata"]["gbi"]["layer"]
                .as_str()
                .unwrap_or_else(|| panic!("crate {name} has no [package.metadata.gbi] layer"));
            (name, layer.to_owned())
        })
        .collect();
    let architecture = std::fs::read_to_string(format!("{root}/docs/ARCHITECTURE.md"))
        .expect("docs/ARCHITECTURE.md");
    for p in packages {
        let name = p["name"].as_str().unwrap();
        let own = rank(&layers[name]);
        assert!(
            architecture.contains(&format!("`{name}`")),
            "docs/ARCHITECTURE.md does not name crate `{name}`"
        );
        for d in p["dependencies"].as_array().unwrap() {
            let dep = d["name"].as_str().unwrap();
            if dep == name {
                continue; // a crate's dev-dependency on itself with test features
            }
            if let Some(l) = layers.get(dep) {
                assert!(
                    rank(l) <= own,
                    "{name} ({}) depends on {dep} ({l}), a higher layer",
                    layers[name]
                );
            }
        }
    }
}
