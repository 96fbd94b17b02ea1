//! Mapping byte offsets of a rewritten text back to the text it was made from.
//!
//! Decoding (invalid bytes → U+FFFD, a byte-order mark dropped) and normalisation (NFD → NFC, old tone
//! placement, `Ð` → `Đ`, folded spaces) both rewrite the text. Records must point at the bytes of the
//! *original* input, so each stage keeps an [`OffsetMap`]: the list of regions it replaced. Between
//! those regions the two texts are byte-for-byte the same, so an offset there moves by a constant.
//! An input that needed no change has an empty map, and mapping costs nothing.

/// One replaced region: `dst[dst..dst + dst_len]` was made from `src[src..src + src_len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    dst: usize,
    dst_len: usize,
    src: usize,
    src_len: usize,
}

/// Offsets in a rewritten text (`dst`) → offsets in the text it came from (`src`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// The identity map: nothing was rewritten.
    pub fn identity() -> Self {
        Self::default()
    }

    pub fn is_identity(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Records that `dst[dst..dst+dst_len]` replaced `src[src..src+src_len]`. Pieces must be pushed in
    /// increasing order and must not overlap; equal lengths still count (a swapped pair of letters).
    pub fn push(&mut self, dst: usize, dst_len: usize, src: usize, src_len: usize) {
        // Adjacent pieces are kept apart: a span may start or end between them.
        if let Some(last) = self.pieces.last() {
            debug_assert!(dst >= last.dst + last.dst_len && src >= last.src + last.src_len);
        }
        self.pieces.push(Piece { dst, dst_len, src, src_len });
    }

    /// The pieces that begin inside `a..b` as `(dst, dst_len, src, src_len)`: a replacement that
    /// begins at `a`, and anything after it that ends by `b` (a deletion at `b` belongs to what
    /// follows). A stage that copies `a..b` of this map's text elsewhere carries these along.
    pub fn pieces_in(&self, a: usize, b: usize) -> impl Iterator<Item = (usize, usize, usize, usize)> + '_ {
        let first = self.pieces.partition_point(|pc| pc.dst < a);
        self.pieces[first..]
            .iter()
            .take_while(move |pc| pc.dst < b)
            .filter(move |pc| (pc.dst > a || pc.dst_len > 0) && pc.dst + pc.dst_len <= b)
            .map(|pc| (pc.dst, pc.dst_len, pc.src, pc.src_len))
    }

    /// Maps an offset at which something *starts*. An offset inside a replaced region goes to the
    /// region's start.
    pub fn start(&self, p: usize) -> usize {
        self.map(p, false)
    }

    /// Maps an offset at which something *ends* (exclusive). An offset inside a replaced region goes to
    /// the region's end, so that a span never cuts a source character in two.
    pub fn end(&self, p: usize) -> usize {
        self.map(p, true)
    }

    fn map(&self, p: usize, is_end: bool) -> usize {
        // The last piece that starts at or before p.
        let i = self.pieces.partition_point(|pc| pc.dst <= p);
        if i == 0 {
            return p;
        }
        let mut pc = self.pieces[i - 1];
        if is_end && p == pc.dst {
            // Several pieces begin here (a tag left out, then a character reference): what ends
            // here ends before the first of them.
            pc = self.pieces[self.pieces[..i].partition_point(|pc| pc.dst < p)];
        }
        if p == pc.dst {
            // Something starting where text was deleted starts after the deleted bytes; something
            // ending there ends before them.
            return if !is_end && pc.dst_len == 0 { pc.src + pc.src_len } else { pc.src };
        }
        if p < pc.dst + pc.dst_len {
            return if is_end { pc.src + pc.src_len } else { pc.src };
        }
        p - (pc.dst + pc.dst_len) + (pc.src + pc.src_len)
    }
}

/// Two maps applied one after the other: `outer` maps the final text to an intermediate one and
/// `inner` maps that to the original.
#[derive(Debug, Clone, Copy)]
pub struct ChainMap<'a> {
    pub outer: &'a OffsetMap,
    pub inner: &'a OffsetMap,
}

impl ChainMap<'_> {
    pub fn start(&self, p: usize) -> usize {
        self.inner.start(self.outer.start(p))
    }
    pub fn end(&self, p: usize) -> usize {
        self.inner.end(self.outer.end(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let m = OffsetMap::identity();
        assert_eq!(m.start(0), 0);
        assert_eq!(m.end(17), 17);
    }

    #[test]
    fn offsets_after_a_shrinking_piece_move_back() {
        // "a\u{a0}b" (4 bytes) became "a b" (3 bytes): the 2-byte NBSP at 1 became a 1-byte space.
        let mut m = OffsetMap::identity();
        m.push(1, 1, 1, 2);
        assert_eq!(m.start(0), 0);
        assert_eq!(m.start(1), 1);
        assert_eq!(m.end(2), 3);
        assert_eq!(m.start(2), 3);
    }

    #[test]
    fn an_offset_inside_a_piece_goes_to_its_edges() {
        // 3 bytes of NFC made from 5 bytes of NFD at 10.
        let mut m = OffsetMap::identity();
        m.push(10, 3, 10, 5);
        assert_eq!(m.start(11), 10);
        assert_eq!(m.end(11), 15);
        assert_eq!(m.end(13), 15);
        assert_eq!(m.start(20), 22);
    }

    #[test]
    fn adjacent_pieces_keep_the_boundary_between_them() {
        let mut m = OffsetMap::identity();
        m.push(0, 2, 0, 3);
        m.push(2, 2, 3, 3);
        assert_eq!(m.end(2), 3);
        assert_eq!(m.start(2), 3);
        assert_eq!(m.end(4), 6);
    }

    #[test]
    fn a_deletion_maps_starts_after_it_and_ends_before_it() {
        let mut m = OffsetMap::identity();
        m.push(4, 0, 4, 3); // a zero-width space removed at 4
        assert_eq!(m.start(4), 7);
        assert_eq!(m.end(4), 4);
        assert_eq!(m.start(5), 8);
    }

    #[test]
    fn an_end_before_several_pieces_at_one_place_ends_before_the_first() {
        // `TTg</p>&amp;`: the tag (4 bytes at 3) left out, then `&amp;` (5 bytes at 7) read as `&`.
        let mut m = OffsetMap::identity();
        m.push(3, 0, 3, 4);
        m.push(3, 1, 7, 5);
        assert_eq!(m.end(3), 3, "TTg ends before the tag");
        assert_eq!(m.start(3), 7, "& starts at its reference");
        assert_eq!(m.end(4), 12);
    }

    #[test]
    fn chained_maps_compose() {
        let mut inner = OffsetMap::identity();
        inner.push(0, 0, 0, 3); // a dropped byte-order mark
        let mut outer = OffsetMap::identity();
        outer.push(5, 1, 5, 2);
        let c = ChainMap { outer: &outer, inner: &inner };
        assert_eq!(c.start(0), 3);
        assert_eq!(c.start(6), 10);
    }
}
