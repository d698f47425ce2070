//! Exact numerals: Korean (Arabic digits, Sino-Korean words, the 만/억/조/경 myriad
//! system, native counting words) and English (digits, scale words, spelled numbers).
//!
//! Values accumulate in [`Decimal`] with checked arithmetic; a number too large for
//! it is an [`NumeralError::Overflow`], never a panic and never a rounded value.

use crate::charset::CharSet;
use rust_decimal::Decimal;
use smallvec::SmallVec;

/// Most tokens one numeral may span; longer runs are cut (no real number needs more).
const MAX_TOKENS: usize = 64;
/// Most spaces allowed between two parts of one numeral (`삼백  삼십  일`).
const MAX_SPACES: usize = 2;

/// A numeral read at the start of a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numeral {
    /// The exact value.
    pub value: Decimal,
    /// Bytes consumed from the start of the input.
    pub len: usize,
    /// Product of the multiplier words after the last written literal: `5조` → 10^12,
    /// `2천억` → 10^11, `20 billion` → 10^9; 1 when there is none. A range such as
    /// `3~5조` distributes this scale to its bare lower end.
    pub scale: Decimal,
    /// Whether any multiplier word (십/백/천/만/억/조/경, hundred, million, bn...) occurs.
    pub has_multiplier: bool,
    /// Largest power of ten of a Korean myriad word in it (만 = 4, 억 = 8, 조 = 12,
    /// 경 = 16); 0 when there is none.
    pub big_power: u32,
    /// Whether Arabic digits occur in it.
    pub has_digits: bool,
    /// Whether it is a native Korean counting word (두, 세, 스물다섯).
    pub native: bool,
    /// Whether it is spelled in words only (삼천억, five million), without digits.
    pub spelled: bool,
    /// Whether it holds 여 ("some more") before a myriad word: `2천100여만` is about
    /// 21 000 000.
    pub approximate: bool,
}

/// Why a numeral could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumeralError {
    /// The number does not fit the exact decimal type (about 7.9 × 10^28).
    #[error("number too large to represent exactly: {text:?}")]
    Overflow {
        /// The text of the numeral, as far as it was read.
        text: String,
    },
}

/// `Result` of the numeral readers.
pub type Result<T, E = NumeralError> = std::result::Result<T, E>;

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

pub(crate) fn pow10(p: u32) -> Decimal {
    // p is at most 16 + 12 here; 10^28 still fits.
    Decimal::from_i128_with_scale(10i128.pow(p.min(28)), 0)
}

fn overflow(s: &str, start: usize, end: usize) -> NumeralError {
    NumeralError::Overflow {
        text: s.get(start..end).unwrap_or(s).to_string(),
    }
}

fn sino_digit(c: char) -> Option<u32> {
    Some(match c {
        '영' | '공' | '빵' => 0,
        '일' => 1,
        '이' => 2,
        '삼' => 3,
        '사' => 4,
        '오' => 5,
        '육' | '륙' => 6,
        '칠' => 7,
        '팔' => 8,
        '구' => 9,
        _ => return None,
    })
}

fn small_power(c: char) -> Option<u32> {
    Some(match c {
        '십' => 1,
        '백' => 2,
        '천' => 3,
        _ => return None,
    })
}

fn big_power(c: char) -> Option<u32> {
    Some(match c {
        '만' => 4,
        '억' => 8,
        '조' => 12,
        '경' => 16,
        _ => return None,
    })
}

/// The power of ten of a Korean myriad word (만 4, 억 8, 조 12, 경 16).
pub(crate) fn myriad_power(c: char) -> Option<u32> {
    big_power(c)
}

fn is_numeral_char(c: char) -> bool {
    sino_digit(c).is_some() || small_power(c).is_some() || big_power(c).is_some() || c == '점'
}

/// Native Korean tens words (열, 스물...).
const NATIVE_TENS: &[(&str, u32)] = &[
    ("열", 10),
    ("스물", 20),
    ("스무", 20),
    ("서른", 30),
    ("마흔", 40),
    ("쉰", 50),
    ("예순", 60),
    ("일흔", 70),
    ("여든", 80),
    ("아흔", 90),
];

/// Native Korean unit words, in both their counting and their attributive forms.
const NATIVE_UNITS: &[(&str, u32)] = &[
    ("하나", 1),
    ("한", 1),
    ("둘", 2),
    ("두", 2),
    ("셋", 3),
    ("세", 3),
    ("석", 3),
    ("넷", 4),
    ("네", 4),
    ("넉", 4),
    ("다섯", 5),
    ("닷", 5),
    ("여섯", 6),
    ("엿", 6),
    ("일곱", 7),
    ("여덟", 8),
    ("아홉", 9),
];

/// The first characters of the native words, for a quick test before the tables
/// are searched.
static NATIVE_FIRST_CHARS: std::sync::LazyLock<CharSet> = std::sync::LazyLock::new(|| {
    NATIVE_TENS
        .iter()
        .chain(NATIVE_UNITS)
        .filter_map(|(word, _)| word.chars().next())
        .collect()
});

