//! The generated crate's package name, checked before anything is emitted.

use crate::error::{Error, Result};

/// Cargo's rules for a package name that is also a valid library name.
pub(crate) fn check_crate_name(name: &str) -> Result<()> {
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !valid {
        return Err(Error::msg(format!(
            "crate name `{name}` must start with a lowercase letter and use only a-z, 0-9, `-` and `_`"
        )));
    }
    // The library is named with `_` for `-`, and rustc's `non_snake_case` lint (an error under
    // `-D warnings`) refuses two `_` in a row inside it.
    let library = name.replace('-', "_");
    if library.trim_end_matches('_').contains("__") {
        return Err(Error::msg(format!(
            "crate name `{name}` has two separators in a row: its library name `{library}` is \
             not snake case, which rustc warns about in every build of the crate"
        )));
    }
    Ok(())
}

/// The package name of the runtime crate written beside crate `name` (`faxplus` has
/// `faxplus-opengen-runtime`). Not `NAME-runtime`: APIs come in pairs named so (AWS's `bedrock`
/// and `bedrock-runtime`, `sagemaker` and `sagemaker-runtime`), and the runtime of one client
/// would take the other client's name, which Cargo refuses in one workspace.
pub fn runtime_package(name: &str) -> String {
    format!("{}-opengen-runtime", name.trim_end_matches(['-', '_']))
}

#[cfg(test)]
mod tests {
    use super::{check_crate_name, runtime_package};

    #[test]
    fn a_runtime_is_not_named_like_a_client_of_another_api() {
        // AWS's Bedrock and Bedrock Runtime, generated into one workspace.
        let names = ["bedrock", "bedrock-runtime"];
        let mut packages: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        packages.extend(names.iter().map(|n| runtime_package(n)));
        let mut unique = packages.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), packages.len(), "{packages:?}");
        // A trailing separator does not make two in a row in the library name.
        assert_eq!(runtime_package("fax-"), "fax-opengen-runtime");
        assert!(check_crate_name(&runtime_package("fax_")).is_ok());
    }

    #[test]
    fn a_name_whose_library_is_not_snake_case_is_refused() {
        for good in ["faxplus", "fax-plus", "fax_plus", "api-1", "fax-"] {
            assert!(check_crate_name(good).is_ok(), "{good}");
        }
        for bad in [
            "Fax",
            "1api",
            "fax plus",
            "fax--plus",
            "fax-_plus",
            "fax__plus",
        ] {
            assert!(check_crate_name(bad).is_err(), "{bad}");
        }
    }
}
