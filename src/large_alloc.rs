//! Where large blocks live: mapped on their own, in huge pages where the system has them.
//!
//! The lazy DFAs' transition tables grow to tens of megabytes over a crawl (71 MB on the legal
//! crawl), each row written once when its state is built and then read at random. From the system
//! allocator, every 4 KB page of them cost a page fault when first written, and every doubling of a
//! table copied it whole into fresh pages. Here a block of [`LARGE`] bytes or more is a mapping of
//! its own, advised to use 2 MB pages (one fault for 512 small ones, and fewer misses of the
//! address cache when the tables are read), and grows in place or by moving its pages, without
//! copying its bytes.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks from this size on are mapped on their own.
pub const LARGE: usize = 2 << 20;

/// The size of a huge page: mappings are made of whole ones.
const HUGE: usize = 2 << 20;

/// The system allocator, with blocks of [`LARGE`] bytes or more mapped on their own.
pub struct LargeAlloc;

fn mapped_len(size: usize) -> usize {
    size.div_ceil(HUGE) * HUGE
}

/// Whether a block of this layout is (or would be) mapped on its own: large, and aligned no more
/// than a page is.
fn is_large(layout: &Layout) -> bool {
    layout.size() >= LARGE && layout.align() <= 4096
}

unsafe fn map(size: usize) -> *mut u8 {
    let len = mapped_len(size);
    // SAFETY: an anonymous private mapping of `len` bytes, owned by the block.
    unsafe {
        let p = libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            return std::ptr::null_mut();
        }
        libc::madvise(p, len, libc::MADV_HUGEPAGE);
        p.cast()
    }
}

unsafe impl GlobalAlloc for LargeAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_large(&layout) {
            // SAFETY: a new mapping.
            unsafe { map(layout.size()) }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if is_large(&layout) {
            // SAFETY: a new anonymous mapping, which reads as zeros.
            unsafe { map(layout.size()) }
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if is_large(&layout) {
            // SAFETY: the block was mapped by `map` with this length.
            unsafe { libc::munmap(ptr.cast(), mapped_len(layout.size())) };
        } else {
            // SAFETY: the caller's contract, passed on.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract: `layout` is the block's, `new_size` valid for its
        // alignment.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (is_large(&layout), is_large(&new_layout)) {
            (false, false) => unsafe { System.realloc(ptr, layout, new_size) },
            (true, true) => {
                let (old_len, new_len) = (mapped_len(layout.size()), mapped_len(new_size));
                if old_len == new_len {
                    return ptr;
                }
                // SAFETY: the block is a mapping of `old_len` bytes; its pages move, unchanged.
                unsafe {
                    let p = libc::mremap(ptr.cast(), old_len, new_len, libc::MREMAP_MAYMOVE);
                    if p == libc::MAP_FAILED {
                        return std::ptr::null_mut();
                    }
                    if new_len > old_len {
                        libc::madvise(p, new_len, libc::MADV_HUGEPAGE);
                    }
                    p.cast()
                }
            }
            // From one kind of block to the other: copied.
            _ => unsafe {
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_bytes_as_they_grow_and_shrink_across_the_threshold() {
        let a = LargeAlloc;
        // Small, then large, larger, the same number of huge pages, smaller, and small again.
        let sizes = [1000, LARGE + 1, 3 * LARGE + 5, 3 * LARGE + 9, LARGE, 100];
        let layout = Layout::from_size_align(sizes[0], 8).unwrap();
        // SAFETY: each block is used within its size, then freed with its layout.
        unsafe {
            let mut p = a.alloc(layout);
            assert!(!p.is_null());
            let fill = |p: *mut u8, from: usize, to: usize| {
                for i in from..to {
                    *p.add(i) = (i % 251) as u8;
                }
            };
            fill(p, 0, sizes[0]);
            let mut old = layout;
            for &size in &sizes[1..] {
                p = a.realloc(p, old, size);
                assert!(!p.is_null());
                let kept = old.size().min(size);
                assert!((0..kept).all(|i| *p.add(i) == (i % 251) as u8), "{} → {size} bytes", old.size());
                fill(p, kept, size);
                old = Layout::from_size_align(size, 8).unwrap();
            }
            a.dealloc(p, old);
            let zeroed = Layout::from_size_align(LARGE * 2, 64).unwrap();
            let z = a.alloc_zeroed(zeroed);
            assert!(!z.is_null() && (0..zeroed.size()).step_by(4096).all(|i| *z.add(i) == 0));
            a.dealloc(z, zeroed);
        }
    }
}
