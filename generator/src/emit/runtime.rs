//! The hand-written runtime every generated client carries under `src/`: its files, listed
//! once, how each crate uses them, and which a crate carries.
//!
//! Every file is copied verbatim, the same for every spec.

use crate::ir::Api;

/// What a runtime module's `mod` line in `lib.rs` allows, as the module is used by each crate.
#[derive(Clone, Copy)]
pub(crate) enum Uses {
    /// Every crate that carries it uses all of it.
    All,
    /// The runtime serves every API; each uses only some of this module.
    Partly,
    /// Used by the operations; with none, it is unused.
    ByOperations,
}

/// A file of the runtime, with the module it is declared as in `lib.rs`.
pub(crate) struct RuntimeFile {
    /// The file name, such as `call.rs`; the module is named by its stem.
    pub(crate) file: &'static str,
    pub(crate) source: &'static str,
    pub(crate) uses: Uses,
}

impl RuntimeFile {
    pub(crate) fn module(&self) -> &'static str {
        self.file.strip_suffix(".rs").unwrap_or(self.file)
    }
}

/// The runtime's modules, each written once: its file under `templates/runtime/` and how crates
/// use it.
macro_rules! runtime {
    ($($module:ident: $uses:ident),* $(,)?) => {
        &[$(RuntimeFile {
            file: concat!(stringify!($module), ".rs"),
            source: include_str!(concat!("../../../templates/runtime/", stringify!($module), ".rs")),
            uses: Uses::$uses,
        }),*]
    };
}

/// The hand-written runtime.
const RUNTIME: &[RuntimeFile] = runtime! {
    attempt: All,
    auth: All,
    auth_api_key: All,
    auth_basic: All,
    auth_bearer: All,
    auth_http: All,
    auth_oauth2: All,
    body: All,
    call: Partly,
    client: ByOperations,
    client_build: All,
    client_builder: All,
    encode: Partly,
    error: All,
    execute: ByOperations,
    fetch: All,
    form: Partly,
    idempotency: ByOperations,
    multipart: Partly,
    multipart_fields: Partly,
    multipart_values: Partly,
    raw_response: All,
    redact: All,
    request: Partly,
    retry: All,
    serde_helpers: All,
    server_url: All,
    style: Partly,
    token: All,
    transport_error: All,
};

/// The names of every runtime file a generated crate may carry under `src/` (each the same in
/// every crate that carries it, whatever the spec).
pub fn runtime_file_names() -> impl Iterator<Item = &'static str> {
    RUNTIME.iter().map(|file| file.file)
}

/// The runtime files the crate of `api` carries.
pub(crate) fn carried(_api: &Api) -> impl Iterator<Item = &'static RuntimeFile> {
    RUNTIME.iter()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests may panic

    use super::*;

    #[test]
    fn every_runtime_template_is_listed_once() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../templates/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut listed: Vec<&str> = runtime_file_names().collect();
        listed.sort_unstable();
        assert_eq!(on_disk, listed);
    }
}
