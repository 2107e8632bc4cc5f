//! The configuration's changes to the lowered API: type replacements, field overrides,
//! renames and extra derives, in that order, after `lower` and before `emit`.
//!
//! Every key names what the generated crate calls it *before* the configuration renames
//! anything (the name `cargo xtask ir` and an unconfigured run show), so the keys of one
//! file never depend on each other. A key that matches nothing is an error naming it.

use std::collections::BTreeMap;

use super::derives;
use crate::config::{Config, FieldOverride, Formats};
use crate::error::{Errors, Problems};
use crate::ir::{Api, TypeId, TypeKind, TypeRef};
use crate::lower::CLIENT_METHODS;
use crate::naming;

/// Applies `config` to `api`, reporting every key at fault.
pub(crate) fn apply(api: &mut Api, config: &Config) -> Result<(), Errors> {
    let mut problems = Problems::default();
    // Keys name types as generated, so every type is found before any is renamed.
    let ids = |section: &str, names: &mut dyn Iterator<Item = &String>, problems: &mut Problems| {
        let mut found = BTreeMap::new();
        for name in names {
            match api.type_id(name) {
                Some(id) => {
                    found.insert(name.clone(), id);
                }
                None => problems.push(config.error_at(
                    &["types", section, name],
                    format!("no generated type is named `{name}`"),
                )),
            }
        }
        found
    };
    let replace = ids("replace", &mut config.types.replace.keys(), &mut problems);
    let rename = ids("rename", &mut config.types.rename.keys(), &mut problems);
    let derive_for = ids(
        "derive-for",
        &mut config.types.derive_for.keys(),
        &mut problems,
    );

    for (name, id) in &replace {
        let path = &config.types.replace[name];
        match rust_type(path) {
            Ok(()) => replace_type(api, *id, path),
            Err(why) => problems.push(config.error_at(&["types", "replace", name], why)),
        }
    }
    for (key, field) in &config.fields {
        if let Err(why) = override_field(api, key, field, &config.formats) {
            problems.push(config.error_at(&["fields", key], why));
        }
    }
    rename_types(api, config, &rename, &mut problems);
    derives::add(api, config, &derive_for, &mut problems);
    rename_operations(api, config, &mut problems);
    problems.finish(())
}

/// Whether `path` is a Rust type (`my_crate::Pet`, `chrono::DateTime<chrono::Utc>`).
fn rust_type(path: &str) -> Result<(), String> {
    syn::parse_str::<syn::Type>(path)
        .map(drop)
        .map_err(|e| format!("`{path}` is not a Rust type: {e}"))
}

/// The type `id` becomes an alias of the user's type at `path`: every reference to it, and
/// the name in `types`, then mean the user's type.
fn replace_type(api: &mut Api, id: TypeId, path: &str) {
    if let Some(def) = api.types.get_mut(id.0) {
        def.kind = TypeKind::Alias(TypeRef::External(path.to_owned()));
        def.docs = Some(format!(
            "`{}` in the API description, replaced by the configuration with `{path}`.",
            def.name
        ));
    }
}

/// `[fields."…"]`: the field a key names (`#/…/properties/name` or `Type.name`) gets the
/// override's format or type.
fn override_field(
    api: &mut Api,
    key: &str,
    with: &FieldOverride,
    formats: &Formats,
) -> Result<(), String> {
    let (owner, property) = if key.starts_with('#') {
        key.rsplit_once("/properties/")
            .ok_or("a JSON pointer here ends in `/properties/<name>`")?
    } else {
        key.split_once('.')
            .ok_or("name a field as `Type.property` or a JSON pointer")?
    };
    let property = crate::error::unescape_token(property);
    let def = api
        .types
        .iter_mut()
        .find(|def| {
            def.pointer == owner
                || def.name == owner
                || matches!(&def.origin, crate::ir::Origin::Component { key } if key == owner)
        })
        .ok_or_else(|| format!("no generated type comes from `{owner}`"))?;
    let TypeKind::Struct { fields, .. } = &mut def.kind else {
        return Err(format!("`{}` is not a struct with fields", def.name));
    };
    let field = fields
        .iter_mut()
        .find(|f| f.wire_name == property)
        .ok_or_else(|| format!("`{}` has no property `{property}`", def.name))?;
    match (&with.format, &with.rust_type) {
        (Some(_), Some(_)) => Err("give `format` or `type`, not both".to_owned()),
        (None, None) => Err("give `format` or `type`".to_owned()),
        (None, Some(path)) => {
            rust_type(path)?;
            field.ty = TypeRef::External(path.clone());
            Ok(())
        }
        (Some(format), None) => {
            field.ty = with_format(&field.ty, format, formats)?;
            Ok(())
        }
    }
}