/// Whether a numeral read by [`korean_unsigned`] may start with `c`: a digit, a
/// Sino-Korean digit or power, or (with `allow_native`) the first syllable of a
/// native counting word. The scanner asks this at every word start, so it says no
/// at once to most of a sentence; it never says no where a numeral starts.
pub(crate) fn may_start_korean_numeral(c: char, allow_native: bool) -> bool {
    c.is_ascii_digit()
        || c == '.'
        || sino_digit(c).is_some()
        || small_power(c).is_some()
        || big_power(c).is_some()
        || allow_native && NATIVE_FIRST_CHARS.contains(c)
}

fn longest_prefix(s: &str, table: &[(&str, u32)]) -> Option<(usize, u32)> {
    table
        .iter()
        .filter(|(w, _)| s.starts_with(w))
        .map(|(w, v)| (w.len(), *v))
        .max_by_key(|(l, _)| *l)
}

/// Reads a run of Arabic digits at `i`: `1234`, `1,234,567` (groups of three),
/// `2.5`, `.25`, and digit groups split by spaces (`40 000`, `1 234 567`) when the
/// first group has at most three digits.
/// A dotted run such as `192.168.1.2` yields only its first part.
fn digit_run(s: &str, i: usize) -> Result<Option<(Decimal, usize)>> {
    let b = s.as_bytes();
    let digits_from = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut text = String::new();
    let mut j = i;
    let int_end = digits_from(j);
    if int_end > j {
        text.push_str(s.get(j..int_end).unwrap_or(""));
        j = int_end;
        let first_len = int_end - i;
        // comma groups
        if first_len <= 3 {
            let mut k = j;
            let mut grouped = String::new();
            while k + 4 <= b.len() && b[k] == b',' && digits_from(k + 1) == k + 4 {
                grouped.push_str(s.get(k + 1..k + 4).unwrap_or(""));
                k += 4;
            }
            if !grouped.is_empty() {
                text.push_str(&grouped);
                j = k;
            } else {
                // space groups
                let mut k = j;
                let mut groups = 0;
                let mut grouped = String::new();
                while let Some(c) = s.get(k..).unwrap_or("").chars().next() {
                    if !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}') {
                        break;
                    }
                    let g = k + c.len_utf8();
                    if digits_from(g) != g + 3 {
                        break;
                    }
                    grouped.push_str(s.get(g..g + 3).unwrap_or(""));
                    groups += 1;
                    k = g + 3;
                }
                if groups > 0 {
                    text.push_str(&grouped);
                    j = k;
                }
            }
        }
    }
    // decimal part
    if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        let frac_end = digits_from(j + 1);
        let dotted =
            frac_end + 1 < b.len() && b[frac_end] == b'.' && b[frac_end + 1].is_ascii_digit();
        if !dotted {
            if text.is_empty() {
                text.push('0');
            }
            text.push_str(s.get(j..frac_end).unwrap_or(""));
            j = frac_end;
        }
    }
    if text.is_empty() {
        return Ok(None);
    }
    match Decimal::from_str_exact(&text) {
        Ok(v) => Ok(Some((v, j))),
        Err(_) => Err(overflow(s, i, j)),
    }
}

#[derive(Debug, Clone, Copy)]
enum Tok {
    /// A written number: Arabic digits or one Sino-Korean digit.
    Lit {
        value: Decimal,
        arabic: bool,
        /// A Sino digit glued to a following Hangul syllable that is no numeral (이상).
        glued: bool,
    },
    /// 십/백/천; `glued` as for `Lit`.
    Small(u32, bool),
    Big(u32),
    /// 점 and the digits after it.
    Point(Decimal),
    Space,
    /// 여 between a number and its myriad word (100여만): approximate.
    Filler,
}

/// The tokens of one numeral attempt: the scanner makes one at most Hangul
/// word starts and nearly all are a token or two, so they live on the stack.
type Tokens = SmallVec<[(Tok, usize, usize); 8]>;

