//! Boxing the edges that make recursive types finite.
//!
//! A type that contains itself directly (or through `Option`) has no size; through `Vec` or a
//! map it is fine, because those allocate. So only "direct" edges count: the strongly connected
//! components of the graph of direct edges between named types are the cycles, and every direct
//! edge from a struct field or enum variant to a type in its own component gets a `Box`. Edges
//! that leave the component, and all `Vec` and map edges, stay unboxed.

use crate::ir::{TypeDef, TypeId, TypeKind, TypeRef};

/// Boxes every field or variant that closes a cycle of direct containment.
pub(crate) fn box_cycles(types: &mut [TypeDef]) {
    let count = types.len();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            let mut targets = Vec::new();
            for ty in in_place(&def.kind) {
                direct_targets(ty, &mut |TypeId(j)| {
                    if j < count {
                        targets.push(j);
                    }
                });
            }
            targets
        })
        .collect();
    let component = strongly_connected(&edges);
    // A cycle of aliases only (`A: {$ref: B}`, `B: {allOf: [$ref: A]}`) says nothing about the
    // value, and `type A = B; type B = A;` would not compile: such aliases stand for any value.
    let mut size = vec![0usize; types.len()];
    let mut all_aliases = vec![true; types.len()];
    for (i, def) in types.iter().enumerate() {
        size[component[i]] += 1;
        all_aliases[component[i]] &= matches!(def.kind, TypeKind::Alias(_));
    }
    let alias_only_cycle: Vec<bool> = (0..types.len())
        .map(|i| {
            let c = component[i];
            all_aliases[c] && (size[c] > 1 || edges[i].contains(&i))
        })
        .collect();
    for (def, alias_only) in types.iter_mut().zip(alias_only_cycle) {
        if alias_only {
            def.kind = TypeKind::Alias(TypeRef::Any);
        }
    }
    break_alias_cycles(types);
    let in_cycle = |from: usize, TypeId(j): TypeId| component.get(j) == Some(&component[from]);
    for (i, def) in types.iter_mut().enumerate() {
        for slot in def.kind.held_mut() {
            let mut cyclic = false;
            direct_targets(slot, &mut |id| cyclic |= in_cycle(i, id));
            if cyclic {
                box_direct(slot);
            }
        }
    }
}

/// An alias is expanded where it is used, so one that contains itself through a `Vec` or map
/// (`type C = BTreeMap<String, C>`, or via other aliases) is an infinite type that rustc refuses
/// (E0391). Inside such a cycle of aliases, the references to its members stand for any value.
fn break_alias_cycles(types: &mut [TypeDef]) {
    let is_alias: Vec<bool> = types
        .iter()
        .map(|def| matches!(def.kind, TypeKind::Alias(_)))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            let mut targets = Vec::new();
            if let TypeKind::Alias(ty) = &def.kind {
                for_each_named(ty, &mut |TypeId(j)| {
                    if is_alias.get(j) == Some(&true) {
                        targets.push(j);
                    }
                });
            }
            targets
        })
        .collect();
    let component = strongly_connected(&edges);
    for i in 0..types.len() {
        let cyclic = edges[i].iter().any(|&j| component[j] == component[i]);
        if let (true, TypeKind::Alias(ty)) = (cyclic, &mut types[i].kind) {
            replace_named(ty, &mut |TypeId(j)| {
                is_alias.get(j) == Some(&true) && component[j] == component[i]
            });
        }
    }
}

/// Calls `found` with every named type in `ty`, at any depth.
fn for_each_named(ty: &TypeRef, found: &mut impl FnMut(TypeId)) {
    match ty {
        TypeRef::Named(id) => found(*id),
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => for_each_named(inner, found),
        TypeRef::Tuple(items) => items.iter().for_each(|item| for_each_named(item, found)),
        _ => {}
    }
}

/// Replaces the named types `hit` selects by any value.
fn replace_named(ty: &mut TypeRef, hit: &mut impl FnMut(TypeId) -> bool) {
    match ty {
        TypeRef::Named(id) if hit(*id) => *ty = TypeRef::Any,
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => replace_named(inner, hit),
        TypeRef::Tuple(items) => items.iter_mut().for_each(|item| replace_named(item, hit)),
        _ => {}
    }
}

/// The references a type holds where a value of it may hold the referenced value in place:
/// all but the values of the map of other properties, which allocates.
fn in_place(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct { fields, .. } => fields.iter().map(|f| &f.ty).collect(),
        other => other.refs(),
    }
}

/// Calls `found` with each named type `ty` holds in place (not behind a `Vec`, map or `Box`).
fn direct_targets(ty: &TypeRef, found: &mut impl FnMut(TypeId)) {
    match ty {
        TypeRef::Named(id) => found(*id),
        TypeRef::Nullable(inner) => direct_targets(inner, found),
        // A tuple holds its places in place too.
        TypeRef::Tuple(items) => items.iter().for_each(|item| direct_targets(item, found)),
        _ => {}
    }
}

fn box_direct(ty: &mut TypeRef) {
    match ty {
        TypeRef::Named(_) => {
            let named = std::mem::replace(ty, TypeRef::Any);
            *ty = TypeRef::Boxed(Box::new(named));
        }
        TypeRef::Nullable(inner) => box_direct(inner),
        TypeRef::Tuple(items) => items.iter_mut().for_each(box_direct),
        _ => {}
    }
}

/// Tarjan's algorithm, without recursion so deep graphs cannot overflow the stack: the
/// component number of every node. Nodes share a number exactly when they are on a common
/// cycle; a node with a self edge is in a cycle with itself.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, position of the next edge to follow)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[node] == usize::MAX {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components_group_cycles_only() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
    }
}
