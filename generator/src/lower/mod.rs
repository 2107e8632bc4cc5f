//! Stage 2: `openapiv3` → IR.
//!
//! Resolves every `$ref` (schemas, responses, parameters, request bodies), names every type, and
//! turns names into valid Rust identifiers. Anything not supported is an error naming the JSON
//! pointer of the node at fault: never a panic, never silently wrong code.

mod body;
mod compose;
mod context;
mod cycles;
mod depth;
mod enums;
mod error_names;
mod events;
mod files;
mod formats;
mod inherit;
mod media;
mod method_names;
mod names;
mod operation;
mod pagination;
mod params;
mod responses;
mod schema;
mod servers;
mod shape;
mod share;
mod table;
mod webhooks;
mod xml;

pub use depth::MAX_NESTING;
pub use operation::CLIENT_METHODS;
pub use servers::BUILDER_METHODS;

use indexmap::IndexMap;

/// An [`IndexMap`] with the Fx hasher: for the lowering's own maps, keyed by names of the
/// document (no untrusted input can make it degrade beyond the document's own size), where
/// SipHash showed in profiles. Iteration is in insertion order whatever the hasher.
pub(crate) type FxIndexMap<K, V> = IndexMap<K, V, rustc_hash::FxBuildHasher>;
use openapiv3::{OpenAPI, ReferenceOr};

use crate::config::Config;
use crate::error::{Error, Errors, Problems, Result, join, pointer};
use crate::ir::{Api, ParamLocation, SecurityKind, SecurityScheme, Warning};
use crate::load::Spec;
use crate::naming;

/// Lowers a loaded spec to the IR, with the types `config` chooses.
///
/// Goes on past a component schema it cannot lower (its name stays claimed, so what refers to
/// it still lowers), so one run reports every such error; an operation it cannot lower is
/// skipped with a warning, and a security scheme left out with one.
pub fn lower(spec: &Spec, config: &Config) -> Result<Api, Errors> {
    let doc = &spec.document;
    let mut problems = Problems::default();
    let mut lowerer = Lowerer::new(doc, config);
    lowerer.swagger2 = spec.version == crate::load::Version::Swagger2;
    lowerer.name_component_schemas();
    lowerer.find_inheritance();
    lowerer.lower_component_schemas(&mut problems);
    let mut server_table = servers::ServerTable::new(&doc.servers);
    let mut warnings = spec.warnings.clone();
    warnings.append(&mut lowerer.warnings);
    let security_schemes = lower_security_schemes(doc, &mut warnings);
    let lowered = operation::lower_operations(
        &mut lowerer,
        &security_schemes,
        &mut server_table,
        &mut warnings,
        &mut problems,
    );
    // What was said once for the document while lowering the operations.
    warnings.append(&mut lowerer.warnings);
    let operations = problems.keep(lowered).unwrap_or_default();
    let webhooks = webhooks::lower_webhooks(&lowerer, &mut warnings);
    let (servers, server_variables) = server_table.finish();
    let default_base_url = servers
        .first()
        .and_then(|server| servers::default_url(server, &server_variables));
    let mut api = Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        default_base_url,
        servers,
        server_variables,
        security_schemes,
        types: Vec::new(),
        operations,
        warnings,
        features: Vec::new(),
        webhooks,
    };
    // A type whose schema failed was claimed but never defined: the run ends here.
    if problems.any() {
        return problems.finish(api);
    }
    let wanted = problems.keep(lowerer.table.finish(&mut api));
    let mut copies = names::Copies::of(&api.types, &wanted.unwrap_or_default());
    share::identical_inline_types(&mut api, &mut copies);
    share::identical_enums(&mut api.types, &mut copies);
    files::file_parts(&mut api);
    names::name_types(&mut api, &copies);
    cycles::box_cycles(&mut api.types);
    pagination::paginate(&mut api, doc, config, &mut problems);
    share::identical_errors(&mut api.operations, operation::OPERATIONS_MODULE_NAMES);
    problems.keep(depth::check(&api));
    problems.finish(api)
}

