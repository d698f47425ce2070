//! Recognition of money, quantities and percents in one sentence.
//!
//! The scanner walks the sentence once, left to right. At each place where a number
//! may start (a digit, a Sino-Korean or native numeral at a word start, a spelled
//! English number, a currency sign or code) it reads the longest numeral and then
//! looks around it for the unit, the currency, a second range end, the minor unit
//! (`200달러 25센트`), bound and approximation markers, and the subject. All word
//! lists come from the [`AmountLexicon`].

use super::lexicon::{
    AmountLexicon, Currency, Marker, MarkerKind, Position, Script, Unit, UnitKind, is_inline_space,
    match_surface, match_surface_before, surface_key,
};
use super::numeral::{
    Numeral, NumeralError, english_numeral, english_scale_word, korean_unsigned,
    may_start_korean_numeral, myriad_power, pow10,
};
use crate::charset::CharSet;
use foldhash::HashMap;
use rust_decimal::Decimal;

/// Most spaces allowed between a number and its unit or a marker.
const MAX_GAP: usize = 2;

/// The language of the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Korean.
    Ko,
    /// English.
    En,
}

/// What an amount measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountKind {
    /// A sum of money (with a currency).
    Money,
    /// A counted quantity or a measure (with a unit).
    Quantity,
    /// A percent or percentage point.
    Percent,
}

/// One amount found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountMatch {
    /// Byte offset of the start of the span in the sentence.
    pub start: usize,
    /// Byte offset of the end of the span (exclusive).
    pub end: usize,
    /// Money, quantity or percent.
    pub kind: AmountKind,
    /// The exact value; for a range the lower bound (or the max if only a max).
    pub value: Decimal,
    /// ISO 4217 code of the currency (money only).
    pub currency: Option<String>,
    /// Whether the currency was inferred (a bare `700조` in Korean news is KRW).
    pub currency_inferred: bool,
    /// Quantities: the English unit (`person`, `wafer`); percents: `percent` or
    /// `percentage_point`; money: `None`.
    pub unit: Option<String>,
    /// Whether the text marks the amount as approximate (약, 가량, about...).
    pub approximate: bool,
    /// `(min, max)` for ranges and bounds; an open end is `None`.
    pub range: Option<(Option<Decimal>, Option<Decimal>)>,
    /// Byte span in the sentence of what the amount belongs to, when found.
    pub subject: Option<(usize, usize)>,
}

/// A unit or currency that may follow a number.
#[derive(Debug, Clone, Copy)]
enum After {
    Currency(usize),
    Unit(usize),
}

/// A numeral found in the sentence.
#[derive(Debug, Clone)]
struct Num {
    start: usize,
    end: usize,
    n: Numeral,
}

/// What follows a numeral: a unit/currency and where it ends.
#[derive(Debug, Clone, Copy)]
struct Tail {
    after: After,
    end: usize,
}

/// Result of an attempt at one position.
enum Attempt {
    Match(AmountMatch),
    /// No amount here; resume scanning at this offset.
    Skip(usize),
    None,
}

/// The amount recognizer: built once from a lexicon, then shared by threads.
#[derive(Debug)]
pub struct AmountScanner {
    lex: AmountLexicon,
    /// Currencies that may precede a number, by lower-cased first character.
    prefix: HashMap<char, Vec<usize>>,
    /// Units and currencies that may follow a number, by lower-cased first character.
    suffix: HashMap<char, Vec<After>>,
    /// The keys of `prefix`, for the test the scan makes at every character.
    prefix_first_chars: CharSet,
    /// The first characters of the 수- (few) markers.
    few_first_chars: CharSet,
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Skips at most `max` inline spaces from `i`.
fn skip_spaces(s: &str, i: usize, max: usize) -> usize {
    let mut j = i;
    let mut n = 0;
    while n < max {
        match char_at(s, j) {
            Some(c) if is_inline_space(c) => {
                j += c.len_utf8();
                n += 1;
            }
            _ => break,
        }
    }
    j
}

/// Skips inline spaces backwards from `i`.
fn skip_spaces_back(s: &str, i: usize, max: usize) -> usize {
    let mut j = i;
    let mut n = 0;
    while n < max {
        match char_before(s, j) {
            Some(c) if is_inline_space(c) => {
                j -= c.len_utf8();
                n += 1;
            }
            _ => break,
        }
    }
    j
}

/// Whether a numeral's text ends in a letter glued to a digit (`10m`, `3B`).
fn ends_in_glued_letter(numeral: &str) -> bool {
    let mut back = numeral.chars().rev();
    matches!(
        (back.next(), back.next()),
        (Some(l), Some(d)) if l.is_ascii_alphabetic() && d.is_ascii_digit()
    )
}

fn surface_script_end_ok(s: &str, end: usize, surface: &str) -> bool {
    // a surface ending in a Latin letter or digit must end a word
    match surface.chars().next_back() {
        Some(l) if l.is_ascii_alphanumeric() => {
            char_at(s, end).is_none_or(|c| !c.is_ascii_alphanumeric())
        }
        _ => true,
    }
}

impl AmountScanner {
    /// Builds the scanner (indexes the lexicon once).
    pub fn new(lexicon: AmountLexicon) -> Self {
        let mut prefix: HashMap<char, Vec<usize>> = HashMap::default();
        let mut suffix: HashMap<char, Vec<After>> = HashMap::default();
        for (i, c) in lexicon.currencies.iter().enumerate() {
            let Some(first) = c.surface.chars().next() else {
                continue;
            };
            if matches!(c.position, Position::Before | Position::Both) {
                prefix.entry(surface_key(first)).or_default().push(i);
            }
            if matches!(c.position, Position::After | Position::Both) {
                suffix
                    .entry(surface_key(first))
                    .or_default()
                    .push(After::Currency(i));
            }
        }
        for (i, u) in lexicon.units.iter().enumerate() {
            let Some(first) = u.surface.chars().next() else {
                continue;
            };
            suffix
                .entry(surface_key(first))
                .or_default()
                .push(After::Unit(i));
        }
        let prefix_first_chars = prefix.keys().copied().collect();
        let few_first_chars = lexicon
            .markers_of(MarkerKind::Few)
            .filter_map(|m| m.surface.chars().next())
            .collect();
        AmountScanner {
            lex: lexicon,
            prefix,
            suffix,
            prefix_first_chars,
            few_first_chars,
        }
    }

    /// The lexicon the scanner was built from.
    pub fn lexicon(&self) -> &AmountLexicon {
        &self.lex
    }

    /// All amounts in one sentence (NFC text), in order, non-overlapping.
    /// Problems (overflow...) are pushed to `warnings` as human-readable strings.
    pub fn scan(&self, sentence: &str, lang: Lang, warnings: &mut Vec<String>) -> Vec<AmountMatch> {
        let mut out = Vec::new();
        // where the scan goes on after an amount or a skipped number
        let mut resume = 0;
        let mut prev = None;
        for (i, c) in sentence.char_indices() {
            let before = prev.replace(c);
            if i < resume || !self.may_start_at(c, before) {
                continue;
            }
            match self.try_at(sentence, i, lang, warnings, false) {
                Attempt::Match(m) if m.end > i => {
                    resume = m.end;
                    out.push(m);
                }
                Attempt::Skip(j) if j > i => resume = j,
                _ => {}
            }
        }
        out
    }

    /// Whether an amount may start at the character `c` (after `prev`): the cheap
    /// test that lets the scan pass over most of a sentence. It mirrors the
    /// branches of [`Self::try_at`] and says no only where that finds nothing: no
    /// currency sign or code starts here, and `c` is no digit, no Hangul word start
    /// that can begin a numeral or 수-, and no Latin word start.
    fn may_start_at(&self, c: char, prev: Option<char>) -> bool {
        if c.is_ascii_digit() || self.prefix_first_chars.contains(surface_key(c)) {
            return true;
        }
        if is_hangul(c) {
            return !prev.is_some_and(is_hangul)
                && (may_start_korean_numeral(c, true) || self.few_first_chars.contains(c));
        }
        c.is_ascii_alphabetic() && !prev.is_some_and(is_word_char)
    }

