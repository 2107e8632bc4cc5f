//! A list operation as pagination reads it: its items, its optional query parameters and the
//! fields of its success body, looked up by name and type.

use crate::ir::{
    Api, Content, Field, Method, Operation, PageKind, Pagination, ParamLocation, ResponseField,
    Success, TypeKind, TypeRef,
};

/// The usual names of a page's array of items, in order of preference.
const ITEM_FIELDS: &[&str] = &["data", "items", "results", "entries", "records", "values"];

/// The operation as a list: its success body's type, when it is a GET without a required
/// request body whose success is one JSON body.
pub(super) struct List<'a> {
    api: &'a Api,
    op: &'a Operation,
    /// The body's fields, when it is a struct.
    fields: &'a [Field],
    /// The items: the body's array field (`None`: the body is the array) and the item type.
    items: Option<(Option<&'a Field>, &'a TypeRef)>,
}

impl<'a> List<'a> {
    pub(super) fn of(api: &'a Api, op: &'a Operation, items_field: Option<&str>) -> Option<Self> {
        // Stripe documents an empty, optional form body on its GETs: the pages send none.
        if op.http_method != Method::Get || op.body.as_ref().is_some_and(|b| b.required) {
            return None;
        }
        let Success::One(Content::Json(body)) = &op.success else {
            return None;
        };
        let body = resolve(api, body);
        let fields = struct_fields(api, body);
        let items = match (body, items_field) {
            (TypeRef::Array(item), None) => Some((None, &**item)),
            (_, Some(name)) => fields
                .iter()
                .find(|f| f.wire_name == name)
                .and_then(|f| Some((Some(f), array_item(api, &f.ty)?))),
            (_, None) => ITEM_FIELDS
                .iter()
                .find_map(|name| fields.iter().find(|f| f.wire_name == *name))
                .filter(|f| array_item(api, &f.ty).is_some())
                .or_else(|| {
                    let mut arrays = fields.iter().filter(|f| array_item(api, &f.ty).is_some());
                    arrays.next().filter(|_| arrays.next().is_none())
                })
                .and_then(|f| Some((Some(f), array_item(api, &f.ty)?))),
        };
        Some(Self {
            api,
            op,
            fields,
            items,
        })
    }

    /// The first optional query parameter (in the params struct) named in `names`, in their
    /// order, whose type `fits`.
    pub(super) fn param(&self, names: &[&str], fits: fn(&TypeRef) -> bool) -> Option<usize> {
        names.iter().find_map(|name| {
            self.op.params.iter().position(|p| {
                p.location == ParamLocation::Query
                    && !p.required
                    && p.in_struct
                    && p.wire_name == *name
                    && fits(resolve(self.api, &p.ty))
            })
        })
    }

    /// The body's first field named in `names`, in their order, whose type `fits`.
    pub(super) fn field(
        &self,
        names: &[&str],
        fits: fn(&TypeRef) -> bool,
    ) -> Option<ResponseField> {
        field_in(self.api, self.fields, names, fits)
    }

    /// The item's `id` string field, when items are structs with one.
    pub(super) fn item_id(&self) -> Option<ResponseField> {
        let (_, item) = self.items?;
        field_in(
            self.api,
            struct_fields(self.api, resolve(self.api, item)),
            &["id"],
            is_string,
        )
    }

    pub(super) fn pagination(
        &self,
        kind: PageKind,
        param: usize,
        reason: String,
    ) -> Option<Pagination> {
        let (field, item) = self.items?;
        Some(Pagination {
            kind,
            param,
            items: field.map(response_field),
            item_type: item.clone(),
            reason,
        })
    }
}

fn field_in(
    api: &Api,
    fields: &[Field],
    names: &[&str],
    fits: fn(&TypeRef) -> bool,
) -> Option<ResponseField> {
    names.iter().find_map(|name| {
        fields
            .iter()
            .find(|f| f.wire_name == *name && fits(resolve(api, &f.ty)))
            .map(response_field)
    })
}

fn response_field(field: &Field) -> ResponseField {
    ResponseField {
        name: field.name.clone(),
        wire_name: field.wire_name.clone(),
        optional: !field.required || field.nullable,
        double: !field.required && field.nullable,
    }
}

/// The type a reference stands for, through aliases and boxes.
fn resolve<'a>(api: &'a Api, ty: &'a TypeRef) -> &'a TypeRef {
    api.unaliased(ty)
}

fn struct_fields<'a>(api: &'a Api, ty: &TypeRef) -> &'a [Field] {
    match ty {
        TypeRef::Named(id) => match api.get(*id).map(|def| &def.kind) {
            Some(TypeKind::Struct { fields, .. }) => fields,
            _ => &[],
        },
        _ => &[],
    }
}

/// The item type of an array type.
fn array_item<'a>(api: &'a Api, ty: &'a TypeRef) -> Option<&'a TypeRef> {
    match resolve(api, ty) {
        TypeRef::Array(item) => Some(item),
        _ => None,
    }
}

pub(super) fn is_string(ty: &TypeRef) -> bool {
    *ty == TypeRef::String
}

pub(super) fn is_integer(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Integer(_))
}

pub(super) fn is_bool(ty: &TypeRef) -> bool {
    *ty == TypeRef::Bool
}