/// State shared while lowering one document.
pub(crate) struct Lowerer<'a> {
    pub(crate) doc: &'a OpenAPI,
    /// The user's configuration.
    pub(crate) config: &'a Config,
    /// The types claimed and defined so far.
    pub(crate) table: table::TypeTable,
    /// `components.schemas` key → its type.
    pub(crate) components: FxIndexMap<String, table::Claimed>,
    /// Component key → the inheritance base it is (see `inherit`).
    pub(crate) inheritance: FxIndexMap<String, inherit::Inheritance>,
    /// Warnings met while lowering the component schemas, and those said once for the
    /// document.
    pub(crate) warnings: Vec<crate::ir::Warning>,
    /// What the once-for-the-document warnings have said (see [`Lowerer::warn_once`]).
    pub(crate) warned: rustc_hash::FxHashSet<String>,
    /// While variants merged with shared properties are lowered (`Lowerer::merged_type`): the
    /// type of each property lowered so far, by its pointer, so that a shared property is
    /// lowered once and not once per variant (nested, that was exponential).
    pub(crate) shared_properties: Option<rustc_hash::FxHashMap<String, crate::ir::TypeRef>>,
    /// The inline schemas whose types are being made, by pointer (see `Lowerer::inline_type`).
    pub(crate) inline_in_progress: rustc_hash::FxHashMap<String, crate::ir::TypeId>,
    /// Whether the document was written as Swagger 2.0 (warnings then speak of its rules).
    pub(crate) swagger2: bool,
    /// Whether an operation has an XML body with a schema: only then are XML Objects read
    /// (`xml.rs`).
    pub(crate) xml_bodies: bool,
}

impl<'a> Lowerer<'a> {
    fn new(doc: &'a OpenAPI, config: &'a Config) -> Self {
        Self {
            doc,
            config,
            table: table::TypeTable::default(),
            components: FxIndexMap::default(),
            inheritance: FxIndexMap::default(),
            warnings: Vec::new(),
            warned: rustc_hash::FxHashSet::default(),
            shared_properties: None,
            inline_in_progress: rustc_hash::FxHashMap::default(),
            swagger2: false,
            xml_bodies: xml::has_xml_bodies(doc),
        }
    }

    /// A warning said once for the document, at the first node it applies to (the same
    /// parameter ignored in every operation of an API is one line, not hundreds): `key` tells
    /// the same warning apart; later ones are dropped.
    pub(crate) fn warn_once(&mut self, key: String, pointer: String, message: String) {
        if self.warned.insert(key) {
            self.warnings.push(crate::ir::Warning { pointer, message });
        }
    }

    /// Names every component schema before lowering any, so references resolve in any order.
    fn name_component_schemas(&mut self) {
        let Some(components) = &self.doc.components else {
            return;
        };
        for key in components.schemas.keys() {
            let claimed = self.table.claim(naming::type_name(key, "Type"));
            self.components.insert(key.clone(), claimed);
        }
    }

    /// Lowers every component schema, recording the error of each that fails and going on.
    fn lower_component_schemas(&mut self, problems: &mut Problems) {
        let doc: &'a OpenAPI = self.doc;
        let Some(components) = &doc.components else {
            return;
        };
        for (key, schema) in &components.schemas {
            let at = pointer(&["components", "schemas", key]);
            let Some(claimed) = self.components.get(key).cloned() else {
                continue;
            };
            problems.keep(match schema {
                ReferenceOr::Item(schema) if self.inheritance.contains_key(key) => {
                    self.define_base(&claimed, key, schema, &at)
                }
                _ => self.define_component(&claimed, key, schema, &at),
            });
        }
    }
}

/// Resolves a local `$ref` of the form `#/components/<section>/<key>`, returning the key.
pub(crate) fn ref_key<'r>(reference: &'r str, section: &str, at: &str) -> Result<&'r str> {
    let prefix = format!("#/components/{section}/");
    match reference.strip_prefix(&prefix) {
        Some(key) if !key.contains('/') => Ok(key),
        _ if !reference.starts_with('#') => Err(Error::at(
            at,
            format!(
                "reference `{reference}` to another file is not resolved: the file could not be read (a warning where the `$ref` is written says why), or the spec was not loaded from disk (`load::load`, `cargo xtask codegen --spec`), where other files are read"
            ),
        )),
        _ => Err(Error::at(
            at,
            format!("reference `{reference}` does not point into `#/components/{section}`"),
        )),
    }
}

