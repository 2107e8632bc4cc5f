//! The user's configuration: `opengen.toml` beside the spec, or the same settings built in code.
//!
//! Every key is optional; an empty file (or [`Config::default`]) generates what the spec alone
//! gives. Unknown keys, and names that match nothing in the spec, are errors naming the key.
//! The configuration takes part in `--check` and in the hash every generated file's header
//! carries, so editing it shows up as drift like editing the spec does.

mod file;
mod locate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use file::CONFIG_FILE;
pub use locate::Source;

/// Everything `opengen.toml` can say. See the README's "Configuration" section for each key.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Config {
    /// The generated package's name and version.
    pub package: Package,
    /// Extra dependencies of the generated crate, as Cargo writes them (`schemars = "0.8"`),
    /// for the types that `types.replace` names and the traits that derives name.
    pub dependencies: BTreeMap<String, toml::Value>,
    /// Which Rust type each typed string `format` becomes.
    pub formats: Formats,
    /// Which operations to generate, and their method names.
    pub operations: Operations,
    /// Type renames, replacements and extra derives.
    pub types: Types,
    /// Whether the crate gets a Cargo feature per group of operations. Left out of the hash
    /// when default, so files generated before the key existed keep their header.
    #[serde(skip_serializing_if = "Features::is_default")]
    pub features: Features,
    /// Per-field overrides, keyed by the schema's place: a JSON pointer into the spec
    /// (`#/components/schemas/Pet/properties/born`) or `Component.property` (`Pet.born`).
    pub fields: BTreeMap<String, FieldOverride>,
    /// The text it was parsed from, and the file it was read from, so errors about a key can
    /// name the file, line and column; `None` for a configuration built in code. Not a
    /// setting: it takes no part in the hash or [`Config::is_default`].
    #[serde(skip)]
    pub source: Option<Source>,
}

/// `[features]`: a Cargo feature per group of operations (a tag; for an untagged operation,
/// the first meaningful segment of its path), so a user compiles only the groups they call.
/// `full`, the default feature, enables them all.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Features {
    /// When to split: `auto` (when the spec has at least `threshold` operations in at least
    /// two groups), `always` or `never`.
    pub split: Split,
    /// The number of operations from which `auto` splits.
    pub threshold: usize,
    /// Whether a group's types stop at the large structs and enums that only other groups use
    /// directly: referred to from outside the groups that use them, those compile as a stand-in
    /// holding the JSON as received unless one of their own groups is on. On by default; off, a
    /// type gets every group that reaches it through any chain of fields. Left out of the hash
    /// when on, so files generated before the key existed keep their header.
    #[serde(skip_serializing_if = "is_true")]
    pub stand_ins: bool,
    /// How many types (itself and those it refers to, directly or not) a type must reach for
    /// `stand-ins` to apply to it. Left out of the hash when default.
    #[serde(skip_serializing_if = "is_stand_in_size")]
    pub stand_in_size: usize,
}

/// The default of `[features] threshold`.
pub const FEATURE_THRESHOLD: usize = 100;

impl Default for Features {
    fn default() -> Self {
        Self {
            split: Split::Auto,
            threshold: FEATURE_THRESHOLD,
            stand_ins: true,
            stand_in_size: STAND_IN_SIZE,
        }
    }
}

/// The default of `[features] stand-in-size`: Stripe's objects that tie the API together
/// reach over a thousand types, GitHub's largest 62, most types a handful.
pub const STAND_IN_SIZE: usize = 32;

/// Whether `size` is the default `stand-in-size`.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_stand_in_size(size: &usize) -> bool {
    *size == STAND_IN_SIZE
}

/// Whether a flag is on: a `true` default left out of the hash.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_true(flag: &bool) -> bool {
    *flag
}

impl Features {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// `[features] split`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Split {
    /// A feature per group when the spec has at least `threshold` operations.
    #[default]
    Auto,
    /// A feature per group, whatever the number of operations.
    Always,
    /// No features: everything is always compiled.
    Never,
}

/// `[package]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Package {
    /// The package name (`faxplus`); by default the caller's (`--name`, or one made from the spec).
    pub name: Option<String>,
    /// The package version; by default the spec's `info.version`, made a valid SemVer.
    pub version: Option<String>,
}

/// `[formats]`: the Rust type of each typed string format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Formats {
    /// `format: date-time`.
    pub date_time: DateLibrary,
    /// `format: date`.
    pub date: DateLibrary,
    /// `format: time`: a time of day. `String` unless chosen: JSON Schema's `time` is RFC 3339's
    /// `full-time`, with an offset (`14:15:22Z`), which neither chrono's `NaiveTime` nor jiff's
    /// `civil::Time` holds (chrono refuses it); choose `chrono` or `jiff` only for a server that
    /// sends `partial-time` (`14:15:22`).
    pub time: DateLibrary,
    /// `format: uuid`.
    pub uuid: UuidType,
    /// `format: ipv4` and `ipv6`.
    pub ip: IpType,
}

