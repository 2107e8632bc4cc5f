//! The generated crate's `version`: Cargo wants semantic versioning, and `info.version` is free
//! text (`v2`, `2026-06-03`, `2026.06.3`, `latest`). The original stays in `API_VERSION`.

/// The version written in the generated `Cargo.toml`, by one rule:
///
/// 1. Surrounding spaces and a `v` before a digit are dropped.
/// 2. What is then a valid semantic version (`1.2.3`, `2.0.0-beta+exp`) is kept as it is.
/// 3. Otherwise the leading numbers, separated by `.`, `-` or `_`, give major, minor and patch
///    (leading zeros dropped, missing ones `0`, a fourth and anything after them ignored):
///    `2026.06.3` → `2026.6.3`, `2026-06-03` → `2026.6.3`, `v2` → `2.0.0`, `1.0` → `1.0.0`.
/// 4. With no leading number (`latest`, empty): `0.1.0`.
pub(crate) fn crate_version(version: &str) -> String {
    let trimmed = version.trim();
    let trimmed = match trimmed.strip_prefix(['v', 'V']) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => trimmed,
    };
    if is_semver(trimmed) {
        return trimmed.to_owned();
    }
    let mut numbers: Vec<u64> = Vec::new();
    let mut rest = trimmed;
    while numbers.len() < 3 {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let Ok(number) = rest[..digits].parse::<u64>() else {
            break;
        };
        numbers.push(number);
        rest = &rest[digits..];
        match rest.strip_prefix(['.', '-', '_']) {
            Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => rest = after,
            _ => break,
        }
    }
    match numbers.as_slice() {
        [] => "0.1.0".to_owned(),
        [major] => format!("{major}.0.0"),
        [major, minor] => format!("{major}.{minor}.0"),
        [major, minor, patch, ..] => format!("{major}.{minor}.{patch}"),
    }
}

/// Semantic Versioning 2.0.0: `MAJOR.MINOR.PATCH`, numbers without leading zeros, then an
/// optional `-pre.release` and `+build`, dot-separated identifiers of `[0-9A-Za-z-]`.
pub(crate) fn is_semver(text: &str) -> bool {
    let (rest, build) = match text.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let number = |part: &str| {
        !part.is_empty()
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'))
            && part.parse::<u64>().is_ok()
    };
    let identifier = |part: &str| {
        !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let core: Vec<&str> = core.split('.').collect();
    core.len() == 3
        && core.iter().all(|part| number(part))
        && pre.is_none_or(|pre| {
            pre.split('.').all(|part| {
                identifier(part) && (!part.bytes().all(|b| b.is_ascii_digit()) || number(part))
            })
        })
        && build.is_none_or(|build| build.split('.').all(identifier))
}

#[cfg(test)]
mod tests {
    use super::crate_version;

    #[test]
    fn any_info_version_becomes_a_version_cargo_accepts() {
        let table = [
            ("1.2.3", "1.2.3"),
            ("2.0.0-beta+exp", "2.0.0-beta+exp"),
            ("1.0.0-rc.1", "1.0.0-rc.1"),
            ("2026.06.3", "2026.6.3"),
            ("2026-06-03", "2026.6.3"),
            ("2023-10-16", "2023.10.16"),
            ("v2", "2.0.0"),
            ("V1.4", "1.4.0"),
            ("v1.2.3-beta", "1.2.3-beta"),
            ("1.0", "1.0.0"),
            ("1", "1.0.0"),
            ("01.2.3", "1.2.3"),
            ("1.2.3.4", "1.2.3"),
            ("1.0-beta", "1.0.0"),
            ("1.2.3-01", "1.2.3"),
            ("  3.1.0 ", "3.1.0"),
            ("2.0 (beta)", "2.0.0"),
            ("latest", "0.1.0"),
            ("", "0.1.0"),
            ("v", "0.1.0"),
            ("version 3", "0.1.0"),
            ("99999999999999999999999", "0.1.0"),
        ];
        for (info_version, expected) in table {
            let version = crate_version(info_version);
            assert_eq!(version, expected, "info.version {info_version:?}");
            assert!(
                semver::Version::parse(&version).is_ok(),
                "{version:?} (from {info_version:?}) is not semver"
            );
        }
    }
}