/// Looks up `reference` in a components map, following chains of references to their end,
/// however long; a chain that comes back to a key it passed is a cycle, reported with its
/// members, from the first in document order.
///
/// An error past the first step (the chain breaks inside a component it passed) is that
/// component's, and is reported at it (a cycle at its first member), like any problem in a
/// component: every node that refers to it meets the same error, which counts once.
pub(crate) fn resolve<'m, T>(
    map: Option<&'m IndexMap<String, ReferenceOr<T>>>,
    reference: &str,
    section: &str,
    at: &str,
) -> Result<(&'m T, String)> {
    let key_at = |index: usize| {
        let key = map.and_then(|map| map.get_index(index)).map(|(k, _)| k);
        pointer(&["components", section, key.map_or("", String::as_str)])
    };
    let at_fault = |index: Option<&usize>| index.map_or_else(|| at.to_owned(), |&i| key_at(i));
    let mut reference = reference.to_owned();
    let mut passed = indexmap::IndexSet::new();
    loop {
        let holder = passed.last();
        let written =
            ref_key(&reference, section, at).map_err(|e| Error::at(at_fault(holder), e.message))?;
        // A `$ref` is a URI: its fragment is percent-decoded before it is read as a JSON
        // pointer (RFC 6901, section 6), so `Foo%20Bar` names the component `Foo Bar`.
        let key = crate::error::unescape_token(
            &percent_encoding::percent_decode_str(written).decode_utf8_lossy(),
        );
        let (index, target) = map
            .and_then(|map| map.get_full(&key))
            .map(|(index, _, target)| (index, target))
            .ok_or_else(|| {
                Error::at(
                    at_fault(holder),
                    format!("dangling reference: `{reference}` does not exist"),
                )
            })?;
        if let Some(start) = passed.get_index_of(&index) {
            let mut members: Vec<usize> = passed.iter().skip(start).copied().collect();
            let first = members
                .iter()
                .enumerate()
                .min_by_key(|&(_, &member)| member)
                .map_or(0, |(position, _)| position);
            members.rotate_left(first);
            return Err(Error::at(
                at_fault(members.first()),
                format!(
                    "the `$ref`s form a reference cycle: {}",
                    cycle_text(&members, key_at)
                ),
            ));
        }
        passed.insert(index);
        match target {
            ReferenceOr::Item(item) => return Ok((item, key)),
            ReferenceOr::Reference { reference: next } => reference.clone_from(next),
        }
    }
}

/// The members of a cycle, and the first again, as `A → B → A`; a long cycle shows its first
/// members and its last (each way into a cycle builds this text, so its length is bounded).
fn cycle_text(members: &[usize], key_at: impl Fn(usize) -> String) -> String {
    const SHOWN: usize = 8;
    let Some((&first, rest)) = members.split_first() else {
        return String::new();
    };
    let mut text = key_at(first);
    let hidden = rest.len().saturating_sub(SHOWN + 1);
    for (i, &member) in rest.iter().enumerate() {
        if hidden > 0 && i == SHOWN {
            text.push_str(&format!(" → … ({hidden} more)"));
        }
        if hidden == 0 || i < SHOWN || i + 1 == rest.len() {
            text.push_str(" → ");
            text.push_str(&key_at(member));
        }
    }
    text.push_str(" → ");
    text.push_str(&key_at(first));
    text
}

