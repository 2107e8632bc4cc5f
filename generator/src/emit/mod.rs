//! Stage 3: IR → the files of a client crate, in memory.
//!
//! Rust is built with `quote` and formatted with `prettyplease`, except the types `print`
//! writes as text directly (byte for byte what `prettyplease` would); `Cargo.toml` and `README.md`
//! are rendered by `minijinja` from `templates/`; the hand-written runtime under
//! `templates/runtime/` is copied in as it is. Every file starts with a header naming the
//! generator and the spec. Nothing here reads the spec: only the IR.
//!
//! This file puts the crate together; each part is made by its own module: `modules` (the
//! Rust modules, on several threads), `lib_rs`, `types` (with `enums`, `one_of` and `print`),
//! `operations` (with `method`, `method_docs`, `items` and `decode`), `servers`, `runtime`
//! (which runtime files a crate carries), `formats` (the typed formats' types and crates), `template` (`Cargo.toml` and `README.md`), `header`
//! and `crate_name`.

mod crate_name;
mod crate_version;
mod decode;
mod docs;
mod enums;
mod features;
mod formats;
mod header;
mod items;
mod lib_rs;
mod method;
mod method_docs;
mod modules;
mod one_of;
mod operations;
mod operations_head;
mod pages;
mod print;
mod runtime;
mod rust;
mod servers;
mod template;
mod types;
mod webhooks;
mod xml;

use std::collections::BTreeMap;

use crate::error::Result;
use crate::ir::Api;

pub use crate_name::runtime_package;
pub use header::GENERATOR;
pub use runtime::runtime_file_names;

/// Generated code is formatted by `prettyplease`; `rustfmt` would reformat it differently and
/// every `cargo fmt` would then show as drift against the spec.
const RUSTFMT_TOML: &str = "# Formatted by prettyplease when generated; rustfmt must not reformat it.\n\
                            disable_all_formatting = true\n";

/// What to generate besides the spec itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The package name of the generated crate, such as `faxplus`.
    pub crate_name: String,
    /// Hand-written example programs to include under `examples/`: `(file name, source)`.
    pub examples: Vec<(String, String)>,
    /// The user's configuration (`opengen.toml`); its `package.name`, when given, wins over
    /// `crate_name`.
    pub config: crate::config::Config,
    /// The folder the spec's `$ref`s may read files in (`--root-dir`): the spec's own folder
    /// when `None` (see [`crate::load::load_within`]).
    pub root_dir: Option<std::path::PathBuf>,
}

impl Options {
    /// Options for a crate named `crate_name`, with no examples and the default configuration.
    pub fn new(crate_name: impl Into<String>) -> Self {
        Self {
            crate_name: crate_name.into(),
            ..Self::default()
        }
    }
}

/// Emits every file of the crate. Keys are paths relative to the crate root, with `/`.
pub fn emit(api: &Api, spec_sha256: &str, options: &Options) -> Result<BTreeMap<String, String>> {
    emit_split(api, spec_sha256, options, rust::Split::for_machine())
}

/// [`emit`], with the work spread over threads as `split` says.
fn emit_split(
    api: &Api,
    spec_sha256: &str,
    options: &Options,
    split: rust::Split,
) -> Result<BTreeMap<String, String>> {
    let config = &options.config;
    let crate_name = config
        .package
        .name
        .as_deref()
        .unwrap_or(&options.crate_name);
    crate_name::check_crate_name(crate_name)?;
    let config_sha256 = (!config.is_default()).then(|| config.sha256());
    let header = header::Header::new(api, spec_sha256, config_sha256.as_deref());
    let context = template::TemplateContext::new(api, crate_name, config)?;
    let names = lib_rs::CrateNames {
        crate_name,
        crate_version: context.crate_version(),
    };
    let mut files = BTreeMap::new();
    for (path, source) in modules::rust_files(api, &names, split)? {
        files.insert(path.to_owned(), header.rust(source));
    }
    for file in runtime::carried(api) {
        files.insert(
            format!("runtime/src/{}", file.file),
            header.rust(file.source.to_owned()),
        );
    }
    for (name, source) in &options.examples {
        files.insert(format!("examples/{name}"), header.rust(source.clone()));
    }
    let manifest = template::render(template::CARGO_TOML, &context)?;
    for name in config.dependencies.keys() {
        let given = manifest
            .lines()
            .filter(|line| line.split_once(" = ").is_some_and(|(key, _)| key == name))
            .count();
        if given > 1 {
            return Err(config.error_at(
                &["dependencies", name],
                format!("the generated crate depends on `{name}` already"),
            ));
        }
    }
    files.insert("Cargo.toml".to_owned(), header.hash(&manifest));
    files.insert(
        "README.md".to_owned(),
        header.html(&template::render(template::README_MD, &context)?),
    );
    let runtime_manifest = template::render(template::CARGO_TOML, &context.for_runtime())?;
    files.insert(
        "runtime/Cargo.toml".to_owned(),
        header.hash(&runtime_manifest),
    );
    files.insert("rustfmt.toml".to_owned(), header.hash(RUSTFMT_TOML));
    Ok(files)
}

#[cfg(test)]
mod deserialize_tests;
#[cfg(test)]
mod print_decode_tests;
#[cfg(test)]
mod print_items_tests;
#[cfg(test)]
mod print_method_tests;
#[cfg(test)]
mod print_tests;
#[cfg(test)]
mod split_tests;
