//! Server URLs: the servers the API description names, with their `{variables}`, and the base
//! URL each one resolves to when the client is built.

use std::collections::BTreeMap;

use crate::error::BuildError;

/// A server of the API description, as `crate::servers::SERVERS` lists it: one per variant of
/// [`crate::Server`], in the same order.
#[derive(Debug)]
pub(crate) struct ServerTemplate {
    /// The [`crate::Server`] variant, for messages.
    pub(crate) name: &'static str,
    /// The URL with `{variable}`s, without a trailing `/`; `None` when the description names no
    /// absolute default server.
    pub(crate) url: Option<&'static str>,
    /// The variables in `url`.
    pub(crate) variables: &'static [ServerVariable],
}

/// A variable in a server URL.
#[derive(Debug)]
pub(crate) struct ServerVariable {
    /// The name between the braces.
    pub(crate) name: &'static str,
    /// The `ClientBuilder` method that sets it, for messages.
    pub(crate) setter: &'static str,
    /// This server's default; `None` when the description gives none, so the user must set it.
    pub(crate) default: Option<&'static str>,
}

/// A base URL, checked once when the client is built.
pub(crate) struct BaseUrl {
    /// The URL without a trailing slash; operation paths are appended to it.
    pub(crate) text: String,
    /// `text` parsed, when building request URLs can start from it (see
    /// [`crate::request::parse_base`]).
    pub(crate) parsed: Option<reqwest::Url>,
}

impl std::fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text.fmt(f)
    }
}

impl BaseUrl {
    /// Checks that `url` is an http or https URL without a query or fragment; `what` names it in
    /// errors.
    pub(crate) fn new(url: &str, what: &str) -> Result<Self, BuildError> {
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| BuildError::new(format!("{what} `{url}`: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
            return Err(BuildError::new(format!(
                "{what} `{url}` is not an http or https URL"
            )));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(BuildError::new(format!(
                "{what} `{url}` must not have a query or fragment"
            )));
        }
        let text = url.trim_end_matches('/').to_owned();
        Ok(Self {
            parsed: crate::request::parse_base(&text),
            text,
        })
    }
}

/// `url` on the default server's host: an absolute path (`/`, `/internal`), which the API
/// description gives relative to its own location, is joined to the default server's origin
/// (scheme, host and port), where the API is served; any other URL is returned as it is.
pub(crate) fn on_origin_of(default: &BaseUrl, url: String) -> String {
    if !url.starts_with('/') || url.starts_with("//") {
        return url;
    }
    match reqwest::Url::parse(&default.text) {
        Ok(parsed) => format!(
            "{}{}",
            parsed.origin().ascii_serialization(),
            url.trim_end_matches('/')
        ),
        Err(_) => url,
    }
}

/// The URL of `server` with each variable taken from `values` (by name) or its default. A
/// variable with neither is an error naming it and the builder method that sets it.
pub(crate) fn resolve(
    server: &ServerTemplate,
    values: &BTreeMap<&'static str, String>,
) -> Result<String, BuildError> {
    let Some(template) = server.url else {
        return Err(BuildError::new(
            "no base URL: the API description names no absolute server, so call `base_url`",
        ));
    };
    let mut url = template.to_owned();
    for variable in server.variables {
        let value = match values.get(variable.name) {
            Some(value) => value.as_str(),
            None => variable.default.ok_or_else(|| {
                BuildError::new(format!(
                    "server `{}` (`{template}`) needs the server variable `{}`, which has no \
                     default: set it with `ClientBuilder::{}`, or set the server's URL with \
                     `ClientBuilder::server_url`",
                    server.name, variable.name, variable.setter
                ))
            })?,
        };
        url = url.replace(&format!("{{{}}}", variable.name), value);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGION: ServerTemplate = ServerTemplate {
        name: "Logs",
        url: Some("https://{region}.{tenant}.example.io/v1"),
        variables: &[
            ServerVariable {
                name: "region",
                setter: "region",
                default: Some("eu"),
            },
            ServerVariable {
                name: "tenant",
                setter: "tenant",
                default: None,
            },
        ],
    };

    #[test]
    fn an_absolute_path_is_taken_on_the_default_servers_origin() {
        let default = BaseUrl::new("https://eu.example.io:8443/api/v2/", "base URL").unwrap();
        let on_origin = |url: &str| on_origin_of(&default, url.to_owned());
        assert_eq!(on_origin("/"), "https://eu.example.io:8443");
        assert_eq!(
            on_origin("/internal/v1/"),
            "https://eu.example.io:8443/internal/v1"
        );
        // Anything else is a URL of its own.
        assert_eq!(
            on_origin("https://upload.example.io"),
            "https://upload.example.io"
        );
        assert_eq!(on_origin("//cdn.example.io"), "//cdn.example.io");
        let plain = BaseUrl::new("http://localhost", "base URL").unwrap();
        assert_eq!(
            on_origin_of(&plain, "/health".to_owned()),
            "http://localhost/health"
        );
    }

    #[test]
    fn variables_take_the_value_set_or_the_default() {
        let mut values = BTreeMap::new();
        values.insert("tenant", "acme".to_owned());
        assert_eq!(
            resolve(&REGION, &values).unwrap(),
            "https://eu.acme.example.io/v1"
        );
        values.insert("region", "us".to_owned());
        assert_eq!(
            resolve(&REGION, &values).unwrap(),
            "https://us.acme.example.io/v1"
        );
    }

    #[test]
    fn a_variable_without_default_or_value_is_named() {
        let error = resolve(&REGION, &BTreeMap::new()).unwrap_err().to_string();
        assert!(error.contains("`tenant`"), "{error}");
        assert!(error.contains("ClientBuilder::tenant"), "{error}");
        assert!(error.contains("`Logs`"), "{error}");
    }

    #[test]
    fn base_urls_are_checked_and_trimmed() {
        let base = BaseUrl::new("http://localhost:8080/v3/", "base URL").unwrap();
        assert_eq!(base.text, "http://localhost:8080/v3");
        assert!(base.parsed.is_some());
        let error = BaseUrl::new("ftp://x", "base URL").unwrap_err();
        assert!(error.to_string().contains("not an http"), "{error}");
        let error = BaseUrl::new("http://x/?q", "server `Upload` URL").unwrap_err();
        assert!(error.to_string().contains("`Upload`"), "{error}");
    }
}