    fn currency(&self, i: usize) -> Option<&Currency> {
        self.lex.currencies.get(i)
    }

    fn unit(&self, i: usize) -> Option<&Unit> {
        self.lex.units.get(i)
    }

    /// The longest currency that may stand before a number at `i`.
    fn prefix_currency(&self, s: &str, i: usize) -> Option<(usize, usize)> {
        let c = char_at(s, i)?;
        let list = self.prefix.get(&surface_key(c))?;
        let prev = char_before(s, i);
        let mut best: Option<(usize, usize)> = None;
        for &ci in list {
            let Some(cur) = self.currency(ci) else {
                continue;
            };
            if cur.surface.starts_with(|c: char| c.is_ascii_alphabetic())
                && prev.is_some_and(is_word_char)
            {
                continue;
            }
            let Some(end) = match_surface(s, i, &cur.surface) else {
                continue;
            };
            // a code must not run on into a word (USDA); digits may follow (USD115)
            if cur.surface.ends_with(|c: char| c.is_ascii_alphabetic())
                && char_at(s, end).is_some_and(|c| c.is_alphabetic())
            {
                continue;
            }
            if best.is_none_or(|(_, e)| end > e) {
                best = Some((ci, end));
            }
        }
        best
    }

    /// Whether a Korean word may end at `at`: no Hangul follows, or a particle or
    /// marker does.
    fn korean_word_end_ok(&self, s: &str, at: usize) -> bool {
        match char_at(s, at) {
            Some(c) if is_hangul(c) => self.lex.markers_starting_at(s, at).any(|(_, m)| {
                matches!(
                    m.kind,
                    MarkerKind::Particle
                        | MarkerKind::Suffix
                        | MarkerKind::Approx
                        | MarkerKind::Min
                        | MarkerKind::Max
                        | MarkerKind::Magnitude
                ) && matches!(m.position, Position::After | Position::Infix)
                    && match_surface(s, at, &m.surface).is_some()
            }),
            _ => true,
        }
    }