/// Whether `name` is an HTTP token (RFC 9110 §5.6.2), as an authentication scheme name and a
/// header name must be.
pub(super) fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Lowers every security scheme. One that cannot be lowered (a reference that cannot be
/// followed, an HTTP scheme that is not a name) is left out with a warning: the operations
/// that name it stay, and the client sends no credential for it (as for a scheme the
/// document does not define), instead of the whole document failing.
fn lower_security_schemes(doc: &OpenAPI, warnings: &mut Vec<Warning>) -> Vec<SecurityScheme> {
    let Some(components) = &doc.components else {
        return Vec::new();
    };
    components
        .security_schemes
        .iter()
        .filter_map(|(key, scheme)| {
            let at = pointer(&["components", "securitySchemes", key]);
            lower_security_scheme(components, key, scheme, &at)
                .map_err(|error| {
                    warnings.push(Warning {
                        pointer: error.pointer.unwrap_or(at),
                        message: format!(
                            "{}; the security scheme `{key}` is left out, and the client sends \
                             no credential for it",
                            error.message
                        ),
                    });
                })
                .ok()
        })
        .collect()
}

/// Lowers the security scheme `key` (at `at`).
fn lower_security_scheme(
    components: &openapiv3::Components,
    key: &str,
    scheme: &ReferenceOr<openapiv3::SecurityScheme>,
    at: &str,
) -> Result<SecurityScheme> {
    let scheme = match scheme {
        ReferenceOr::Item(scheme) => scheme,
        ReferenceOr::Reference { reference } => {
            resolve(
                Some(&components.security_schemes),
                reference,
                "securitySchemes",
                at,
            )?
            .0
        }
    };
    use openapiv3::SecurityScheme as S;
    let (kind, description) = match scheme {
        S::HTTP {
            scheme,
            description,
            ..
        } => {
            let kind = match scheme.to_ascii_lowercase().as_str() {
                "bearer" => SecurityKind::Bearer,
                "basic" => SecurityKind::Basic,
                // Any other scheme is a name and credentials (RFC 9110 §11.4); the user
                // supplies the credentials.
                _ if is_token(scheme) => SecurityKind::Http {
                    scheme: scheme.clone(),
                },
                _ => {
                    return Err(Error::at(
                        join(at, "scheme"),
                        format!(
                            "`{scheme}` is not an HTTP authentication scheme name (a token: \
                             letters, digits and ``!#$%&'*+-.^_`|~``)"
                        ),
                    ));
                }
            };
            (kind, description)
        }
        S::APIKey {
            location,
            name,
            description,
            ..
        } => {
            let location = match location {
                openapiv3::APIKeyLocation::Header => ParamLocation::Header,
                openapiv3::APIKeyLocation::Query => ParamLocation::Query,
                openapiv3::APIKeyLocation::Cookie => ParamLocation::Cookie,
            };
            let name = name.clone();
            (SecurityKind::ApiKey { location, name }, description)
        }
        S::OAuth2 {
            flows, description, ..
        } => {
            let token_url = flows
                .authorization_code
                .as_ref()
                .map(|f| f.token_url.clone())
                .or_else(|| {
                    flows
                        .client_credentials
                        .as_ref()
                        .map(|f| f.token_url.clone())
                })
                .or_else(|| flows.password.as_ref().map(|f| f.token_url.clone()));
            (SecurityKind::OAuth2 { token_url }, description)
        }
        S::OpenIDConnect { description, .. } => (SecurityKind::OpenIdConnect, description),
    };
    Ok(SecurityScheme {
        key: key.to_owned(),
        kind,
        description: description.clone(),
    })
}

/// The type a `type: string` schema with `format` lowers to under `formats`: `Some(String)`
/// for a typed format the configuration keeps `String`, `None` for a format opengen does not
/// type (the configuration's per-field `format` override uses it).
pub(crate) fn string_format(
    formats: &crate::config::Formats,
    format: &str,
) -> Option<crate::ir::TypeRef> {
    const TYPED: [&str; 6] = ["date-time", "date", "time", "uuid", "ipv4", "ipv6"];
    match format {
        "binary" => Some(crate::ir::TypeRef::Binary),
        _ if TYPED.contains(&format) => {
            Some(formats::format_type(formats, format).unwrap_or(crate::ir::TypeRef::String))
        }
        _ => None,
    }
}