fn tokenize(s: &str, start: usize, allow_native: bool) -> Result<Tokens> {
    let mut toks = Tokens::new();
    let mut i = start;
    let mut has_digits = false;
    while toks.len() < MAX_TOKENS {
        let Some(c) = s.get(i..).unwrap_or("").chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        let after_sino_mult = !has_digits
            && matches!(
                toks.last(),
                Some((Tok::Small(..), _, _)) | Some((Tok::Big(_), _, _))
            );
        let native_unit = if allow_native && after_sino_mult {
            longest_prefix(s.get(i..).unwrap_or(""), NATIVE_UNITS)
        } else {
            None
        };
        if let Some((l, v)) = native_unit {
            toks.push((
                Tok::Lit {
                    value: Decimal::from(v),
                    arabic: false,
                    glued: false,
                },
                i,
                i + l,
            ));
            i += l;
        } else if c.is_ascii_digit() || (c == '.' && i == start) {
            match digit_run(s, i)? {
                Some((v, end)) => {
                    toks.push((
                        Tok::Lit {
                            value: v,
                            arabic: true,
                            glued: false,
                        },
                        i,
                        end,
                    ));
                    has_digits = true;
                    i = end;
                }
                None => break,
            }
        } else if let Some(d) = sino_digit(c) {
            let glued = s
                .get(next..)
                .unwrap_or("")
                .chars()
                .next()
                .is_some_and(|n| is_hangul_syllable(n) && !is_numeral_char(n));
            toks.push((
                Tok::Lit {
                    value: Decimal::from(d),
                    arabic: false,
                    glued,
                },
                i,
                next,
            ));
            i = next;
        } else if let Some(p) = small_power(c) {
            let glued = s
                .get(next..)
                .unwrap_or("")
                .chars()
                .next()
                .is_some_and(|n| is_hangul_syllable(n) && !is_numeral_char(n));
            toks.push((Tok::Small(p, glued), i, next));
            i = next;
        } else if let Some(p) = big_power(c) {
            toks.push((Tok::Big(p), i, next));
            i = next;
        } else if c == '점' {
            let sino_before = !has_digits
                && matches!(
                    toks.last(),
                    Some((Tok::Lit { arabic: false, .. }, _, _))
                        | Some((Tok::Small(..), _, _))
                        | Some((Tok::Big(_), _, _))
                );
            if !sino_before {
                break;
            }
            let mut k = next;
            let mut spaces = 0;
            while let Some(sc) = s.get(k..).unwrap_or("").chars().next() {
                if is_space(sc) && spaces < MAX_SPACES {
                    k += sc.len_utf8();
                    spaces += 1;
                } else {
                    break;
                }
            }
            let mut digits: Vec<(u32, usize)> = Vec::new();
            let mut e = k;
            while let Some(dc) = s.get(e..).unwrap_or("").chars().next() {
                match sino_digit(dc) {
                    Some(d) => {
                        e += dc.len_utf8();
                        digits.push((d, e));
                    }
                    None => break,
                }
            }
            // a final 이 glued to a syllable is the copula (오점 오이다), not a digit
            if let Some(&(2, end)) = digits.last() {
                if s.get(end..)
                    .unwrap_or("")
                    .chars()
                    .next()
                    .is_some_and(is_hangul_syllable)
                {
                    digits.pop();
                }
            }
            let Some(&(_, end)) = digits.last() else {
                break;
            };
            let mut text = String::from("0.");
            for (d, _) in &digits {
                text.push(char::from(b'0' + (*d as u8)));
            }
            let frac = Decimal::from_str_exact(&text).map_err(|_| overflow(s, start, end))?;
            toks.push((Tok::Point(frac), i, end));
            i = end;
        } else if c == '여'
            && matches!(
                toks.last(),
                Some((Tok::Lit { .. }, _, _)) | Some((Tok::Small(..), _, _))
            )
            && s.get(next..)
                .unwrap_or("")
                .chars()
                .next()
                .is_some_and(|n| big_power(n).is_some())
        {
            toks.push((Tok::Filler, i, next));
            i = next;
        } else if is_space(c) {
            let mut k = i;
            let mut n = 0;
            while let Some(sc) = s.get(k..).unwrap_or("").chars().next() {
                if is_space(sc) && n < MAX_SPACES + 1 {
                    k += sc.len_utf8();
                    n += 1;
                } else {
                    break;
                }
            }
            if n > MAX_SPACES || toks.is_empty() {
                break;
            }
            let follows = s
                .get(k..)
                .unwrap_or("")
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_digit() || is_numeral_char(n) && n != '점');
            if !follows {
                break;
            }
            toks.push((Tok::Space, i, k));
            i = k;
        } else {
            break;
        }
    }
    Ok(toks)
}

/// Incremental validator of a Korean numeral, token by token.
#[derive(Debug, Clone)]
struct State {
    total: Decimal,
    group: Decimal,
    pending: Option<(Decimal, bool)>,
    last_small: Option<u32>,
    last_big: Option<u32>,
    space: bool,
    first: bool,
    has_digits: bool,
    has_mult: bool,
    big_power: u32,
    scale: Decimal,
    approximate: bool,
}

enum Step {
    Ok,
    Invalid,
}

impl State {
    fn new() -> Self {
        State {
            total: Decimal::ZERO,
            group: Decimal::ZERO,
            pending: None,
            last_small: None,
            last_big: None,
            space: false,
            first: true,
            has_digits: false,
            has_mult: false,
            big_power: 0,
            scale: Decimal::ONE,
            approximate: false,
        }
    }

