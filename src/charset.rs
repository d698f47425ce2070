//! A set of characters with a constant-time test, for the pre-checks the
//! amounts and entities stages make at every character or word of a text.

/// A set of characters: one bit per code point of the Basic Multilingual
/// Plane (8 KiB), a sorted list above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CharSet {
    bmp: Vec<u64>,
    astral: Vec<char>,
}

impl CharSet {
    /// Whether `c` is in the set.
    pub(crate) fn contains(&self, c: char) -> bool {
        let code = c as usize;
        match self.bmp.get(code / 64) {
            Some(bits) => bits >> (code % 64) & 1 == 1,
            None => self.astral.binary_search(&c).is_ok(),
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> Self {
        let mut set = CharSet {
            bmp: vec![0; 0x10000 / 64],
            astral: Vec::new(),
        };
        for c in chars {
            let code = c as usize;
            match set.bmp.get_mut(code / 64) {
                Some(bits) => *bits |= 1 << (code % 64),
                None => set.astral.push(c),
            }
        }
        set.astral.sort_unstable();
        set.astral.dedup();
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_in_and_above_the_basic_plane() {
        let set: CharSet = ['a', '가', '\u{FFFF}', '𝟎', '𝟎'].into_iter().collect();
        for c in ['a', '가', '\u{FFFF}', '𝟎'] {
            assert!(set.contains(c), "{c}");
        }
        for c in ['b', '\0', '각', '𝟏', '\u{10FFFF}'] {
            assert!(!set.contains(c), "{c}");
        }
        let empty: CharSet = std::iter::empty().collect();
        assert!(!empty.contains('a'));
    }
}
