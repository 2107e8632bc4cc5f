//! The allocator of the `opengen` command and of the repository's `xtask` (feature
//! `mimalloc`, on by default). The library itself never installs an allocator: a binary does,
//! with `#[global_allocator] static ALLOCATOR: MiMalloc = MiMalloc;`, and calls
//! [`keep_freed_memory`] first thing in `main`.

pub use mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its place in the `mi_option_t` enumeration of
/// `mimalloc.h` (v2, the version `libmimalloc-sys` builds here), which the `-sys` crate does not
/// name. A test checks that the option found there has the purge delay's default (10 ms).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps the memory the process frees for its own later allocations instead of handing it
/// back to the operating system.
///
/// mimalloc returns a page that stays free for 10 ms to the kernel (`MADV_DONTNEED`). A
/// generation frees the parsed document and each stage's scratch before the next stage
/// allocates as much again, so the kernel found fresh pages and zeroed them a second time: on
/// stripe.yaml 2,000–3,500 page faults where reading the document alone takes ~400, and up to a
/// sixth of the process's CPU time in the kernel's `clear_page` (`perf record`). A generation is
/// a short process; what it frees it needs again within milliseconds, and it all goes back to
/// the system when it exits. The peak resident set does not grow: freed memory is reused, not
/// held beside new memory.
///
/// Only the binaries call this (a process that installed mimalloc as its global allocator).
/// Called from a process that allocates with something else, it changes an option of an
/// allocator nobody uses.
#[allow(unsafe_code)]
pub fn keep_freed_memory() {
    // SAFETY: `mi_option_set` only stores a value in mimalloc's option table (an atomic
    // store in mimalloc's own static data); it takes no pointer, and mimalloc documents that
    // options may be set at any time. -1 means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    #[test]
    #[allow(unsafe_code)]
    fn the_option_set_is_the_purge_delay() {
        // SAFETY: `mi_option_get` reads mimalloc's option table; it takes no pointer.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        // Neighbours in the enumeration: eager_commit_delay (1), use_numa_nodes (0).
        assert_eq!(default, 10, "mimalloc's purge delay defaults to 10 ms");
    }
}