    fn step(&mut self, tok: Tok) -> Option<Step> {
        if matches!(tok, Tok::Filler) {
            self.approximate = true;
            return Some(Step::Ok);
        }
        let space = std::mem::replace(&mut self.space, false);
        let first = std::mem::replace(&mut self.first, false);
        match tok {
            Tok::Filler => {}
            Tok::Space => {
                self.space = true;
                self.first = first;
            }
            Tok::Lit {
                value,
                arabic,
                glued,
            } => {
                if self.pending.is_some() {
                    return Some(Step::Invalid);
                }
                if space {
                    if self.last_small.is_none() && self.last_big.is_none() {
                        return Some(Step::Invalid);
                    }
                    if !arabic && (self.has_digits || glued) {
                        return Some(Step::Invalid);
                    }
                }
                self.pending = Some((value, arabic));
                self.has_digits |= arabic;
                self.scale = Decimal::ONE;
            }
            Tok::Small(p, glued) => {
                // after a space only a fresh group may start with 천/백/십 (3억 천만),
                // and not a word (10만 천안)
                if space
                    && (self.pending.is_some()
                        || glued
                        || self.has_digits && self.last_small.is_some())
                {
                    return Some(Step::Invalid);
                }
                if self.last_small.is_some_and(|ls| p >= ls) {
                    return Some(Step::Invalid);
                }
                let m = pow10(p);
                let coef = self.pending.take().map_or(Decimal::ONE, |(v, _)| v);
                let term = coef.checked_mul(m)?;
                self.group = self.group.checked_add(term)?;
                self.last_small = Some(p);
                self.has_mult = true;
                // the term is coefficient × 10^p: its scale is 10^p
                self.scale = m;
            }
            Tok::Big(p) => {
                if space {
                    // 5 억, 2천 만
                    let lone_arabic = matches!(self.pending, Some((_, true)))
                        && self.group.is_zero()
                        && self.last_small.is_none();
                    let after_small = self.pending.is_none() && self.last_small.is_some();
                    if !(lone_arabic || after_small) {
                        return Some(Step::Invalid);
                    }
                }
                if self.last_big.is_some_and(|lb| p >= lb) {
                    return Some(Step::Invalid);
                }
                let had_pending = self.pending.is_some();
                let mut g = self.group;
                if let Some((v, _)) = self.pending.take() {
                    g = g.checked_add(v)?;
                }
                if !had_pending && self.last_small.is_none() {
                    // a lone 만 is 10 000 (만 원); 억/조/경 alone start words (조사, 경영)
                    if !first || p != 4 {
                        return Some(Step::Invalid);
                    }
                    g = Decimal::ONE;
                }
                let m = pow10(p);
                let amount = g.checked_mul(m)?;
                if let Some(lb) = self.last_big {
                    if amount >= pow10(lb) {
                        return Some(Step::Invalid);
                    }
                }
                self.total = self.total.checked_add(amount)?;
                self.group = Decimal::ZERO;
                self.last_small = None;
                self.last_big = Some(p);
                self.has_mult = true;
                self.big_power = self.big_power.max(p);
                self.scale = self.scale.checked_mul(m).unwrap_or(m);
            }
            Tok::Point(f) => {
                if space {
                    return Some(Step::Invalid);
                }
                let base = match self.pending {
                    Some((v, false)) => v,
                    Some((_, true)) => return Some(Step::Invalid),
                    None => Decimal::ZERO,
                };
                self.pending = Some((base.checked_add(f)?, false));
                self.scale = Decimal::ONE;
            }
        }
        Some(Step::Ok)
    }

    /// The value if the numeral may end here.
    fn value(&self) -> Option<Decimal> {
        if self.first || self.space {
            return None;
        }
        let mut g = self.group;
        if let Some((v, _)) = self.pending {
            if let Some(ls) = self.last_small {
                if v >= pow10(ls) {
                    return None;
                }
            }
            g = g.checked_add(v)?;
        }
        if let Some(lb) = self.last_big {
            if g >= pow10(lb) {
                return None;
            }
        }
        self.total.checked_add(g)
    }
}

/// Reads a Sino-Korean / digit numeral without sign. `Ok(None)` when there is none.
fn sino_numeral(s: &str, start: usize, allow_native: bool) -> Result<Option<Numeral>> {
    let toks = tokenize(s, start, allow_native)?;
    let mut st = State::new();
    let mut best: Option<Numeral> = None;
    for (k, &(tok, _, end)) in toks.iter().enumerate() {
        match st.step(tok) {
            None => return Err(overflow(s, start, end)),
            Some(Step::Invalid) => break,
            Some(Step::Ok) => {}
        }
        // may the numeral end after this token?
        let cut = match toks.get(k + 1) {
            _ if matches!(tok, Tok::Filler) => false,
            None => true,
            Some((Tok::Space, _, _)) | Some((Tok::Lit { .. }, _, _)) => true,
            Some(_) => false,
        };
        if !cut {
            continue;
        }
        if let Some(v) = st.value() {
            best = Some(Numeral {
                value: v.normalize(),
                len: end - start,
                scale: st.scale,
                has_multiplier: st.has_mult,
                big_power: st.big_power,
                has_digits: st.has_digits,
                native: false,
                spelled: !st.has_digits,
                approximate: st.approximate,
            });
        }
    }
    Ok(best)
}

/// Reads a native Korean numeral (스물다섯, 두, 열한) at the start of `s`.
fn native_numeral(s: &str) -> Option<Numeral> {
    let mut len = 0;
    let mut value = 0u32;
    if let Some((l, v)) = longest_prefix(s, NATIVE_TENS) {
        len += l;
        value += v;
    }
    if let Some((l, v)) = longest_prefix(s.get(len..)?, NATIVE_UNITS) {
        len += l;
        value += v;
    }
    (len > 0).then(|| Numeral {
        value: Decimal::from(value),
        len,
        scale: Decimal::ONE,
        has_multiplier: false,
        big_power: 0,
        has_digits: false,
        native: true,
        spelled: true,
        approximate: false,
    })
}