impl Default for Formats {
    fn default() -> Self {
        Self {
            date_time: DateLibrary::Chrono,
            date: DateLibrary::Chrono,
            time: DateLibrary::String,
            uuid: UuidType::Uuid,
            ip: IpType::Std,
        }
    }
}

/// The crate that dates and times come from.
///
/// There is no `time` choice: the `time` crate's own serde format is not RFC 3339, so each
/// field would need a `#[serde(with = …)]` adapter, which its crate offers for a bare value and
/// an `Option` but not inside a `Vec`, a map or `Option<Option<_>>`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateLibrary {
    /// `chrono`: `DateTime<Utc>`, `NaiveDate`, `NaiveTime` (what progenitor gives).
    #[default]
    Chrono,
    /// `jiff`: `Timestamp`, `civil::Date`, `civil::Time`.
    Jiff,
    /// Keep the value a `String`.
    String,
}

/// What `format: uuid` becomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UuidType {
    /// `uuid::Uuid`.
    #[default]
    Uuid,
    /// Keep the value a `String`.
    String,
}

/// What `format: ipv4`/`ipv6` become.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IpType {
    /// `std::net::Ipv4Addr` / `Ipv6Addr`: no dependency.
    #[default]
    Std,
    /// Keep the value a `String`.
    String,
}

/// `[operations]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Operations {
    /// Generate only the operations with one of these tags (and those `include` names); all
    /// operations when both are empty.
    pub include_tags: Vec<String>,
    /// Generate only these operations (by `operationId`), with those of `include-tags`.
    pub include: Vec<String>,
    /// Leave out these operations (by `operationId`), whatever else includes them.
    pub exclude: Vec<String>,
    /// Method names: `operationId` → the Rust method name (snake_case).
    pub rename: BTreeMap<String, String>,
    /// Pagination: `operationId` → `false` (no `*_pages`/`*_items` methods), `true` (what the
    /// spec shows, the default) or how its pages go, as `x-opengen-pagination` says in the spec
    /// (which this overrides). Left out of the configuration's hash when empty, so files
    /// generated before the key existed keep their header.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub paginate: BTreeMap<String, Paginate>,
}

/// Whether an operation is paginated, and how: an `[operations.paginate]` entry, or the
/// value of an operation's `x-opengen-pagination`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Paginate {
    /// `false`: not paginated; `true`: as detected from the spec.
    Detect(bool),
    /// How its pages go, said outright.
    Rule(PageRule),
}

/// How an operation's pages go, named by wire names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PageRule {
    /// `cursor`, `page` (a page number), `offset` or `link` (RFC 8288 `Link` headers).
    pub kind: PageRuleKind,
    /// The optional query parameter that asks for a page (a cursor, page number or offset).
    pub param: String,
    /// The response's field holding the next cursor (`cursor`); when absent, the cursor is
    /// the last item's `id`.
    pub cursor: Option<String>,
    /// The response's array field of items; when absent, the response is the array.
    pub items: Option<String>,
    /// The response's boolean field saying whether more pages follow.
    pub has_more: Option<String>,
    /// The response's integer field with the total count of items (`page`, `offset`).
    pub total: Option<String>,
}

/// [`PageRule::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageRuleKind {
    /// A cursor from the response, sent back in the parameter.
    Cursor,
    /// A page number, one more each page.
    Page,
    /// An offset, moved on by the items received.
    Offset,
    /// The parameter's value in the `Link: <…>; rel="next"` response header.
    Link,
}

/// `[types]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Types {
    /// Renames: the generated type name → the name to use.
    pub rename: BTreeMap<String, String>,
    /// Replacements: the generated type name → the path of the user's own type, used in its
    /// place (no type is generated for it).
    pub replace: BTreeMap<String, String>,
    /// Extra derives for every generated type (`Eq`, `Hash`, `schemars::JsonSchema`).
    pub derive: Vec<String>,
    /// Extra derives for some types: the generated type name → the derives.
    pub derive_for: BTreeMap<String, Vec<String>>,
    /// Which types derive `Deserialize`: `by-use` (those responses carry, and those no
    /// operation uses) or `both` (all). Every type derives `Serialize`. Left out of the hash
    /// when default.
    #[serde(skip_serializing_if = "Serde::is_default")]
    pub serde: Serde,
}

/// `[types] serde`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Serde {
    /// `Deserialize` for the types responses carry; a type only requests carry never
    /// decodes, and its impl is most of what `rustc` would check for it.
    #[default]
    ByUse,
    /// Every type derives `Serialize` and `Deserialize`.
    Both,
}

impl Serde {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// One `[fields."…"]` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct FieldOverride {
    /// The `format` the spec should have given (`date-time`, `uuid`, …).
    pub format: Option<String>,
    /// The Rust type path to use for the field, in place of what the schema gives.
    #[serde(rename = "type")]
    pub rust_type: Option<String>,
}

impl Config {
    /// Whether this is the configuration of no file at all.
    pub fn is_default(&self) -> bool {
        let settings = Self {
            source: None,
            ..self.clone()
        };
        settings == Self::default()
    }
}
