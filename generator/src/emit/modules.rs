//! The Rust modules made from the IR, the two `lib.rs`, `servers.rs`, `types.rs`,
//! `operations.rs` and (for an API with webhooks) `webhooks.rs`, built and formatted on
//! several threads.

use crate::error::{Error, Result};
use crate::ir::{Api, TypeDef};

use super::{lib_rs, operations, rust, servers, types};

/// `src/lib.rs`, `src/types.rs` and `src/operations.rs` of the API crate and
/// `runtime/src/lib.rs` and `runtime/src/servers.rs` of its runtime, formatted. The types
/// and operations are built and formatted in runs, all in one pool of threads, so that neither
/// module waits for the other; then each module's runs are spaced into one buffer, the two
/// modules on two threads.
pub(crate) fn rust_files(
    api: &Api,
    names: &lib_rs::CrateNames,
    split: rust::Split,
) -> Result<Vec<(&'static str, String)>> {
    enum Job<'a, 'b> {
        Types(&'a [TypeDef]),
        Operations(&'b [crate::ir::Operation]),
    }
    enum Module {
        Types(Vec<Result<String>>),
        Operations(Vec<Result<operations::Run>>),
    }
    enum Done {
        Types(Result<String>),
        Operations(Result<operations::Run>),
    }
    let jobs: Vec<Job> = (split.chunks(&api.types).into_iter().map(Job::Types))
        .chain(
            split
                .chunks(&api.operations)
                .into_iter()
                .map(Job::Operations),
        )
        .collect();
    let error_features = super::features::error_enum_features(api);
    let done = split.map(&jobs, |job| match job {
        Job::Types(defs) => Done::Types(types::format_run(api, defs)),
        Job::Operations(ops) => Done::Operations(operations::format_run(api, ops, &error_features)),
    })?;
    let (mut type_runs, mut operation_runs) = (Vec::new(), Vec::new());
    for done in done {
        match done {
            Done::Types(run) => type_runs.push(run),
            Done::Operations(run) => operation_runs.push(run),
        }
    }
    // Each module joined and spaced on its own thread, its runs freed as they are copied.
    let mut spaced = split
        .map_owned(
            vec![Module::Types(type_runs), Module::Operations(operation_runs)],
            |runs| match runs {
                Module::Types(runs) => types::join_runs(api, runs),
                Module::Operations(runs) => operations::join_runs(api, runs),
            },
        )?
        .into_iter();
    let (Some(types_rs), Some(operations_rs)) = (spaced.next(), spaced.next()) else {
        return Err(Error::msg("internal: a module went missing"));
    };
    let (types_rs, operations_rs) = (types_rs?, operations_rs?);
    let mut files = vec![
        (
            "src/lib.rs",
            rust::format_file(lib_rs::lib_rs(api, names), "src/lib.rs")?,
        ),
        (
            "runtime/src/lib.rs",
            rust::format_file(lib_rs::runtime_lib_rs(api, names), "runtime/src/lib.rs")?,
        ),
        (
            "runtime/src/servers.rs",
            rust::format_file(servers::servers_rs(api), "runtime/src/servers.rs")?,
        ),
        ("src/types.rs", types_rs),
        ("src/operations.rs", operations_rs),
    ];
    if super::xml::has_xml(api) {
        files.push((
            "src/xml_shapes.rs",
            rust::format_file(super::xml::xml_shapes_rs(api), "src/xml_shapes.rs")?,
        ));
    }
    if !api.webhooks.is_empty() {
        files.push((
            "src/webhooks.rs",
            rust::format_file(super::webhooks::webhooks_rs(api), "src/webhooks.rs")?,
        ));
    }
    Ok(files)
}