/// Reads the longest unsigned Korean numeral at the start of `s` (the form the
/// scanner uses; see [`korean_numeral`]).
pub(crate) fn korean_unsigned(s: &str, allow_native: bool) -> Result<Option<Numeral>> {
    // The scanner asks at every word start: rule out at once what no
    // Sino-Korean/digit numeral can start with (the first token of
    // `tokenize` is a digit run, a Sino digit or a power of ten).
    let sino_may_start = s
        .chars()
        .next()
        .is_some_and(|c| may_start_korean_numeral(c, false));
    let sino = if sino_may_start {
        sino_numeral(s, 0, allow_native)?
    } else {
        None
    };
    let native = if allow_native {
        native_numeral(s)
    } else {
        None
    };
    Ok(match (sino, native) {
        (Some(a), Some(b)) => Some(if b.len > a.len { b } else { a }),
        (a, b) => a.or(b),
    })
}

/// Longest Korean/Sino-Korean/digit numeral at the start of `s`:
/// "1,234,567", "2.5", "700조", "5000억", "90만", "1조2000억", "1조 2,000억",
/// "3억 5천만", "4억7천500만", "8조4천억", "24조 3000억", "삼천억", "이천칠백삼십오만",
/// "일점이삼", up to 경 (10^16); native counting words 한/두/세/네/다섯/.../열/스무/서른...
/// only when `allow_native` (they are only numbers before a counter).
/// A leading sign (`-`, `+`, `마이너스`, `음수`) is read too.
pub fn korean_numeral(s: &str, allow_native: bool) -> Result<Option<Numeral>> {
    const SIGNS: &[(&str, bool)] = &[
        ("마이너스", true),
        ("마이나스", true),
        ("음수", true),
        ("-", true),
        ("−", true),
        ("+", false),
    ];
    for (sign, negative) in SIGNS {
        if let Some(rest) = s.strip_prefix(sign) {
            let word = !sign.is_ascii() && *sign != "−";
            let skip = if word {
                rest.chars()
                    .take_while(|c| is_space(*c))
                    .take(1)
                    .map(char::len_utf8)
                    .sum()
            } else {
                0
            };
            let body = rest.get(skip..).unwrap_or("");
            if let Some(mut n) = korean_unsigned(body, allow_native)? {
                if *negative {
                    n.value = -n.value;
                }
                n.len += sign.len() + skip;
                return Ok(Some(n));
            }
            return Ok(None);
        }
    }
    korean_unsigned(s, allow_native)
}

// ---------------------------------------------------------------- English

/// English number words below twenty.
const EN_UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
/// English tens words, from twenty.
const EN_TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English scale words (spelled or abbreviated) and their power of ten.
fn en_scale(word: &str, attached: bool) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    let p = match lower.as_str() {
        "hundred" => 2,
        "thousand" => 3,
        "lakh" | "lakhs" => 5,
        "million" => 6,
        "crore" | "crores" => 7,
        "billion" => 9,
        "trillion" => 12,
        "mn" | "mln" => 6,
        "bn" | "bln" => 9,
        "tn" | "trn" => 12,
        _ if attached => match word {
            "k" | "K" => 3,
            "m" | "M" => 6,
            "b" | "B" => 9,
            "T" => 12,
            _ => return None,
        },
        _ => return None,
    };
    Some(p)
}

fn en_word_value(w: &str) -> Option<(u32, bool)> {
    let lower = w.to_ascii_lowercase();
    if let Some(i) = EN_UNITS.iter().position(|u| *u == lower) {
        return Some((i as u32, false));
    }
    EN_TENS
        .iter()
        .position(|t| *t == lower)
        .map(|i| ((i as u32 + 2) * 10, true))
}

/// The ASCII letter run at `i` and its end.
fn letters_at(s: &str, i: usize) -> (&str, usize) {
    let end = s
        .get(i..)
        .unwrap_or("")
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(s.len(), |k| i + k);
    (s.get(i..end).unwrap_or(""), end)
}