/// `ty` (a string, or an array of strings) with `format`.
fn with_format(ty: &TypeRef, format: &str, formats: &Formats) -> Result<TypeRef, String> {
    match ty {
        TypeRef::Array(item) => Ok(TypeRef::Array(Box::new(with_format(
            item, format, formats,
        )?))),
        TypeRef::Nullable(item) => Ok(TypeRef::Nullable(Box::new(with_format(
            item, format, formats,
        )?))),
        TypeRef::String => crate::lower::string_format(formats, format)
            .ok_or_else(|| format!("`{format}` is not a format opengen knows")),
        _ => Err("a `format` override applies to a string field".to_owned()),
    }
}

fn rename_types(
    api: &mut Api,
    config: &Config,
    ids: &BTreeMap<String, TypeId>,
    problems: &mut Problems,
) {
    for (old, id) in ids {
        let new = &config.types.rename[old];
        let key = ["types", "rename", old.as_str()];
        let clash = api
            .types
            .iter()
            .enumerate()
            .any(|(at, def)| at != id.0 && &def.name == new);
        if naming::type_name(new, "") != *new || new.is_empty() {
            problems.push(config.error_at(
                &key,
                format!("`{new}` is not an UpperCamelCase Rust type name the crate can use"),
            ));
        } else if clash {
            problems.push(config.error_at(&key, format!("another type is named `{new}`")));
        } else if let Some(def) = api.types.get_mut(id.0) {
            def.name.clone_from(new);
        }
    }
}

fn rename_operations(api: &mut Api, config: &Config, problems: &mut Problems) {
    for (id, new) in &config.operations.rename {
        let key = ["operations", "rename", id.as_str()];
        let valid = syn::parse_str::<syn::Ident>(new).is_ok()
            && !naming::is_keyword(new)
            && naming::escape(new) == *new
            && heck::ToSnakeCase::to_snake_case(new.as_str()) == *new
            && !CLIENT_METHODS.contains(&new.as_str());
        if !valid {
            problems.push(config.error_at(
                &key,
                format!("`{new}` is not a snake_case method name the client can use"),
            ));
            continue;
        }
        let taken = |name: &str| {
            api.operations.iter().any(|op| {
                op.method_name == name
                    || op.events.as_ref().is_some_and(|e| e.method_name == name)
                    || op.alternatives.iter().any(|alt| alt.method_name == name)
            })
        };
        if taken(new) {
            problems.push(config.error_at(&key, format!("another method is named `{new}`")));
            continue;
        }
        // The streaming method follows the operation's new name, as lower names it.
        let stream_name = naming::stream_method(new);
        let streams = api
            .operations
            .iter()
            .any(|op| op.operation_id.as_ref() == Some(id) && op.events.is_some());
        if streams && taken(&stream_name) {
            problems.push(config.error_at(
                &key,
                format!("another method is named `{stream_name}`, its streaming method's name"),
            ));
            continue;
        }
        // The methods of the body's other forms follow too: `<new>_<form>`.
        let renamed_forms: Vec<String> = (api.operations.iter())
            .filter(|op| op.operation_id.as_ref() == Some(id))
            .flat_map(|op| {
                let old = format!("{}_", op.method_name);
                (op.alternatives.iter()).map(move |alt| {
                    let form = alt
                        .method_name
                        .strip_prefix(&old)
                        .unwrap_or(&alt.method_name);
                    format!("{new}_{form}")
                })
            })
            .collect();
        if let Some(clash) = renamed_forms.iter().find(|name| taken(name)) {
            problems.push(config.error_at(
                &key,
                format!("another method is named `{clash}`, the name of its body's other form"),
            ));
            continue;
        }
        // An operation left out by `include`/`exclude` or skipped with a warning has no method.
        if let Some(op) = api
            .operations
            .iter_mut()
            .find(|op| op.operation_id.as_ref() == Some(id))
        {
            op.method_name.clone_from(new);
            for (alt, name) in op.alternatives.iter_mut().zip(renamed_forms) {
                alt.method_name = name;
            }
            if let Some(events) = &mut op.events {
                events.method_name.clone_from(&stream_name);
            }
        }
    }
}