    /// The markers of `kind` whose surface matches at `at`, in lexicon order,
    /// each with the offset where it ends.
    fn markers_matching_at<'a>(
        &'a self,
        s: &'a str,
        at: usize,
        kind: MarkerKind,
    ) -> impl Iterator<Item = (&'a Marker, usize)> + 'a {
        self.lex
            .markers_starting_at(s, at)
            .filter(move |(_, m)| m.kind == kind)
            .filter_map(move |(_, m)| Some((m, match_surface(s, at, &m.surface)?)))
    }

    /// The longest marker of `kinds` starting at `at` (after at most `gap` spaces).
    fn marker_at(
        &self,
        s: &str,
        at: usize,
        kinds: &[MarkerKind],
        gap: usize,
    ) -> Option<(usize, usize)> {
        let j = skip_spaces(s, at, gap);
        let mut best: Option<(usize, usize)> = None;
        for (mi, m) in self.lex.markers_starting_at(s, j) {
            if !kinds.contains(&m.kind) || m.position == Position::Before {
                continue;
            }
            let Some(end) = match_surface(s, j, &m.surface) else {
                continue;
            };
            if !surface_script_end_ok(s, end, &m.surface) {
                continue;
            }
            if best.is_none_or(|(_, e)| end > e) {
                best = Some((mi, end));
            }
        }
        best
    }

    /// The longest before-marker of `kinds` ending just before `at` (after spaces),
    /// starting at a word boundary. Returns (marker index, start).
    fn marker_before(&self, s: &str, at: usize, kinds: &[MarkerKind]) -> Option<(usize, usize)> {
        let j = skip_spaces_back(s, at, MAX_GAP);
        let mut best: Option<(usize, usize)> = None;
        for (mi, m) in self.lex.markers_ending_at(s, j) {
            if !kinds.contains(&m.kind) || !matches!(m.position, Position::Before | Position::Any) {
                continue;
            }
            let Some(start) = match_surface_before(s, j, &m.surface) else {
                continue;
            };
            if char_before(s, start).is_some_and(is_word_char) {
                continue;
            }
            if best.is_none_or(|(_, st)| start < st) {
                best = Some((mi, start));
            }
        }
        best
    }

    /// Reads the longest numeral at `at` (Korean or English reader). Without
    /// `letter_scale`, a letter glued to the digits is never an English scale
    /// abbreviation: in Korean text `100m` is a hundred metres, not `$100m`.
    fn number_at(
        &self,
        s: &str,
        at: usize,
        allow_native: bool,
        letter_scale: bool,
    ) -> Result<Option<Num>, NumeralError> {
        let rest = s.get(at..).unwrap_or("");
        let ko = korean_unsigned(rest, allow_native)?;
        let en = match rest.chars().next() {
            Some(c) if c.is_ascii_alphanumeric() || c == '.' => english_numeral(rest)?,
            _ => None,
        };
        let en =
            en.filter(|n| letter_scale || !ends_in_glued_letter(rest.get(..n.len).unwrap_or("")));
        let best = match (ko, en) {
            (Some(a), Some(b)) => Some(if b.len > a.len { b } else { a }),
            (a, b) => a.or(b),
        };
        Ok(best.map(|n| Num {
            start: at,
            end: at + n.len,
            n,
        }))
    }

    /// Whether a Korean counter ending at `end` counts: not a score (`1대 0`) nor a
    /// rank (`5대 그룹`: a rank counter glued to a number below 10 000 and followed by
    /// a noun).
    fn counter_ok(&self, s: &str, glued: bool, end: usize, counter: &str, num: &Numeral) -> bool {
        let next = skip_spaces(s, end, 1);
        if next > end && char_at(s, next).is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
        let rank = glued
            && num.big_power < 4
            && next > end
            && char_at(s, next).is_some_and(is_hangul)
            && self
                .lex
                .markers_of(MarkerKind::RankCounter)
                .any(|m| m.surface == counter);
        !rank
    }

    /// Whether number and glued counter form a word of their own (세대, 백일장) or an
    /// age group (30대).
    fn not_amount_word(
        &self,
        s: &str,
        num_start: usize,
        end: usize,
        counter: &str,
        num: &Numeral,
    ) -> bool {
        let word = self
            .markers_matching_at(s, num_start, MarkerKind::NotAmountWord)
            .any(|(_, e)| e >= end);
        let ten = Decimal::TEN;
        let age = num.value >= ten
            && num.value < Decimal::ONE_HUNDRED
            && (num.value % ten).is_zero()
            && self
                .lex
                .markers_of(MarkerKind::AgeCounter)
                .any(|m| m.surface == counter);
        word || age
    }

    /// Units and currencies that may follow a numeral (which starts at `num_start`
    /// and ends at `at`): the longest one that fits the text after it and the numeral.
    fn tail_from(&self, s: &str, num_start: usize, at: usize, num: &Numeral) -> Option<Tail> {
        let attached = at;
        // a date, duration, rank... glued to the number makes it no amount
        let not_amount_end = self
            .markers_matching_at(s, attached, MarkerKind::NotAmount)
            .map(|(_, e)| e)
            .max();
        let spaced = skip_spaces(s, at, MAX_GAP);
        // glued, after spaces, or after a hyphen in English compounds (a 12-cent dividend)
        let starts = [
            Some(at),
            (spaced > at).then_some(spaced),
            (char_at(s, at) == Some('-')).then_some(at + 1),
        ];
        let mut best: Option<Tail> = None;
        for j in starts.into_iter().flatten() {
            let Some(c) = char_at(s, j) else { continue };
            let Some(list) = self.suffix.get(&surface_key(c)) else {
                continue;
            };
            for &after in list {
                let (surface, script) = match after {
                    After::Currency(ci) => match self.currency(ci) {
                        Some(cur) => (cur.surface.as_str(), cur.script),
                        None => continue,
                    },
                    After::Unit(ui) => match self.unit(ui) {
                        Some(u) => {
                            if num.native && !u.native {
                                continue;
                            }
                            if u.min.is_some_and(|m| num.value < m) {
                                continue;
                            }
                            (u.surface.as_str(), u.script)
                        }
                        None => continue,
                    },
                };
                if num.native && matches!(after, After::Currency(_)) {
                    continue;
                }
                // the hyphen joins only Latin words
                if j != at && j != spaced && !surface.starts_with(|c: char| c.is_ascii_alphabetic())
                {
                    continue;
                }
                let Some(end) = match_surface(s, j, surface) else {
                    continue;
                };
                if !surface_script_end_ok(s, end, surface) {
                    continue;
                }
                // a sign glued to the next number is that number's ($10 in "1 $10")
                if !surface.ends_with(|c: char| c.is_alphanumeric())
                    && char_at(s, end).is_some_and(|c| c.is_ascii_digit())
                {
                    continue;
                }
                if script == Script::Ko && !self.korean_word_end_ok(s, end) {
                    continue;
                }
                // 1인당, 1달러당: the base of a rate
                if self
                    .markers_matching_at(s, end, MarkerKind::Per)
                    .next()
                    .is_some()
                {
                    continue;
                }
                // spelled Sino-Korean numbers count money and percents only (백일장, 구조대)
                if num.spelled && !num.native {
                    if let After::Unit(ui) = after {
                        if self.unit(ui).is_some_and(|u| u.kind == UnitKind::Quantity) {
                            continue;
                        }
                    }
                }
                if j == attached && not_amount_end.is_some_and(|ne| ne >= end) {
                    continue;
                }
                if j == attached && self.not_amount_word(s, num_start, end, surface, num) {
                    continue;
                }
                if let After::Unit(_) = after {
                    if script == Script::Ko && !self.counter_ok(s, j == attached, end, surface, num)
                    {
                        continue;
                    }
                    // 5000억대: an order of magnitude of money, not 5000억 units
                    if j == attached
                        && num.big_power >= 8
                        && self
                            .lex
                            .markers_of(MarkerKind::Magnitude)
                            .any(|m| m.surface == surface)
                    {
                        continue;
                    }
                }
                if best.is_none_or(|b| end > b.end) {
                    best = Some(Tail { after, end });
                }
            }
        }
        best
    }

    /// One attempt to read an amount starting at `i`.
    fn try_at(
        &self,
        s: &str,
        i: usize,
        lang: Lang,
        warnings: &mut Vec<String>,
        nested: bool,
    ) -> Attempt {
        let Some(c) = char_at(s, i) else {
            return Attempt::None;
        };
        let prev = char_before(s, i);
        // A. a currency before the number: $500 billion, US$1.2 billion, ₩150조
        if let Some((ci, cur_end)) = self.prefix_currency(s, i) {
            let j = skip_spaces(s, cur_end, MAX_GAP);
            if char_at(s, j).is_some_and(|d| d.is_ascii_digit()) {
                match self.number_at(s, j, false, true) {
                    Err(e) => return self.overflow(e, s, j, warnings),
                    Ok(Some(num)) => {
                        if let Some(m) =
                            self.build(s, i, num, Some(ci), false, lang, warnings, nested)
                        {
                            return Attempt::Match(m);
                        }
                    }
                    Ok(None) => {}
                }
            }
        }
        let mut few = false;
        let num_start;
        if c.is_ascii_digit() {
            // not inside a code, a dotted number or a phone number
            if let Some(p) = prev {
                if p.is_ascii_alphanumeric() {
                    return Attempt::None;
                }
                let pp = char_before(s, i - p.len_utf8());
                if matches!(p, '.' | ',' | '-' | '/' | ':')
                    && pp.is_some_and(|q| q.is_ascii_digit())
                {
                    return Attempt::None;
                }
            }
            if self.marker_before_glued(s, i, MarkerKind::SkipBefore) {
                return self.skip_number(s, i);
            }
            num_start = i;
        } else if is_hangul(c) {
            if prev.is_some_and(is_hangul) {
                return Attempt::None;
            }
            // 수-: 수조 원, 수십억 달러, 수백 명
            let few_len = self
                .markers_matching_at(s, i, MarkerKind::Few)
                .map(|(_, e)| e)
                .max();
            match few_len {
                Some(e)
                    if char_at(s, e)
                        .is_some_and(|m| matches!(m, '십' | '백' | '천' | '만' | '억' | '조')) =>
                {
                    few = true;
                    num_start = e;
                }
                _ => num_start = i,
            }
        } else if c.is_ascii_alphabetic() {
            if prev.is_some_and(is_word_char) {
                return Attempt::None;
            }
            num_start = i;
        } else {
            return Attempt::None;
        }
        let num = match self.number_at(s, num_start, true, lang == Lang::En) {
            Err(e) => return self.overflow(e, s, num_start, warnings),
            Ok(Some(n)) => n,
            Ok(None) => {
                match char_at(s, num_start).and_then(|c| Some((c.len_utf8(), myriad_power(c)?))) {
                    // 수조 원, 수억 원: the myriad word alone
                    Some((len, p)) if few => Num {
                        start: num_start,
                        end: num_start + len,
                        n: Numeral {
                            value: pow10(p),
                            len,
                            scale: pow10(p),
                            has_multiplier: true,
                            big_power: p,
                            has_digits: false,
                            native: false,
                            spelled: true,
                            approximate: false,
                        },
                    },
                    _ => return Attempt::None,
                }
            }
        };
        // a lone Sino-Korean syllable (이, 삼, 천) is a word, not a number; 만 may be one
        if !few
            && num.n.spelled
            && !num.n.native
            && s.get(num.start..num.end)
                .is_some_and(|t| t.chars().count() < 2 && t != "만")
        {
            return Attempt::None;
        }
        if few && (num.n.has_digits || num.n.spelled && !num.n.has_multiplier) {
            return Attempt::None;
        }
        let mut num = num;
        if few {
            // 수백 명: a power of ten, not a spelled number
            num.n.spelled = false;
        }
        let start = if few { i } else { num.start };
        let end = num.end;
        let lone_man = num.n.spelled && !num.n.native && num.end - num.start == '만'.len_utf8();
        match self.build(s, start, num, None, few, lang, warnings, nested) {
            // a lone 만 is a number only in money (만원); 만인, 만 명에 are words
            Some(m) if lone_man && m.kind != AmountKind::Money => Attempt::Skip(end),
            Some(m) => Attempt::Match(m),
            None => Attempt::Skip(end),
        }
    }

    /// Whether a before-marker of `kind` stands just before the number at `i`
    /// (제2, 제 19대), as a word of its own.
    fn marker_before_glued(&self, s: &str, i: usize, kind: MarkerKind) -> bool {
        let j = skip_spaces_back(s, i, 1);
        self.lex.markers_ending_at(s, j).any(|(_, m)| {
            m.kind == kind
                && match_surface_before(s, j, &m.surface)
                    .is_some_and(|st| !char_before(s, st).is_some_and(is_word_char))
        })
    }

    /// Skips the digits (and what is glued to them) at `i`.
    fn skip_number(&self, s: &str, i: usize) -> Attempt {
        let end = s
            .get(i..)
            .and_then(|t| t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')))
            .map_or(s.len(), |k| i + k);
        Attempt::Skip(end)
    }

    fn overflow(&self, e: NumeralError, s: &str, at: usize, warnings: &mut Vec<String>) -> Attempt {
        let NumeralError::Overflow { text } = &e;
        warnings.push(format!("amount skipped: {e}"));
        let skip = at + text.len();
        Attempt::Skip(if s.is_char_boundary(skip) {
            skip
        } else {
            s.len()
        })
    }

    /// Builds the amount around a numeral: unit or currency, minor unit, range,
    /// bounds, approximation and subject.
    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        s: &str,
        start: usize,
        num: Num,
        prefix: Option<usize>,
        few: bool,
        lang: Lang,
        warnings: &mut Vec<String>,
        nested: bool,
    ) -> Option<AmountMatch> {
        let mut approximate = few || num.n.approximate;
        // 300여 명, 2조여 원: 여 between number and unit
        let mut after_num = num.end;
        let infix = self
            .markers_matching_at(s, num.end, MarkerKind::Approx)
            .find(|(m, _)| m.position == Position::Infix)
            .map(|(m, e)| (e, m.approximate));
        let mut tail = None;
        if let Some((e, approx)) = infix {
            if let Some(t) = self.tail_from(s, num.start, e, &num.n) {
                tail = Some(t);
                approximate |= approx;
                after_num = e;
            } else if self.bare_power_ok(s, e, &num.n, lang) && prefix.is_none() {
                approximate |= approx;
                after_num = e;
            }
        }
        if tail.is_none() {
            tail = self.tail_from(s, num.start, after_num, &num.n);
        }
        let mut m = AmountMatch {
            start,
            end: num.end,
            kind: AmountKind::Money,
            value: num.n.value,
            currency: None,
            currency_inferred: false,
            unit: None,
            approximate,
            range: None,
            subject: None,
        };
        let mut minor_scale = Decimal::ONE;
        match (prefix, tail) {
            (Some(ci), t) => {
                let cur = self.currency(ci)?;
                m.currency = Some(cur.iso.clone());
                m.value = num.n.value.checked_mul(cur.scale)?;
                minor_scale = cur.scale;
                m.end = num.end;
                // "$ 10 dollars": a repeated currency word belongs to the span
                if let Some(Tail {
                    after: After::Currency(c2),
                    end,
                }) = t
                {
                    if self.currency(c2).is_some_and(|c| {
                        c.iso == cur.iso
                            && c.scale == cur.scale
                            && c.surface.ends_with(|l: char| l.is_alphabetic())
                    }) {
                        m.end = end;
                    }
                }
                if m.end == num.end {
                    // $10-20 billion, $10-$20
                    if let Some((min, max, end)) = self.numeric_range(s, &num, Some(ci)) {
                        m.value = min.checked_mul(cur.scale)?;
                        m.range = Some((Some(m.value), Some(max.checked_mul(cur.scale)?)));
                        m.end = end;
                    }
                }
            }
            (None, Some(t)) => {
                self.apply_tail(&mut m, t, num.n.value)?;
                if let After::Currency(ci) = t.after {
                    let cur = self.currency(ci)?;
                    minor_scale = cur.scale;
                    // 75 USD million
                    if cur.script == Script::En && !num.n.has_multiplier {
                        if let Some((len, scale)) = s.get(m.end..).and_then(english_scale_word) {
                            m.value = m.value.checked_mul(scale)?;
                            m.end += len;
                            minor_scale = Decimal::ZERO;
                        }
                    }
                }
            }
            (None, None) => {
                if let Some((min, max, t, inferred, end)) = self.numeric_range_tail(s, &num, lang) {
                    match t {
                        Some(t) => self.apply_tail(&mut m, t, Decimal::ONE)?,
                        None => {
                            m.kind = AmountKind::Money;
                            m.currency = Some("KRW".to_string());
                            m.currency_inferred = inferred;
                        }
                    }
                    let scale = match t {
                        Some(Tail {
                            after: After::Currency(ci),
                            ..
                        }) => self.currency(ci)?.scale,
                        _ => Decimal::ONE,
                    };
                    m.value = min.checked_mul(scale)?;
                    m.range = Some((Some(m.value), Some(max.checked_mul(scale)?)));
                    m.end = end;
                    minor_scale = Decimal::ZERO;
                } else if self.bare_power_ok(s, after_num, &num.n, lang) && !few {
                    m.kind = AmountKind::Money;
                    m.currency = Some("KRW".to_string());
                    m.currency_inferred = true;
                    m.end = num.end;
                } else {
                    return None;
                }
            }
        }
        // 200달러 25센트, thirteen dollars and forty-five cents
        if m.kind == AmountKind::Money && minor_scale == Decimal::ONE && m.range.is_none() {
            if let Some((add, end)) = self.minor_unit(s, m.end, m.currency.as_deref()) {
                if let Some(v) = m.value.checked_add(add) {
                    m.value = v;
                    m.end = end;
                }
            }
        }
        // A ~ B with both ends complete: 이만오천원 - 삼만원, between $1 billion and $2 billion
        if !nested && m.range.is_none() {
            self.full_range(s, &mut m, lang, warnings);
        }
        self.after_markers(s, &mut m);
        self.before_markers(s, &mut m);
        m.value = m.value.normalize();
        m.range = m
            .range
            .map(|(a, b)| (a.map(|v| v.normalize()), b.map(|v| v.normalize())));
        if !nested && m.kind == AmountKind::Money {
            m.subject = self.subject(s, &m, lang);
        }
        Some(m)
    }

    fn apply_tail(&self, m: &mut AmountMatch, t: Tail, value: Decimal) -> Option<()> {
        match t.after {
            After::Currency(ci) => {
                let cur = self.currency(ci)?;
                m.kind = AmountKind::Money;
                m.currency = Some(cur.iso.clone());
                m.value = value.checked_mul(cur.scale)?;
            }
            After::Unit(ui) => {
                let u = self.unit(ui)?;
                m.kind = match u.kind {
                    UnitKind::Quantity => AmountKind::Quantity,
                    UnitKind::Percent => AmountKind::Percent,
                };
                m.unit = Some(u.unit.clone());
                m.value = value;
            }
        }
        m.end = t.end;
        Some(())
    }

    /// A bare power number (700조, 5000억) in Korean: money in KRW, inferred.
    fn bare_power_ok(&self, s: &str, at: usize, n: &Numeral, lang: Lang) -> bool {
        let spaced = skip_spaces(s, at, 1);
        lang == Lang::Ko
            && n.big_power >= 8
            && n.has_digits
            && !n.native
            && match char_at(s, at) {
                None => true,
                Some(c) if is_hangul(c) => self.korean_word_end_ok(s, at),
                Some(c) => !c.is_alphanumeric(),
            }
            && self
                .markers_matching_at(s, at, MarkerKind::NotAmount)
                .next()
                .is_none()
            && !self
                .markers_matching_at(s, spaced, MarkerKind::NotAmount)
                .any(|(_, e)| self.korean_word_end_ok(s, e))
    }

    /// `3~5`, `10 - 20`, `$10-$20` followed by what completes the second end.
    /// Returns (min, max) before the currency scale and the end.
    fn numeric_range(
        &self,
        s: &str,
        n1: &Num,
        prefix: Option<usize>,
    ) -> Option<(Decimal, Decimal, usize)> {
        let (_, sep_end) = self.marker_at(s, n1.end, &[MarkerKind::RangeSep], MAX_GAP)?;
        let mut j = skip_spaces(s, sep_end, MAX_GAP);
        if let Some(ci) = prefix {
            if let Some((c2, e)) = self.prefix_currency(s, j) {
                if self.currency(c2)?.iso == self.currency(ci)?.iso {
                    j = skip_spaces(s, e, MAX_GAP);
                }
            }
        }
        if !char_at(s, j)?.is_ascii_digit() {
            return None;
        }
        let n2 = self.number_at(s, j, false, true).ok()??;
        let min = self.range_low(&n1.n, &n2.n)?;
        Some((min, n2.n.value, n2.end))
    }

    /// The lower end of `n1 ~ n2`: a bare `3` before `5조` takes its scale (3조).
    fn range_low(&self, n1: &Numeral, n2: &Numeral) -> Option<Decimal> {
        if n1.value > n2.value {
            return None;
        }
        if !n1.has_multiplier && n2.scale > Decimal::ONE {
            let scaled = n1.value.checked_mul(n2.scale)?;
            if scaled <= n2.value {
                return Some(scaled);
            }
        }
        Some(n1.value)
    }

    /// `3~5조 원`, `25000 - 30000원`, `1억~2억` (bare powers): the second end with its
    /// unit. Returns (min, max, tail, currency inferred, end).
    #[allow(clippy::type_complexity)]
    fn numeric_range_tail(
        &self,
        s: &str,
        n1: &Num,
        lang: Lang,
    ) -> Option<(Decimal, Decimal, Option<Tail>, bool, usize)> {
        let (_, sep_end) = self.marker_at(s, n1.end, &[MarkerKind::RangeSep], MAX_GAP)?;
        let j = skip_spaces(s, sep_end, MAX_GAP);
        let c = char_at(s, j)?;
        if !(c.is_ascii_digit() || is_hangul(c)) {
            return None;
        }
        let n2 = self.number_at(s, j, n1.n.native, lang == Lang::En).ok()??;
        if n2.n.native != n1.n.native {
            return None;
        }
        let min = self.range_low(&n1.n, &n2.n)?;
        if let Some(t) = self.tail_from(s, n2.start, n2.end, &n2.n) {
            return Some((min, n2.n.value, Some(t), false, t.end));
        }
        if self.bare_power_ok(s, n2.end, &n2.n, lang) {
            return Some((min, n2.n.value, None, true, n2.end));
        }
        None
    }

    /// A minor unit after a major one: ` 25센트`, ` and forty-five cents`.
    fn minor_unit(&self, s: &str, at: usize, iso: Option<&str>) -> Option<(Decimal, usize)> {
        let iso = iso?;
        let mut j = skip_spaces(s, at, MAX_GAP);
        if let Some((_, e)) = self.marker_at(s, j, &[MarkerKind::MinorJoin], 0) {
            j = skip_spaces(s, e, MAX_GAP);
        }
        let c = char_at(s, j)?;
        if !(c.is_ascii_alphanumeric()) || j == at && !c.is_ascii_digit() {
            return None;
        }
        let n = self.number_at(s, j, false, true).ok()??;
        let t = self.tail_from(s, n.start, n.end, &n.n)?;
        let After::Currency(ci) = t.after else {
            return None;
        };
        let cur = self.currency(ci)?;
        if cur.iso != iso || cur.scale >= Decimal::ONE {
            return None;
        }
        Some((n.n.value.checked_mul(cur.scale)?, t.end))
    }

    /// Merges `A sep B` (both complete amounts of the same kind and unit) into a range.
    fn full_range(&self, s: &str, m: &mut AmountMatch, lang: Lang, warnings: &mut Vec<String>) {
        let between = self
            .marker_before(s, m.start, &[MarkerKind::Between])
            .is_some();
        let kinds: &[MarkerKind] = if between {
            &[MarkerKind::RangeAnd]
        } else {
            &[MarkerKind::RangeSep]
        };
        let Some((_, sep_end)) = self.marker_at(s, m.end, kinds, MAX_GAP) else {
            return;
        };
        let j = skip_spaces(s, sep_end, MAX_GAP);
        if j == m.end {
            return;
        }
        let mut scratch = Vec::new();
        let Attempt::Match(b) = self.try_at(s, j, lang, &mut scratch, true) else {
            return;
        };
        if b.kind != m.kind || b.currency != m.currency || b.unit != m.unit || b.value < m.value {
            return;
        }
        warnings.extend(scratch);
        m.range = Some((Some(m.value), Some(b.value)));
        m.end = b.end;
        m.approximate |= b.approximate;
    }

    /// Approximation and bound words after the span: 가량, 이상, 미만, 억대.
    fn after_markers(&self, s: &str, m: &mut AmountMatch) {
        let kinds = [
            MarkerKind::Approx,
            MarkerKind::Min,
            MarkerKind::Max,
            MarkerKind::Magnitude,
        ];
        let mut at = m.end;
        for _ in 0..3 {
            let Some((mi, end)) = self.marker_at(s, at, &kinds, 1) else {
                break;
            };
            let Some(mk) = self.lex.markers.get(mi) else {
                break;
            };
            if mk.position != Position::After {
                break;
            }
            if mk.kind == MarkerKind::Magnitude
                && !(m.kind == AmountKind::Money && end == at + mk.surface.len())
            {
                break;
            }
            // a marker must end its word (이상의 is fine, 이상한 is not)
            if mk.script == Script::Ko && !self.korean_word_end_ok(s, end) {
                break;
            }
            m.approximate |= mk.approximate;
            self.bound(m, mk.kind);
            at = end;
        }
    }

    /// Approximation and bound words before the span: 약, 최대, about, more than.
    fn before_markers(&self, s: &str, m: &mut AmountMatch) {
        let kinds = [MarkerKind::Approx, MarkerKind::Min, MarkerKind::Max];
        let mut at = m.start;
        for _ in 0..2 {
            let Some((mi, st)) = self.marker_before(s, at, &kinds) else {
                break;
            };
            let Some(mk) = self.lex.markers.get(mi) else {
                break;
            };
            m.approximate |= mk.approximate;
            self.bound(m, mk.kind);
            at = st;
        }
    }

    fn bound(&self, m: &mut AmountMatch, kind: MarkerKind) {
        if m.range.is_some() {
            return;
        }
        match kind {
            MarkerKind::Min => m.range = Some((Some(m.value), None)),
            MarkerKind::Max => m.range = Some((None, Some(m.value))),
            _ => {}
        }
    }

    /// What the amount belongs to: the noun after it (`150조 원 국민성장펀드`,
    /// `150조 원 규모의 국민성장펀드`), or before it (`스타게이트에 700조 원을`).
    fn subject(&self, s: &str, m: &AmountMatch, lang: Lang) -> Option<(usize, usize)> {
        match lang {
            Lang::Ko => self.subject_ko(s, m),
            Lang::En => self.subject_en(s, m),
        }
    }

    fn subject_ko(&self, s: &str, m: &AmountMatch) -> Option<(usize, usize)> {
        // skip approximation words after the span (규모, 가량), then a link (의)
        let mut at = m.end;
        if let Some((_, e)) = self.marker_at(
            s,
            at,
            &[MarkerKind::Approx, MarkerKind::Min, MarkerKind::Max],
            1,
        ) {
            at = e;
        }
        let mut linked = false;
        if let Some((mi, e)) = self.marker_at(s, at, &[MarkerKind::SubjectLink], 1) {
            let korean = self
                .lex
                .markers
                .get(mi)
                .is_some_and(|mk| mk.script == Script::Ko);
            if korean && char_at(s, e).is_some_and(is_inline_space) {
                at = e;
                linked = true;
            }
        }
        let spaced = skip_spaces(s, at, 1);
        if spaced > at && (linked || at == m.end || self.korean_word_end_ok(s, at)) {
            if let Some(span) = self.noun_at(s, spaced) {
                return Some(span);
            }
        }
        // 스타게이트에 700조 원을: the word before, marked by 에
        let before = self
            .marker_before(
                s,
                m.start,
                &[MarkerKind::Approx, MarkerKind::Min, MarkerKind::Max],
            )
            .map_or(m.start, |(_, st)| st);
        let end_word = skip_spaces_back(s, before, 1);
        if end_word == before {
            return None;
        }
        let word_start = s
            .get(..end_word)
            .unwrap_or("")
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace() && !is_bracket_or_punct(*c))
            .last()
            .map(|(k, _)| k)?;
        let word = s.get(word_start..end_word).unwrap_or("");
        let stem = word.strip_suffix("에")?;
        self.noun_ok(stem)
            .then_some((word_start, word_start + stem.len()))
    }

