//! Embed every canned Suwinet response under data/suwinet/Responses.

use std::fmt::Write as _;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR")?;
    let dir = Path::new(&manifest).join("data/suwinet/Responses");
    println!("cargo:rerun-if-changed=data/suwinet/Responses");
    let mut names: Vec<String> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    names.sort();
    let mut out = String::from("pub(crate) static CANNED: &[(&str, &str)] = &[\n");
    for n in &names {
        writeln!(
            out,
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/data/suwinet/Responses/{n}\"))),"
        )?;
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR")?).join("canned.rs");
    std::fs::write(dest, out)?;
    Ok(())
}
