//! Idempotency keys: what makes a POST or PATCH safe to retry on an API that supports them.

use reqwest::header::{self, HeaderValue};

use crate::client::Client;
use crate::request::RequestBuilder;

/// Puts the call's idempotency key on `request`: the one the call set, else a fresh one when
/// the client names a header for them and the method is not `idempotent` already. Whether a
/// key was added.
pub(crate) fn add_idempotency_key(
    client: &Client,
    request: &mut RequestBuilder,
    key: Option<String>,
    idempotent: bool,
) -> bool {
    let configured = client.inner.idempotency_key_header.as_ref();
    let key = match key {
        Some(key) => key,
        None if configured.is_some() && !idempotent => random_key(),
        None => return false,
    };
    let name = configured
        .cloned()
        .unwrap_or(header::HeaderName::from_static("idempotency-key"));
    match HeaderValue::from_str(&key) {
        Ok(value) => {
            request.headers.insert(name, value);
            true
        }
        Err(_) => {
            request.error.get_or_insert_with(|| {
                format!("idempotency key `{key}` is not a valid header value").into()
            });
            false
        }
    }
}

/// A random key in the form of a version-4 UUID: 122 random bits, so two calls never share
/// one. From `fastrand` (not a cryptographic generator): a key is not a secret, only unique.
fn random_key() -> String {
    let (high, low) = (fastrand::u64(..), fastrand::u64(..));
    let high = (high & !0xF000) | 0x4000; // version 4
    let low = (low & !(0xC << 60)) | (0x8 << 60); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xFFFF,
        high & 0xFFFF,
        low >> 48,
        low & 0xFFFF_FFFF_FFFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_look_like_uuids_and_differ() {
        let (a, b) = (random_key(), random_key());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }
}