    /// The noun (without its particle) of the word at `at`, if it can be a subject.
    fn noun_at(&self, s: &str, at: usize) -> Option<(usize, usize)> {
        let rest = s.get(at..)?;
        let first = rest.chars().next()?;
        if !(is_hangul(first) || first.is_ascii_alphabetic()) {
            return None;
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || is_bracket_or_punct(c))
            .unwrap_or(rest.len());
        let word = rest.get(..len).unwrap_or("");
        // strip the longest particle that leaves a word
        let mut stem = word;
        let mut best = 0;
        for p in self.lex.markers_of(MarkerKind::Particle) {
            if word.ends_with(p.surface.as_str())
                && p.surface.len() > best
                && word.len() > p.surface.len()
            {
                best = p.surface.len();
                stem = word.get(..word.len() - p.surface.len()).unwrap_or("");
            }
        }
        if best == 0 {
            // a verb or adnominal form is no subject
            if self
                .lex
                .markers_of(MarkerKind::Ending)
                .any(|e| word.ends_with(e.surface.as_str()))
            {
                return None;
            }
        }
        self.noun_ok(stem).then_some((at, at + stem.len()))
    }

    fn noun_ok(&self, stem: &str) -> bool {
        stem.chars().count() >= 2
            && !stem.chars().any(|c| c.is_ascii_digit())
            && stem
                .chars()
                .next()
                .is_some_and(|c| is_hangul(c) || c.is_ascii_alphabetic())
            && !self
                .lex
                .markers_of(MarkerKind::NotSubject)
                .any(|w| w.surface == stem)
            && !self
                .lex
                .markers_of(MarkerKind::Ending)
                .any(|e| stem.ends_with(e.surface.as_str()) && stem.chars().count() <= 2)
    }