fn word_boundary_at(s: &str, i: usize) -> bool {
    s.get(i..)
        .unwrap_or("")
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Reads digits followed by an optional scale word: "1,234.5", "500 billion", "1.2bn".
fn english_digits(s: &str) -> Result<Option<Numeral>> {
    let Some((mut value, mut end)) = digit_run(s, 0)? else {
        return Ok(None);
    };
    let mut scale = Decimal::ONE;
    let mut has_mult = false;
    // attached abbreviation or word: 1.2bn, 3.5B, 10m, 5billion
    let (word, wend) = letters_at(s, end);
    let mut taken = false;
    if !word.is_empty() && word_boundary_at(s, wend) {
        if let Some(p) = en_scale(word, true) {
            scale = pow10(p);
            end = wend;
            taken = true;
        }
    }
    if !taken {
        // spaced scale word: 500 billion, 2.5 trillion
        let sp: usize = s
            .get(end..)
            .unwrap_or("")
            .chars()
            .take_while(|c| *c == ' ')
            .map(char::len_utf8)
            .sum();
        if sp > 0 && sp <= MAX_SPACES {
            let (word, wend) = letters_at(s, end + sp);
            if !word.is_empty() && word_boundary_at(s, wend) {
                if let Some(p) = en_scale(word, false) {
                    scale = pow10(p);
                    end = wend;
                    taken = true;
                }
            }
        }
    }
    if taken {
        has_mult = true;
        value = value
            .checked_mul(scale)
            .ok_or_else(|| overflow(s, 0, end))?;
    }
    Ok(Some(Numeral {
        value: value.normalize(),
        len: end,
        scale,
        has_multiplier: has_mult,
        big_power: 0,
        has_digits: true,
        native: false,
        spelled: false,
        approximate: false,
    }))
}

/// Reads spelled English numbers: "twenty", "five million",
/// "one hundred and twenty-five thousand", "a million", "half a million".
fn english_words(s: &str) -> Result<Option<Numeral>> {
    let mut total = Decimal::ZERO;
    let mut current = Decimal::ZERO;
    let mut current_set = false;
    let mut last_scale: Option<u32> = None;
    let mut last_kind = 0u8; // 0 none, 1 unit, 2 tens, 3 hundred, 4 scale
    let mut i = 0;
    let mut best: Option<(Decimal, usize, Decimal)> = None;
    let mut tail_scale = Decimal::ONE;
    let mut first = true;
    loop {
        let (word, wend) = letters_at(s, i);
        if word.is_empty() {
            break;
        }
        let lower = word.to_ascii_lowercase();
        if first && (lower == "a" || lower == "half") {
            // "a million", "half a million", "half million"
            let mut j = wend;
            let mut half = lower == "half";
            let skip_space = |j: usize| {
                j + s
                    .get(j..)
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| *c == ' ')
                    .count()
            };
            j = skip_space(j);
            let (w2, w2end) = letters_at(s, j);
            let mut target = (w2, w2end);
            if half && w2.eq_ignore_ascii_case("a") {
                let k = skip_space(w2end);
                target = letters_at(s, k);
            } else if lower == "a" && w2.eq_ignore_ascii_case("half") {
                half = true;
                let k = skip_space(w2end);
                target = letters_at(s, k);
            }
            match en_scale(target.0, false) {
                Some(p) if j > wend => {
                    let m = pow10(p);
                    current = if half {
                        Decimal::new(5, 1)
                    } else {
                        Decimal::ONE
                    };
                    current_set = true;
                    if p == 2 {
                        current = current
                            .checked_mul(m)
                            .ok_or_else(|| overflow(s, 0, target.1))?;
                        last_kind = 3;
                        tail_scale = m;
                    } else {
                        total = current
                            .checked_mul(m)
                            .ok_or_else(|| overflow(s, 0, target.1))?;
                        current = Decimal::ZERO;
                        current_set = false;
                        last_scale = Some(p);
                        last_kind = 4;
                        tail_scale = m;
                    }
                    i = target.1;
                    first = false;
                    best = Some((total + current, i, tail_scale));
                    // continue after the scale word
                    let k = skip_space(i);
                    let (nw, _) = letters_at(s, k);
                    if nw.is_empty() || half {
                        break;
                    }
                    i = k;
                    continue;
                }
                _ => return Ok(None),
            }
        }
        first = false;
        if let Some((v, tens)) = en_word_value(word) {
            match last_kind {
                1 | 2 if !(last_kind == 2 && !tens && v < 10) => break,
                _ => {}
            }
            current += Decimal::from(v);
            current_set = true;
            last_kind = if tens { 2 } else { 1 };
            tail_scale = Decimal::ONE;
        } else if let Some(p) = en_scale(word, false) {
            if last_kind == 0 || last_kind == 4 && p == 2 {
                break;
            }
            let m = pow10(p);
            if p == 2 {
                if last_kind == 3 || current >= Decimal::from(100) {
                    break;
                }
                current = current.checked_mul(m).ok_or_else(|| overflow(s, 0, wend))?;
                last_kind = 3;
                tail_scale = m;
            } else {
                if last_scale.is_some_and(|ls| p >= ls) {
                    break;
                }
                let c = if current_set { current } else { Decimal::ONE };
                total = total
                    .checked_add(c.checked_mul(m).ok_or_else(|| overflow(s, 0, wend))?)
                    .ok_or_else(|| overflow(s, 0, wend))?;
                current = Decimal::ZERO;
                current_set = false;
                last_scale = Some(p);
                last_kind = 4;
                tail_scale = if tail_scale == Decimal::ONE {
                    m
                } else {
                    tail_scale * m
                };
            }
        } else {
            break;
        }
        i = wend;
        best = Some((
            total
                .checked_add(current)
                .ok_or_else(|| overflow(s, 0, wend))?,
            i,
            tail_scale,
        ));
        // separator: space, hyphen (forty-five), or " and "
        let rest = s.get(i..).unwrap_or("");
        let mut j = i;
        if rest.starts_with('-') && last_kind == 2 {
            j += 1;
        } else {
            let sp = rest.chars().take_while(|c| *c == ' ').count();
            if sp == 0 || sp > MAX_SPACES {
                break;
            }
            j += sp;
            let (w, wend2) = letters_at(s, j);
            if w.eq_ignore_ascii_case("and") {
                let sp2 = s
                    .get(wend2..)
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| *c == ' ')
                    .count();
                if sp2 == 0 {
                    break;
                }
                j = wend2 + sp2;
            }
        }
        let (w, _) = letters_at(s, j);
        if w.is_empty() || (en_word_value(w).is_none() && en_scale(w, false).is_none()) {
            break;
        }
        i = j;
    }
    Ok(best.map(|(value, len, scale)| Numeral {
        value: value.normalize(),
        len,
        scale,
        has_multiplier: last_scale.is_some() || scale > Decimal::ONE,
        big_power: 0,
        has_digits: false,
        native: false,
        spelled: true,
        approximate: false,
    }))
}

