//! The files of multipart bodies: a part that is `format: binary` bytes is a file, which the
//! caller gives as the runtime's `Upload` (bytes with a file name and media type), so that a
//! server that reads a file's format from its name or type gets them.

use rustc_hash::FxHashSet;

use crate::ir::{Api, BodyPayload, TypeDef, TypeId, TypeKind, TypeRef};

/// How deep aliases and alternatives are followed to the struct whose fields are the parts
/// (`depth.rs` refuses types nested deeper than this anyway).
const MAX_DEPTH: usize = 32;

/// Makes every `format: binary` part of a multipart body a [`TypeRef::File`]: a body that is
/// bytes itself (or a list of them), and the fields of the object a body is (through aliases
/// and the alternatives of a `oneOf`), alone, optional or as a list. A field of such an object
/// that is itself an object travels as JSON, and keeps its bytes.
pub(super) fn file_parts(api: &mut Api) {
    let mut objects = FxHashSet::default();
    for body in api.operations.iter_mut().flat_map(|op| op.bodies_mut()) {
        let BodyPayload::Multipart { ty, part_name, .. } = &mut body.payload else {
            continue;
        };
        if part_name.is_some() {
            if let Some(file) = as_file(&api.types, ty, false, 0) {
                *ty = file;
            }
        } else {
            objects_of(&api.types, ty, 0, &mut objects);
        }
    }
    let mut objects: Vec<TypeId> = objects.into_iter().collect();
    objects.sort_unstable_by_key(|id| id.0);
    for id in objects {
        let Some(def) = api.types.get(id.0) else {
            continue;
        };
        let TypeKind::Struct { fields, additional } = &def.kind else {
            continue;
        };
        let files: Vec<Option<TypeRef>> = fields
            .iter()
            .map(|field| as_file(&api.types, &field.ty, false, 0))
            .collect();
        let other = additional
            .as_ref()
            .and_then(|a| as_file(&api.types, &a.value, false, 0));
        if let Some(TypeKind::Struct { fields, additional }) =
            api.types.get_mut(id.0).map(|def| &mut def.kind)
        {
            for (field, file) in fields.iter_mut().zip(files) {
                if let Some(file) = file {
                    field.ty = file;
                }
            }
            if let (Some(additional), Some(file)) = (additional, other) {
                additional.value = file;
            }
        }
    }
}

/// The structs whose fields are the parts of a body of type `ty`.
fn objects_of(types: &[TypeDef], ty: &TypeRef, depth: usize, objects: &mut FxHashSet<TypeId>) {
    if depth > MAX_DEPTH {
        return;
    }
    match ty {
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => {
            objects_of(types, inner, depth + 1, objects);
        }
        TypeRef::Named(id) => match types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Struct { .. }) => {
                objects.insert(*id);
            }
            Some(TypeKind::Alias(target)) => objects_of(types, target, depth + 1, objects),
            Some(TypeKind::OneOf { variants, .. }) => {
                for variant in variants {
                    objects_of(types, &variant.ty, depth + 1, objects);
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// `ty` with its bytes made a file, if it is bytes, optional bytes or a list of them (through
/// aliases); `None` for anything else, which a part carries as text or JSON (a list inside a
/// list is one JSON part).
fn as_file(types: &[TypeDef], ty: &TypeRef, in_list: bool, depth: usize) -> Option<TypeRef> {
    if depth > MAX_DEPTH {
        return None;
    }
    let wrap = |inner: &TypeRef, in_list, make: fn(Box<TypeRef>) -> TypeRef| {
        as_file(types, inner, in_list, depth + 1).map(|file| make(Box::new(file)))
    };
    match ty {
        TypeRef::Binary => Some(TypeRef::File),
        TypeRef::Nullable(inner) => wrap(inner, in_list, TypeRef::Nullable),
        TypeRef::Boxed(inner) => wrap(inner, in_list, TypeRef::Boxed),
        TypeRef::Array(item) if !in_list => wrap(item, true, TypeRef::Array),
        TypeRef::Named(id) => match types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => as_file(types, target, in_list, depth + 1),
            _ => None,
        },
        _ => None,
    }
}