    fn subject_en(&self, s: &str, m: &AmountMatch) -> Option<(usize, usize)> {
        // $500 billion Stargate project; a $500 billion investment in Stargate
        let mut at = skip_spaces(s, m.end, 1);
        if at == m.end {
            return None;
        }
        if let Some((mi, e)) = self.marker_at(s, at, &[MarkerKind::SubjectLink], 0) {
            if self
                .lex
                .markers
                .get(mi)
                .is_some_and(|mk| mk.script == Script::En)
            {
                at = skip_spaces(s, e, 1);
            }
        }
        let mut end = at;
        let mut k = at;
        loop {
            let rest = s.get(k..)?;
            let word_len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '-'))
                .unwrap_or(rest.len());
            let word = rest.get(..word_len).unwrap_or("");
            if word.is_empty() || !word.starts_with(|c: char| c.is_ascii_uppercase()) {
                break;
            }
            end = k + word_len;
            let next = k + word_len;
            if s.get(next..).is_some_and(|t| t.starts_with(' ')) {
                k = next + 1;
            } else {
                break;
            }
        }
        (end > at).then_some((at, end))
    }
}

fn is_bracket_or_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '‘' | '’' | '“' | '”' | '·' | '…' | '「' | '」' | '『' | '』' | '（' | '）'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn scanner() -> AmountScanner {
        AmountScanner::new(AmountLexicon::builtin().unwrap())
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn scan(s: &str, lang: Lang) -> Vec<AmountMatch> {
        let mut w = Vec::new();
        scanner().scan(s, lang, &mut w)
    }

    /// The scan's pre-test says no only where an attempt finds nothing: checked at
    /// every character of the corpus articles, the seed article and forms built to
    /// sit on each branch (signs, codes, 수-, native and spelled numerals, English).
    #[test]
    fn may_start_at_never_hides_an_amount() {
        let sc = scanner();
        let mut texts = vec![
            "수조 원, 수십억 달러, 수백 명. 한두 개, 스무 명, 열 곳, 다섯 대".to_string(),
            "₩150조, ￦3000, US$1.2 billion, $500억, €2.3bn, £10m, ¥500, HK$ 3, A$5".to_string(),
            "KRW 150 trillion, five million dollars, twenty dollars, a 12-cent dividend"
                .to_string(),
            "이천칠백삼십오만 원, 삼천억, 일점이삼, 만원, 1조2000억, 3~5조 원, 약 3억 5천만"
                .to_string(),
        ];
        for dir in ["corpus/ko", "corpus/en", "../shared/seeds"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).unwrap() {
                texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            }
        }
        let mut tried = 0;
        let mut found = 0;
        for text in &texts {
            for (i, c) in text.char_indices() {
                let before = char_before(text, i);
                if sc.may_start_at(c, before) {
                    tried += 1;
                    continue;
                }
                for lang in [Lang::Ko, Lang::En] {
                    let attempt = sc.try_at(text, i, lang, &mut Vec::new(), false);
                    assert!(
                        matches!(attempt, Attempt::None),
                        "an amount starts at {i} ({c:?}) in {:?}",
                        &text[i..text.len().min(i + 40)]
                    );
                }
            }
            found += sc.scan(text, Lang::Ko, &mut Vec::new()).len();
        }
        assert!(tried > 1000 && found > 100, "tried {tried}, found {found}");
    }

    /// (span text, value, currency or unit)
    fn brief(s: &str, lang: Lang) -> Vec<(String, Decimal, String)> {
        scan(s, lang)
            .into_iter()
            .map(|m| {
                (
                    s[m.start..m.end].to_string(),
                    m.value,
                    m.currency.or(m.unit).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn one(s: &str, lang: Lang) -> AmountMatch {
        let v = scan(s, lang);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    fn span<'a>(s: &'a str, m: &AmountMatch) -> &'a str {
        &s[m.start..m.end]
    }

    #[test]
    fn korean_money() {
        for (text, sp, v, cur) in [
            (
                "정부는 150조 원을 투입한다",
                "150조 원",
                "150000000000000",
                "KRW",
            ),
            ("5000억 달러를 투자", "5000억 달러", "500000000000", "USD"),
            ("₩150조가 필요하다", "₩150조", "150000000000000", "KRW"),
            ("$500억을 모았다", "$500억", "50000000000", "USD"),
            ("미화 3억 달러", "3억 달러", "300000000", "USD"),
            ("1조 2,000억 원", "1조 2,000억 원", "1200000000000", "KRW"),
            ("3억 5천만 원에", "3억 5천만 원", "350000000", "KRW"),
            ("삼천억 원", "삼천억 원", "300000000000", "KRW"),
            ("31유로", "31유로", "31", "EUR"),
            ("10영국파운드", "10영국파운드", "10", "GBP"),
            ("2호주달러", "2호주달러", "2", "AUD"),
            ("10루피", "10루피", "10", "INR"),
            ("100엔", "100엔", "100", "JPY"),
            ("500위안", "500위안", "500", "CNY"),
            ("1만 스위스 프랑", "1만 스위스 프랑", "10000", "CHF"),
            ("200달러 25센트", "200달러 25센트", "200.25", "USD"),
            ("50센트", "50센트", "0.5", "USD"),
            ("만원", "만원", "10000", "KRW"),
        ] {
            let m = one(text, Lang::Ko);
            assert_eq!(span(text, &m), sp, "{text}");
            assert_eq!(m.value, d(v), "{text}");
            assert_eq!(m.currency.as_deref(), Some(cur), "{text}");
            assert_eq!(m.kind, AmountKind::Money);
            assert!(!m.currency_inferred, "{text}");
        }
    }

    #[test]
    fn korean_bare_power_is_inferred_krw() {
        let text = "삼성·SK, 700조 스타게이트 참여";
        let m = one(text, Lang::Ko);
        assert_eq!(span(text, &m), "700조");
        assert_eq!(m.value, d("700000000000000"));
        assert_eq!(m.currency.as_deref(), Some("KRW"));
        assert!(m.currency_inferred);
        assert_eq!(m.subject.map(|(a, b)| &text[a..b]), Some("스타게이트"));
        // not for 90만 or plain digits, and not in English
        assert!(scan("90만이 모였다", Lang::Ko).is_empty());
        assert!(scan("2029까지", Lang::Ko).is_empty());
        assert!(scan("700조", Lang::En).is_empty());
        // not glued to a word
        assert!(scan("구조조정", Lang::Ko).is_empty());
    }

    #[test]
    fn a_letter_glued_to_digits_is_a_scale_only_in_money_or_english() {
        let m = one("영국 정부는 £10m 규모를 배정했다", Lang::Ko);
        assert_eq!(
            (m.value, m.currency.as_deref()),
            (d("10000000"), Some("GBP"))
        );
        let m = one("후방 100m 지점", Lang::Ko);
        assert_eq!((m.value, m.unit.as_deref()), (d("100"), Some("meter")));
        let m = one("a budget of £10m for", Lang::En);
        assert_eq!(
            (m.value, m.currency.as_deref()),
            (d("10000000"), Some("GBP"))
        );
    }

    #[test]
    fn korean_quantities() {
        for (text, sp, v, unit) in [
            ("90만 웨이퍼 규모", "90만 웨이퍼", "900000", "wafer"),
            ("30만 대를 생산", "30만 대", "300000", "unit"),
            ("직원 8500명이", "8500명", "8500", "person"),
            ("1,200개의 부품", "1,200개", "1200", "item"),
            ("3곳에", "3곳", "3", "place"),
            ("5건", "5건", "5", "case"),
            ("5만 톤", "5만 톤", "50000", "ton"),
            ("2GW 규모", "2GW", "2", "GW"),
            ("300MW", "300MW", "300", "MW"),
            ("2배로", "2배", "2", "times"),
            ("100만 주를", "100만 주", "1000000", "share"),
            ("1만 가구", "1만 가구", "10000", "household"),
            ("두 명이", "두 명", "2", "person"),
            ("세 곳에", "세 곳", "3", "place"),
            ("후방 100m 지점에서", "100m", "100", "meter"),
            ("수심 8천200m 이하", "8천200m", "8200", "meter"),
            ("2~3도의 화상", "2~3도", "2", "degree"),
            ("체온이 37.5도 이상", "37.5도", "37.5", "degree"),
            ("79승을 올린", "79승", "79", "win"),
            ("찬성 226표를 얻어", "226표", "226", "vote"),
        ] {
            let m = one(text, Lang::Ko);
            assert_eq!(span(text, &m), sp, "{text}");
            assert_eq!(m.value, d(v), "{text}");
            assert_eq!(m.unit.as_deref(), Some(unit), "{text}");
            assert_eq!(m.kind, AmountKind::Quantity);
        }
    }

    #[test]
    fn percents() {
        let m = one("10% 증가", Lang::Ko);
        assert_eq!(
            (m.kind, m.value, m.unit.as_deref()),
            (AmountKind::Percent, d("10"), Some("percent"))
        );
        let t = "3.2%포인트 올랐다";
        let m = one(t, Lang::Ko);
        assert_eq!(span(t, &m), "3.2%포인트");
        assert_eq!(m.unit.as_deref(), Some("percentage_point"));
        assert_eq!(
            one("5%p", Lang::Ko).unit.as_deref(),
            Some("percentage_point")
        );
        assert_eq!(one("30퍼센트", Lang::Ko).unit.as_deref(), Some("percent"));
        assert_eq!(one("30프로", Lang::Ko).unit.as_deref(), Some("percent"));
        let t = "rose 3 percent";
        assert_eq!(span(t, &one(t, Lang::En)), "3 percent");
        let t = "by 2 percentage points";
        assert_eq!(one(t, Lang::En).unit.as_deref(), Some("percentage_point"));
        let t = "up 4 per cent";
        assert_eq!(one(t, Lang::En).unit.as_deref(), Some("percent"));
    }

    #[test]
    fn english_money_and_quantities() {
        for (text, sp, v, cu) in [
            (
                "a $500 billion project",
                "$500 billion",
                "500000000000",
                "USD",
            ),
            ("US$1.2 billion", "US$1.2 billion", "1200000000", "USD"),
            ("raised $3.5B", "$3.5B", "3500000000", "USD"),
            (
                "900,000 wafers a month",
                "900,000 wafers a month",
                "900000",
                "wafer",
            ),
            ("30,000 jobs", "30,000 jobs", "30000", "job"),
            ("five million yen", "five million yen", "5000000", "JPY"),
            ("£ 8.10 million", "£ 8.10 million", "8100000", "GBP"),
            ("c $ 16.4 million", "c $ 16.4 million", "16400000", "CAD"),
            (
                "hk $ 10.05 billion",
                "hk $ 10.05 billion",
                "10050000000",
                "HKD",
            ),
            (
                "1.5 trillion won",
                "1.5 trillion won",
                "1500000000000",
                "KRW",
            ),
            (
                "thirteen dollars and forty-five cents",
                "thirteen dollars and forty-five cents",
                "13.45",
                "USD",
            ),
            ("USD 200", "USD 200", "200", "USD"),
            ("115USD", "115USD", "115", "USD"),
            ("10 €", "10 €", "10", "EUR"),
            ("a 12-cent dividend", "12-cent", "0.12", "USD"),
        ] {
            let m = one(text, Lang::En);
            assert_eq!(span(text, &m), sp, "{text}");
            assert_eq!(m.value, d(v), "{text}");
            assert_eq!(m.currency.or(m.unit).as_deref(), Some(cu), "{text}");
        }
    }

    #[test]
    fn approximations() {
        for (text, sp) in [
            ("약 2배", "2배"),
            ("300여 명", "300여 명"),
            ("2조여 원", "2조여 원"),
            ("3조 원 가량", "3조 원"),
            ("100명 정도", "100명"),
            ("10% 안팎", "10%"),
            ("150조 원 규모의 펀드", "150조 원"),
            ("5% 내외", "5%"),
            ("2천 달러쯤", "2천 달러"),
            ("about $5 billion", "$5 billion"),
            ("nearly 300 jobs", "300 jobs"),
            ("some 900,000 wafers", "900,000 wafers"),
            ("roughly 3 percent", "3 percent"),
        ] {
            let lang = if text.is_ascii() { Lang::En } else { Lang::Ko };
            let m = one(text, lang);
            assert_eq!(span(text, &m), sp, "{text}");
            assert!(m.approximate, "{text}");
        }
        let t = "수조 원";
        let m = one(t, Lang::Ko);
        assert_eq!(
            (span(t, &m), m.value, m.approximate),
            ("수조 원", d("1000000000000"), true)
        );
        let t = "수십억 달러";
        assert_eq!(one(t, Lang::Ko).value, d("1000000000"));
        let t = "수백 명";
        assert_eq!(one(t, Lang::Ko).value, d("100"));
        assert!(!one("3조 원", Lang::Ko).approximate);
        // 계약 is not 약
        assert!(!one("계약 3조 원", Lang::Ko).approximate);
    }

    #[test]
    fn ranges_and_bounds() {
        let t = "3~5조 원";
        let m = one(t, Lang::Ko);
        assert_eq!(span(t, &m), t);
        assert_eq!(m.value, d("3000000000000"));
        assert_eq!(
            m.range,
            Some((Some(d("3000000000000")), Some(d("5000000000000"))))
        );
        let t = "25000 - 30000원";
        let m = one(t, Lang::Ko);
        assert_eq!(
            (span(t, &m), m.range),
            (t, Some((Some(d("25000")), Some(d("30000")))))
        );
        let t = "이만오천원 - 삼만원";
        let m = one(t, Lang::Ko);
        assert_eq!(
            (span(t, &m), m.range),
            (t, Some((Some(d("25000")), Some(d("30000")))))
        );
        let t = "10 - 20 달러";
        let m = one(t, Lang::Ko);
        assert_eq!((span(t, &m), m.currency.as_deref()), (t, Some("USD")));
        let t = "$10-20 billion";
        let m = one(t, Lang::En);
        assert_eq!(span(t, &m), t);
        assert_eq!(
            m.range,
            Some((Some(d("10000000000")), Some(d("20000000000"))))
        );
        let t = "between $1 billion and $2 billion";
        let m = one(t, Lang::En);
        assert_eq!(span(t, &m), "$1 billion and $2 billion");
        assert_eq!(
            m.range,
            Some((Some(d("1000000000")), Some(d("2000000000"))))
        );
        let t = "5000원 이상";
        let m = one(t, Lang::Ko);
        assert_eq!(
            (span(t, &m), m.range),
            ("5000원", Some((Some(d("5000")), None)))
        );
        let m = one("5000원 초과", Lang::Ko);
        assert_eq!(m.range, Some((Some(d("5000")), None)));
        let t = "만원 이하";
        let m = one(t, Lang::Ko);
        assert_eq!(
            (span(t, &m), m.value, m.range),
            ("만원", d("10000"), Some((None, Some(d("10000")))))
        );
        assert_eq!(
            one("1만원 미만", Lang::Ko).range,
            Some((None, Some(d("10000"))))
        );
        let m = one("more than $5 billion", Lang::En);
        assert_eq!(m.range, Some((Some(d("5000000000")), None)));
        assert!(m.approximate);
        assert_eq!(
            one("up to $5 billion", Lang::En).range,
            Some((None, Some(d("5000000000"))))
        );
        assert_eq!(
            one("less than 5 percent", Lang::En).range,
            Some((None, Some(d("5"))))
        );
        assert_eq!(
            one("3~5%", Lang::Ko).range,
            Some((Some(d("3")), Some(d("5"))))
        );
    }

    #[test]
    fn parenthetical_conversion_is_two_amounts() {
        let t = "260억 달러(약 36조 원)";
        let v = brief(t, Lang::Ko);
        assert_eq!(
            v,
            vec![
                (
                    "260억 달러".to_string(),
                    d("26000000000"),
                    "USD".to_string()
                ),
                (
                    "36조 원".to_string(),
                    d("36000000000000"),
                    "KRW".to_string()
                ),
            ]
        );
        assert!(scan(t, Lang::Ko)[1].approximate);
    }

    #[test]
    fn subjects() {
        let sub = |t: &str| {
            let m = one(t, Lang::Ko);
            m.subject.map(|(a, b)| t[a..b].to_string())
        };
        assert_eq!(
            sub("150조 원 국민성장펀드 조성"),
            Some("국민성장펀드".into())
        );
        assert_eq!(
            sub("150조 원 규모의 국민성장펀드를"),
            Some("국민성장펀드".into())
        );
        assert_eq!(
            sub("스타게이트에 700조 원을 투자"),
            Some("스타게이트".into())
        );
        assert_eq!(sub("5000억 달러 투자"), None);
        assert_eq!(sub("매출이 10% 증가했다"), None);
        let t = "the $500 billion Stargate project";
        let m = one(t, Lang::En);
        assert_eq!(m.subject.map(|(a, b)| &t[a..b]), Some("Stargate"));
    }

    #[test]
    fn currency_words() {
        for (text, iso) in [
            ("3억 호주달러", "AUD"),
            ("3억 캐나다달러", "CAD"),
            ("3억 홍콩달러", "HKD"),
            ("3억 싱가포르달러", "SGD"),
            ("3억 스위스프랑", "CHF"),
            ("3억 루피", "INR"),
            ("3억 엔", "JPY"),
            ("3억 위안", "CNY"),
            ("3억 파운드", "GBP"),
            ("3억 유로", "EUR"),
            ("3억 불", "USD"),
            ("3억 원", "KRW"),
            ("3억 元", "CNY"),
        ] {
            assert_eq!(one(text, Lang::Ko).currency.as_deref(), Some(iso), "{text}");
        }
        for (text, iso) in [
            ("¥300", "JPY"),
            ("300 yen", "JPY"),
            ("€5", "EUR"),
            ("5 euros", "EUR"),
            ("5 yuan", "CNY"),
            ("£5", "GBP"),
            ("5 pounds", "GBP"),
            ("KRW 5,000", "KRW"),
            ("5,000 won", "KRW"),
            ("5 USD", "USD"),
            ("5 dollars", "USD"),
            ("5 Swiss francs", "CHF"),
        ] {
            assert_eq!(one(text, Lang::En).currency.as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn english_approximation_words() {
        for w in [
            "about",
            "nearly",
            "around",
            "almost",
            "roughly",
            "some",
            "more than",
            "over",
        ] {
            let t = format!("{w} $5 billion");
            let m = one(&t, Lang::En);
            assert_eq!(span(&t, &m), "$5 billion", "{t}");
            assert!(m.approximate, "{t}");
        }
        assert!(!one("the $5 billion", Lang::En).approximate);
    }

    #[test]
    fn korean_details() {
        // 여 inside the numeral, age groups, scores, ranks, rates
        let t = "23억2천100여만원의";
        let m = one(t, Lang::Ko);
        assert_eq!(
            (span(t, &m), m.value, m.approximate),
            ("23억2천100여만원", d("2321000000"), true)
        );
        assert!(scan("30대 남성", Lang::Ko).is_empty());
        assert!(scan("1대 0으로 졌다", Lang::Ko).is_empty());
        assert!(scan("5대 그룹 총수", Lang::Ko).is_empty());
        assert!(scan("1인당 소득", Lang::Ko).is_empty());
        assert!(scan("제 19대 국회", Lang::Ko).is_empty());
        assert_eq!(one("차량 35대를", Lang::Ko).unit.as_deref(), Some("unit"));
        assert_eq!(one("연 30만대 생산", Lang::Ko).value, d("300000"));
        assert!(scan("조사 결과", Lang::Ko).is_empty());
        assert!(scan("9억 년이 지난", Lang::Ko).is_empty());
        assert!(one("5000억대 매출", Lang::Ko).approximate);
        assert!(one("1천억 원대", Lang::Ko).approximate);
        // the seed's quantities
        let t = "2029년에 90만 웨이퍼를";
        assert_eq!(
            brief(t, Lang::Ko),
            vec![("90만 웨이퍼".into(), d("900000"), "wafer".into())]
        );
    }

    #[test]
    fn english_subject_after_a_link() {
        let t = "committed $500 billion to the Stargate project";
        let m = one(t, Lang::En);
        assert_eq!(m.subject.map(|(a, b)| &t[a..b]), Some("Stargate"));
    }

    #[test]
    fn scanner_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<AmountScanner>();
        check::<AmountMatch>();
    }

    #[test]
    fn not_amounts() {
        for t in [
            "2029년",
            "12월",
            "1일",
            "3분기",
            "2년",
            "10개월",
            "24일(현지시간)",
            "오후 3시",
            "1위",
            "제2 공장",
            "3차",
            "갤럭시 S26",
            "HBM4",
            "A100",
            "5G",
            "두 회사",
            "한 번",
            "3주간",
            "010-1234-5678",
            "192.168.1.2",
            "이 곳",
            "삼성전자",
        ] {
            assert!(scan(t, Lang::Ko).is_empty(), "{t}: {:?}", scan(t, Lang::Ko));
        }
        for t in [
            "in 2027",
            "by 2027",
            "3 p.m.",
            "2nd",
            "A100 chips",
            "HBM4",
            "5G",
            "one of them",
            "the 300",
        ] {
            assert!(scan(t, Lang::En).is_empty(), "{t}: {:?}", scan(t, Lang::En));
        }
    }

    #[test]
    fn overflow_warns_and_skips() {
        let mut w = Vec::new();
        let v = scanner().scan("999999999999999999999경원이 필요", Lang::Ko, &mut w);
        assert!(v.is_empty());
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("999999999999999999999"), "{w:?}");
    }

    #[test]
    fn seed_headline() {
        let t = "오픈AI-한국 ‘AI 동맹’ 본격화…삼성·SK, 700조 스타게이트 참여";
        assert_eq!(
            brief(t, Lang::Ko),
            vec![("700조".into(), d("700000000000000"), "KRW".into())]
        );
    }
}
