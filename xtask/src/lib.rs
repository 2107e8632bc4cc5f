//! The repository's tasks, as a library so tests can run them too.
//!
//! `cargo xtask codegen` regenerates `generated/` from `spec/faxplus.yaml`; see [`Job`] for what
//! the default job is made of.

pub mod bench;
pub mod callgrind;
pub mod conformance;
pub mod corpus;
pub mod overhead;

/// Generating a large client allocates and frees millions of small token and syntax-tree
/// nodes; mimalloc does that markedly faster than the system allocator. `main` keeps what is
/// freed for reuse ([`opengen::allocator::keep_freed_memory`]).
#[global_allocator]
static ALLOCATOR: opengen::allocator::MiMalloc = opengen::allocator::MiMalloc;

use std::path::{Path, PathBuf};

use opengen::Options;

/// One generation: which spec, where to, and under which crate name.
#[derive(Debug, Clone)]
pub struct Job {
    /// The OpenAPI document.
    pub spec: PathBuf,
    /// The crate folder to generate into.
    pub out: PathBuf,
    /// The generated package's name.
    pub crate_name: String,
    /// A folder of hand-written example programs to include, if any.
    pub examples: Option<PathBuf>,
    /// The configuration file; `None`: `opengen.toml` beside the spec, when there is one.
    pub config: Option<PathBuf>,
    /// The folder the spec's `$ref`s may read files in (`--root-dir`); `None`: the spec's.
    pub root_dir: Option<PathBuf>,
}

/// The repository root (the folder holding the workspace `Cargo.toml`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// A path under `spec/`, where the test data lives (the real-world corpus in `spec/corpus/`, the
/// seed document in `spec/seed/`), vendored with its sources and licences so that a clone of the
/// repository alone runs every test: no test skips because its data is missing.
pub fn test_data(relative: &str) -> PathBuf {
    repo_root().join("spec").join(relative)
}

impl Job {
    /// The committed client: `spec/faxplus.yaml` → `generated/` as `faxplus`, with the examples
    /// from `spec/examples/`.
    pub fn default_for(root: &Path) -> Self {
        Self {
            spec: root.join("spec/faxplus.yaml"),
            out: root.join("generated"),
            crate_name: "faxplus".to_owned(),
            examples: Some(root.join("spec/examples")),
            config: None,
            root_dir: None,
        }
    }

    /// Every committed crate: the Fax.Plus client, the fixture clients that the loopback
    /// tests in `client-tests/` exercise (`spec/fixtures/NAME.yaml` →
    /// `client-tests/generated/NAME/`; `formats` twice, with the configurations
    /// `spec/fixtures/formats-chrono.toml` and `formats-jiff.toml`), and the worked example's client
    /// (`examples/workflow/spec/api.yaml` → `examples/workflow/client/`, configured by the
    /// `opengen.toml` beside its spec, as its own xtask generates it).
    pub fn all_for(root: &Path) -> Vec<Self> {
        let fixture = |name: &str, crate_name: &str| Self {
            spec: root.join(format!("spec/fixtures/{name}.yaml")),
            out: root.join(format!("client-tests/generated/{crate_name}")),
            crate_name: crate_name.to_owned(),
            examples: None,
            config: None,
            root_dir: None,
        };
        vec![
            Self::default_for(root),
            fixture("features", "features"),
            fixture("events", "events"),
            fixture("swagger-petstore-v3", "petstore"),
            fixture("servers", "servers"),
            fixture("transfers", "transfers"),
            fixture("pages", "pages"),
            // A feature per group of operations, from spec/fixtures/groups/opengen.toml.
            fixture("groups/api", "groups"),
            fixture("multi/api", "multi"),
            fixture("swagger2", "swagger2"),
            fixture("v31", "v31"),
            // XML bodies, named as the schemas' XML Objects say.
            fixture("xml", "xml"),
            // Its crate name and the rest come from spec/fixtures/configured/opengen.toml.
            fixture("configured/api", "configured"),
            Self {
                config: Some(root.join("spec/fixtures/formats-chrono.toml")),
                ..fixture("formats", "formats")
            },
            Self {
                config: Some(root.join("spec/fixtures/formats-jiff.toml")),
                ..fixture("formats", "formats-jiff")
            },
            Self {
                spec: root.join("examples/workflow/spec/api.yaml"),
                out: root.join("examples/workflow/client"),
                crate_name: "tasks-client".to_owned(),
                examples: None,
                config: None,
                root_dir: None,
            },
        ]
    }

    /// Generates every file in memory. Nothing is written.
    pub fn generate(&self) -> Result<opengen::Generated, opengen::Errors> {
        let options = Options {
            crate_name: self.crate_name.clone(),
            examples: self.read_examples()?,
            config: match &self.config {
                Some(path) => opengen::Config::load(path)?,
                None => opengen::Config::beside(&self.spec)?,
            },
            root_dir: self.root_dir.clone(),
        };
        opengen::generate(&self.spec, &options)
    }

    fn read_examples(&self) -> opengen::Result<Vec<(String, String)>> {
        let Some(dir) = &self.examples else {
            return Ok(Vec::new());
        };
        let cannot = |e: std::io::Error| {
            opengen::Error::msg(format!("cannot read examples in {}: {e}", dir.display()))
        };
        let mut examples = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(cannot)? {
            let path = entry.map_err(cannot)?.path();
            if path.extension().is_some_and(|e| e == "rs") {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                examples.push((name, std::fs::read_to_string(&path).map_err(cannot)?));
            }
        }
        examples.sort();
        Ok(examples)
    }
}