/// English: "1,234.5", "3.5", "500 billion", "1.2bn", "3.5B", "10m", "five million",
/// "twenty", "one hundred and twenty-five thousand".
pub fn english_numeral(s: &str) -> Result<Option<Numeral>> {
    let Some(c) = s.chars().next() else {
        return Ok(None);
    };
    if c.is_ascii_digit() || c == '.' {
        english_digits(s)
    } else if c.is_ascii_alphabetic() {
        english_words(s)
    } else {
        Ok(None)
    }
}

/// A spelled English scale word (million, billion...) at the start of `s`, after at
/// most one space: its length in bytes (space included) and its value.
pub(crate) fn english_scale_word(s: &str) -> Option<(usize, Decimal)> {
    let sp = usize::from(s.starts_with(' '));
    let (word, end) = letters_at(s, sp);
    if word.is_empty() || !word_boundary_at(s, end) {
        return None;
    }
    match en_scale(word, false)? {
        2 => None,
        p => Some((end, pow10(p))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        <Decimal as std::str::FromStr>::from_str(s).unwrap()
    }

    fn ko(s: &str) -> (Decimal, usize) {
        let n = korean_numeral(s, false).unwrap().unwrap();
        (n.value, n.len)
    }

    fn ko_native(s: &str) -> (Decimal, usize) {
        let n = korean_numeral(s, true).unwrap().unwrap();
        (n.value, n.len)
    }

    fn en(s: &str) -> (Decimal, usize) {
        let n = english_numeral(s).unwrap().unwrap();
        (n.value, n.len)
    }

    #[test]
    fn korean_digit_forms() {
        assert_eq!(ko("1,234,567"), (d("1234567"), 9));
        assert_eq!(ko("2.5"), (d("2.5"), 3));
        assert_eq!(ko("700조"), (d("700000000000000"), "700조".len()));
        assert_eq!(ko("5000억"), (d("500000000000"), "5000억".len()));
        assert_eq!(ko("90만"), (d("900000"), "90만".len()));
        assert_eq!(ko("1조2000억"), (d("1200000000000"), "1조2000억".len()));
        assert_eq!(ko("1조 2,000억"), (d("1200000000000"), "1조 2,000억".len()));
        assert_eq!(ko("3억 5천만"), (d("350000000"), "3억 5천만".len()));
        assert_eq!(ko("4억7천500만"), (d("475000000"), "4억7천500만".len()));
        assert_eq!(ko("8조4천억"), (d("8400000000000"), "8조4천억".len()));
        assert_eq!(
            ko("24조 3000억"),
            (d("24300000000000"), "24조 3000억".len())
        );
        assert_eq!(ko("2.5조"), (d("2500000000000"), "2.5조".len()));
        assert_eq!(ko("1.2억"), (d("120000000"), "1.2억".len()));
        assert_eq!(ko("7천 5백만"), (d("75000000"), "7천 5백만".len()));
        assert_eq!(ko("1천 1백 70만"), (d("11700000"), "1천 1백 70만".len()));
        assert_eq!(ko("천 4백만"), (d("14000000"), "천 4백만".len()));
        assert_eq!(ko("1만 2천 345"), (d("12345"), "1만 2천 345".len()));
        assert_eq!(ko("50만 9375"), (d("509375"), "50만 9375".len()));
        assert_eq!(ko("5 억"), (d("500000000"), "5 억".len()));
        assert_eq!(ko("2천 만"), (d("20000000"), "2천 만".len()));
        assert_eq!(ko("322백"), (d("32200"), "322백".len()));
        assert_eq!(ko("3백21"), (d("321"), "3백21".len()));
        assert_eq!(ko("1경"), (d("10000000000000000"), "1경".len()));
        assert_eq!(ko("만"), (d("10000"), "만".len()));
        assert_eq!(
            ko("23억2천100여만"),
            (d("2321000000"), "23억2천100여만".len())
        );
        assert!(
            korean_numeral("23억2천100여만", false)
                .unwrap()
                .unwrap()
                .approximate
        );
        assert!(korean_numeral("조사", false).unwrap().is_none());
        assert!(korean_numeral("경영", false).unwrap().is_none());
    }

    #[test]
    fn korean_spelled_forms() {
        assert_eq!(ko("삼천억"), (d("300000000000"), "삼천억".len()));
        assert_eq!(
            ko("이천칠백삼십오만"),
            (d("27350000"), "이천칠백삼십오만".len())
        );
        assert_eq!(ko("일점이삼"), (d("1.23"), "일점이삼".len()));
        assert_eq!(
            ko("사천백이십삼점삼"),
            (d("4123.3"), "사천백이십삼점삼".len())
        );
        assert_eq!(ko("이백점 영삼"), (d("200.03"), "이백점 영삼".len()));
        assert_eq!(ko("삼백  삼십  일"), (d("331"), "삼백  삼십  일".len()));
        assert_eq!(
            ko("이십일조 삼백"),
            (d("21000000000300"), "이십일조 삼백".len())
        );
        assert_eq!(
            ko("만이천삼백사십오"),
            (d("12345"), "만이천삼백사십오".len())
        );
        assert_eq!(
            ko("칠천십이억삼천구백팔십만천백이십삼"),
            (
                d("701239801123"),
                "칠천십이억삼천구백팔십만천백이십삼".len()
            )
        );
        assert_eq!(ko("천삼"), (d("1003"), "천삼".len()));
    }

    #[test]
    fn korean_stops_where_it_should() {
        // two numbers, not one
        assert_eq!(ko("423 0000"), (d("423"), 3));
        assert_eq!(ko("4000 3백21"), (d("4000"), 4));
        assert_eq!(ko("1, 234"), (d("1"), 1));
        assert_eq!(ko("2천 3천"), (d("2000"), "2천".len()));
        assert_eq!(ko("3억 2억"), (d("300000000"), "3억".len()));
        // words after the number
        assert_eq!(ko("10만 이상"), (d("100000"), "10만".len()));
        assert_eq!(ko("3억 이하"), (d("300000000"), "3억".len()));
        assert_eq!(ko("1조 일부"), (d("1000000000000"), "1조".len()));
        assert_eq!(ko("3점"), (d("3"), 1));
        assert_eq!(ko("192.168.1.2"), (d("192"), 3));
        assert_eq!(ko("192."), (d("192"), 3));
        assert_eq!(ko("오점 오이다"), (d("5.5"), "오점 오".len()));
        assert!(korean_numeral("원", false).unwrap().is_none());
        assert!(korean_numeral("", false).unwrap().is_none());
    }

    #[test]
    fn korean_native_only_when_allowed() {
        assert_eq!(ko_native("두 명"), (d("2"), "두".len()));
        assert_eq!(ko_native("스물여섯"), (d("26"), "스물여섯".len()));
        assert_eq!(ko_native("일흔일곱"), (d("77"), "일흔일곱".len()));
        assert_eq!(ko_native("열한"), (d("11"), "열한".len()));
        assert_eq!(ko_native("십하나"), (d("11"), "십하나".len()));
        assert_eq!(ko("40 000"), (d("40000"), 6));
        assert!(korean_numeral("두 명", false).unwrap().is_none());
        assert_eq!(ko("일흔"), (d("1"), "일".len()));
    }

    #[test]
    fn korean_signs() {
        assert_eq!(ko("마이너스일만"), (d("-10000"), "마이너스일만".len()));
        assert_eq!(ko("-1"), (d("-1"), 2));
        assert_eq!(ko("마이너스 3"), (d("-3"), "마이너스 3".len()));
        assert_eq!(ko("+1"), (d("1"), 2));
    }

    #[test]
    fn korean_overflow_is_an_error() {
        let e = korean_numeral("999999999999999999999경원", false).unwrap_err();
        assert!(matches!(e, NumeralError::Overflow { ref text } if text.contains("999")));
        assert!(korean_numeral("99999999999999999999999999999999", false).is_err());
    }

    #[test]
    fn korean_metadata() {
        let n = korean_numeral("5조", false).unwrap().unwrap();
        assert_eq!(n.scale, d("1000000000000"));
        assert_eq!(n.big_power, 12);
        assert!(n.has_digits && n.has_multiplier);
        let n = korean_numeral("2천억", false).unwrap().unwrap();
        assert_eq!(n.scale, d("100000000000"));
        let n = korean_numeral("3", false).unwrap().unwrap();
        assert!(!n.has_multiplier);
    }

    #[test]
    fn english_forms() {
        assert_eq!(en("1,234.5"), (d("1234.5"), 7));
        assert_eq!(en("3.5"), (d("3.5"), 3));
        assert_eq!(en("500 billion"), (d("500000000000"), 11));
        assert_eq!(en("1.2bn"), (d("1200000000"), 5));
        assert_eq!(en("3.5B"), (d("3500000000"), 4));
        assert_eq!(en("10m"), (d("10000000"), 3));
        assert_eq!(en("five million"), (d("5000000"), 12));
        assert_eq!(en("twenty"), (d("20"), 6));
        assert_eq!(
            en("one hundred and twenty-five thousand"),
            (d("125000"), "one hundred and twenty-five thousand".len())
        );
        assert_eq!(en("forty five dollars"), (d("45"), 10));
        assert_eq!(en("a million people"), (d("1000000"), 9));
        assert_eq!(en("half a million"), (d("500000"), 14));
        assert_eq!(en("35 lakh"), (d("3500000"), 7));
        assert_eq!(en("Thirteen dollars"), (d("13"), 8));
        assert_eq!(en("10min"), (d("10"), 2));
        assert_eq!(en("one and"), (d("1"), 3));
    }

    #[test]
    fn english_rejects() {
        assert!(english_numeral("dollars").unwrap().is_none());
        assert!(english_numeral("a car").unwrap().is_none());
        assert!(english_numeral("").unwrap().is_none());
        assert!(english_numeral("999999999999999999999999 trillion").is_err());
    }
}
