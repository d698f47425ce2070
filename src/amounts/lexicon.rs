//! The amount word lists: currencies, units/counters and markers, read from the
//! tab-separated files in `dictionaries/` (embedded at build time, parsed once).

use foldhash::HashMap;
use rust_decimal::Decimal;
use std::str::FromStr;

const CURRENCIES_TSV: &str = include_str!("../../dictionaries/currencies.tsv");
const UNITS_TSV: &str = include_str!("../../dictionaries/amount_units.tsv");
const MARKERS_TSV: &str = include_str!("../../dictionaries/amount_markers.tsv");

/// Errors of the amount dictionaries are the library's lexicon errors.
pub type LexiconError = crate::Error;

/// Where a word stands relative to the number it goes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Before the number (`$500`, `약 3조`).
    Before,
    /// After the number or unit (`500달러`, `3조 원 가량`).
    After,
    /// Before or after.
    Both,
    /// Between the number and the unit, or between two numbers (`300여 명`, `3~5`).
    Infix,
    /// Anywhere (subject stop words).
    Any,
}

/// The script a surface belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Korean: the surface must end a Korean word.
    Ko,
    /// English: the surface must end at a word boundary.
    En,
    /// Symbols and forms valid in both.
    Any,
}

/// One currency surface form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// The form as written.
    pub surface: String,
    /// ISO 4217 code.
    pub iso: String,
    /// Before or after the number (or both).
    pub position: Position,
    /// Value of one surface unit in the currency (0.01 for cents).
    pub scale: Decimal,
    /// Script of the surface.
    pub script: Script,
}

/// What a unit surface measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A counted thing or a measure.
    Quantity,
    /// A percent or percentage point.
    Percent,
}

/// One counter, unit or percent surface form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The form as written.
    pub surface: String,
    /// Normalized unit name (`person`, `wafer`, `percent`).
    pub unit: String,
    /// Quantity or percent.
    pub kind: UnitKind,
    /// Script of the surface.
    pub script: Script,
    /// Whether native Korean numerals may count it (두 명).
    pub native: bool,
    /// Smallest value for which the surface means this unit.
    pub min: Option<Decimal>,
}

/// What a marker word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// Makes the amount approximate.
    Approx,
    /// 수-: some powers of ten (수조 원).
    Few,
    /// Lower bound.
    Min,
    /// Upper bound.
    Max,
    /// Separates the ends of a range.
    RangeSep,
    /// Opens an English range (between).
    Between,
    /// Closes it (and).
    RangeAnd,
    /// Joins a major and a minor currency unit.
    MinorJoin,
    /// `억대`: money in that order of magnitude.
    Magnitude,
    /// A Korean particle that may follow a unit.
    Particle,
    /// Another word piece that may follow a unit.
    Suffix,
    /// Makes a number a date, duration, rank...
    NotAmount,
    /// A word before a number that makes it no amount (제2).
    SkipBefore,
    /// Links an amount to the noun after it.
    SubjectLink,
    /// Never a subject.
    NotSubject,
    /// A final syllable that marks a verb or adnominal form: no subject ends so.
    Ending,
    /// A word that looks like a number and a counter but is neither (세대, 백일장).
    NotAmountWord,
    /// A counter that after a multiple of ten glued to it is an age group (30대).
    AgeCounter,
    /// After a unit, makes it the base of a rate (1인당): no amount.
    Per,
    /// A counter that glued to a small number and followed by a noun is a rank
    /// (5대 그룹).
    RankCounter,
}

/// One marker surface form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The form as written.
    pub surface: String,
    /// What it does.
    pub kind: MarkerKind,
    /// Where it stands.
    pub position: Position,
    /// Whether it makes the amount approximate.
    pub approximate: bool,
    /// Script of the surface.
    pub script: Script,
}

/// All amount dictionaries, parsed once and shared read-only.
#[derive(Debug, Clone)]
pub struct AmountLexicon {
    /// Currency forms.
    pub currencies: Vec<Currency>,
    /// Counter, unit and percent forms.
    pub units: Vec<Unit>,
    /// Marker forms.
    pub markers: Vec<Marker>,
    by_kind: HashMap<MarkerKind, Vec<usize>>,
    /// Marker indices by the first character of their surface ([`surface_key`]):
    /// the scanner asks for markers at almost every number, and only these can
    /// match at a given place.
    by_first: HashMap<char, Vec<usize>>,
    /// Marker indices by the last character of their surface.
    by_last: HashMap<char, Vec<usize>>,
}

/// Splits a TSV file into data rows (after `#` comments and the header line).
fn rows(
    file: &'static str,
    text: &'static str,
    header: &'static str,
) -> Result<Vec<(usize, Vec<&'static str>)>, LexiconError> {
    let mut out = Vec::new();
    let mut saw_header = false;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !saw_header {
            if line.trim_end() != header {
                return Err(header_error(file, header));
            }
            saw_header = true;
            continue;
        }
        out.push((n + 1, line.split('\t').collect()));
    }
    if !saw_header {
        return Err(header_error(file, header));
    }
    Ok(out)
}

fn row_error(file: &'static str, line: usize, message: impl Into<String>) -> LexiconError {
    crate::Error::Lexicon {
        source_name: file.to_owned(),
        line,
        message: message.into(),
    }
}

fn header_error(file: &'static str, header: &str) -> LexiconError {
    crate::Error::Lexicon {
        source_name: file.to_owned(),
        line: 0,
        message: format!("header line missing or different from {header:?}"),
    }
}

fn field<'a>(
    file: &'static str,
    line: usize,
    cols: &[&'a str],
    i: usize,
    name: &str,
) -> Result<&'a str, LexiconError> {
    cols.get(i)
        .copied()
        .ok_or_else(|| row_error(file, line, format!("missing column {name}")))
}

fn parse_position(file: &'static str, line: usize, s: &str) -> Result<Position, LexiconError> {
    Ok(match s {
        "before" => Position::Before,
        "after" => Position::After,
        "both" => Position::Both,
        "infix" => Position::Infix,
        "any" => Position::Any,
        other => return Err(row_error(file, line, format!("unknown position {other:?}"))),
    })
}

fn parse_script(file: &'static str, line: usize, s: &str) -> Result<Script, LexiconError> {
    Ok(match s {
        "ko" => Script::Ko,
        "en" => Script::En,
        "any" => Script::Any,
        other => return Err(row_error(file, line, format!("unknown lang {other:?}"))),
    })
}

fn parse_yes_no(file: &'static str, line: usize, s: &str) -> Result<bool, LexiconError> {
    match s {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(row_error(
            file,
            line,
            format!("expected yes or no, got {other:?}"),
        )),
    }
}

fn non_empty<'a>(file: &'static str, line: usize, s: &'a str) -> Result<&'a str, LexiconError> {
    if s.is_empty() {
        Err(row_error(file, line, "empty surface"))
    } else if s.starts_with(is_inline_space) || s.ends_with(is_inline_space) {
        // surfaces are looked up by their first and last characters
        Err(row_error(file, line, "surface starts or ends with a space"))
    } else {
        Ok(s)
    }
}

impl AmountLexicon {
    /// The lexicon built from the dictionaries embedded in the binary.
    pub fn builtin() -> Result<Self, LexiconError> {
        Self::from_tsv(CURRENCIES_TSV, UNITS_TSV, MARKERS_TSV)
    }

    /// Builds a lexicon from the text of the three files (same formats as the
    /// embedded ones).
    pub fn from_tsv(
        currencies: &'static str,
        units: &'static str,
        markers: &'static str,
    ) -> Result<Self, LexiconError> {
        const CF: &str = "currencies.tsv";
        const UF: &str = "amount_units.tsv";
        const MF: &str = "amount_markers.tsv";
        let mut lex = AmountLexicon {
            currencies: Vec::new(),
            units: Vec::new(),
            markers: Vec::new(),
            by_kind: HashMap::default(),
            by_first: HashMap::default(),
            by_last: HashMap::default(),
        };
        for (line, cols) in rows(CF, currencies, "surface\tiso\tposition\tscale\tlang")? {
            let surface = non_empty(CF, line, field(CF, line, &cols, 0, "surface")?)?;
            let iso = field(CF, line, &cols, 1, "iso")?;
            if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(row_error(CF, line, format!("bad ISO 4217 code {iso:?}")));
            }
            let position = parse_position(CF, line, field(CF, line, &cols, 2, "position")?)?;
            let scale_text = field(CF, line, &cols, 3, "scale")?;
            let scale = Decimal::from_str(scale_text)
                .map_err(|_| row_error(CF, line, format!("bad scale {scale_text:?}")))?;
            let script = parse_script(CF, line, field(CF, line, &cols, 4, "lang")?)?;
            lex.currencies.push(Currency {
                surface: surface.to_string(),
                iso: iso.to_string(),
                position,
                scale,
                script,
            });
        }
        for (line, cols) in rows(UF, units, "surface\tunit\tkind\tlang\tnative\tmin")? {
            let surface = non_empty(UF, line, field(UF, line, &cols, 0, "surface")?)?;
            let unit = non_empty(UF, line, field(UF, line, &cols, 1, "unit")?)?;
            let kind = match field(UF, line, &cols, 2, "kind")? {
                "quantity" => UnitKind::Quantity,
                "percent" => UnitKind::Percent,
                other => return Err(row_error(UF, line, format!("unknown kind {other:?}"))),
            };
            let script = parse_script(UF, line, field(UF, line, &cols, 3, "lang")?)?;
            let native = parse_yes_no(UF, line, field(UF, line, &cols, 4, "native")?)?;
            let min_text = cols.get(5).copied().unwrap_or("");
            let min = if min_text.is_empty() {
                None
            } else {
                Some(
                    Decimal::from_str(min_text)
                        .map_err(|_| row_error(UF, line, format!("bad min {min_text:?}")))?,
                )
            };
            lex.units.push(Unit {
                surface: surface.to_string(),
                unit: unit.to_string(),
                kind,
                script,
                native,
                min,
            });
        }
        for (line, cols) in rows(MF, markers, "surface\tkind\tposition\tapproximate\tlang")? {
            let surface = non_empty(MF, line, field(MF, line, &cols, 0, "surface")?)?;
            let kind = match field(MF, line, &cols, 1, "kind")? {
                "approx" => MarkerKind::Approx,
                "few" => MarkerKind::Few,
                "min" => MarkerKind::Min,
                "max" => MarkerKind::Max,
                "range_sep" => MarkerKind::RangeSep,
                "between" => MarkerKind::Between,
                "range_and" => MarkerKind::RangeAnd,
                "minor_join" => MarkerKind::MinorJoin,
                "magnitude" => MarkerKind::Magnitude,
                "particle" => MarkerKind::Particle,
                "suffix" => MarkerKind::Suffix,
                "not_amount" => MarkerKind::NotAmount,
                "skip_before" => MarkerKind::SkipBefore,
                "subject_link" => MarkerKind::SubjectLink,
                "not_subject" => MarkerKind::NotSubject,
                "ending" => MarkerKind::Ending,
                "not_amount_word" => MarkerKind::NotAmountWord,
                "age_counter" => MarkerKind::AgeCounter,
                "rank_counter" => MarkerKind::RankCounter,
                "per" => MarkerKind::Per,
                other => return Err(row_error(MF, line, format!("unknown kind {other:?}"))),
            };
            let position = parse_position(MF, line, field(MF, line, &cols, 2, "position")?)?;
            let approximate = parse_yes_no(MF, line, field(MF, line, &cols, 3, "approximate")?)?;
            let script = parse_script(MF, line, field(MF, line, &cols, 4, "lang")?)?;
            let index = lex.markers.len();
            lex.by_kind.entry(kind).or_default().push(index);
            // non_empty guarantees both characters
            if let (Some(first), Some(last)) = (surface.chars().next(), surface.chars().next_back())
            {
                lex.by_first
                    .entry(surface_key(first))
                    .or_default()
                    .push(index);
                lex.by_last
                    .entry(surface_key(last))
                    .or_default()
                    .push(index);
            }
            lex.markers.push(Marker {
                surface: surface.to_string(),
                kind,
                position,
                approximate,
                script,
            });
        }
        Ok(lex)
    }

    /// The markers of one kind.
    pub fn markers_of(&self, kind: MarkerKind) -> impl Iterator<Item = &Marker> + '_ {
        self.by_kind
            .get(&kind)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.markers.get(i))
    }

    /// The markers (with their index) whose surface may match at byte `at` of
    /// `text`, in lexicon order: those whose first character is the one there.
    pub fn markers_starting_at<'a>(
        &'a self,
        text: &str,
        at: usize,
    ) -> impl Iterator<Item = (usize, &'a Marker)> + 'a {
        let first = text.get(at..).and_then(|t| t.chars().next());
        self.bucket(&self.by_first, first)
    }

    /// The markers (with their index) whose surface may end at byte `end` of
    /// `text`, in lexicon order: those whose last character is the one there.
    pub fn markers_ending_at<'a>(
        &'a self,
        text: &str,
        end: usize,
    ) -> impl Iterator<Item = (usize, &'a Marker)> + 'a {
        let last = text.get(..end).and_then(|t| t.chars().next_back());
        self.bucket(&self.by_last, last)
    }

    fn bucket<'a>(
        &'a self,
        index: &'a HashMap<char, Vec<usize>>,
        c: Option<char>,
    ) -> impl Iterator<Item = (usize, &'a Marker)> + 'a {
        c.and_then(|c| index.get(&surface_key(c)))
            .into_iter()
            .flatten()
            .filter_map(|&i| Some((i, self.markers.get(i)?)))
    }
}

/// The key surfaces are indexed by: the character with ASCII letters lower-cased,
/// as [`match_surface`] compares them.
pub(crate) fn surface_key(c: char) -> char {
    c.to_ascii_lowercase()
}

/// Whether `c` is a space that may stand inside an amount.
pub(crate) fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Matches `surface` at byte `at` of `text`: ASCII letters case-insensitively, and a
/// space of the surface against any run of inline spaces (also none). Returns the
/// end offset.
pub(crate) fn match_surface(text: &str, at: usize, surface: &str) -> Option<usize> {
    let mut i = at;
    text.get(at..)?;
    for sc in surface.chars() {
        if sc == ' ' {
            while let Some(tc) = text.get(i..).and_then(|t| t.chars().next()) {
                if is_inline_space(tc) {
                    i += tc.len_utf8();
                } else {
                    break;
                }
            }
            continue;
        }
        let tc = text.get(i..)?.chars().next()?;
        if tc == sc || (tc.is_ascii() && sc.is_ascii() && tc.eq_ignore_ascii_case(&sc)) {
            i += tc.len_utf8();
        } else {
            return None;
        }
    }
    Some(i)
}

/// Matches `surface` so that it ends at byte `end` of `text` (the mirror of
/// [`match_surface`]). Returns the start offset.
pub(crate) fn match_surface_before(text: &str, end: usize, surface: &str) -> Option<usize> {
    let mut i = end;
    for sc in surface.chars().rev() {
        if sc == ' ' {
            while let Some(tc) = text.get(..i).and_then(|t| t.chars().next_back()) {
                if is_inline_space(tc) {
                    i -= tc.len_utf8();
                } else {
                    break;
                }
            }
            continue;
        }
        let tc = text.get(..i)?.chars().next_back()?;
        if tc == sc || (tc.is_ascii() && sc.is_ascii() && tc.eq_ignore_ascii_case(&sc)) {
            i -= tc.len_utf8();
        } else {
            return None;
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_has_the_core_words() {
        let lex = AmountLexicon::builtin().unwrap();
        let iso = |s: &str| {
            lex.currencies
                .iter()
                .find(|c| c.surface == s)
                .map(|c| c.iso.as_str())
        };
        assert_eq!(iso("원"), Some("KRW"));
        assert_eq!(iso("달러"), Some("USD"));
        assert_eq!(iso("$"), Some("USD"));
        assert_eq!(iso("엔"), Some("JPY"));
        assert_eq!(iso("유로"), Some("EUR"));
        assert_eq!(iso("위안"), Some("CNY"));
        assert_eq!(iso("파운드"), Some("GBP"));
        assert_eq!(iso("호주 달러"), Some("AUD"));
        let cent = lex.currencies.iter().find(|c| c.surface == "센트").unwrap();
        assert_eq!(cent.scale, Decimal::new(1, 2));
        let unit = |s: &str| {
            lex.units
                .iter()
                .find(|u| u.surface == s)
                .map(|u| u.unit.as_str())
        };
        assert_eq!(unit("명"), Some("person"));
        assert_eq!(unit("웨이퍼"), Some("wafer"));
        assert_eq!(unit("%포인트"), Some("percentage_point"));
        assert!(
            lex.markers_of(MarkerKind::Approx)
                .any(|m| m.surface == "약")
        );
        assert!(
            lex.markers_of(MarkerKind::Particle)
                .any(|m| m.surface == "을")
        );
    }

    #[test]
    fn bad_rows_are_errors_with_line_numbers() {
        let err = AmountLexicon::from_tsv(
            "# c\nsurface\tiso\tposition\tscale\tlang\n원\tkrw\tafter\t1\tko\n",
            UNITS_TSV,
            MARKERS_TSV,
        )
        .unwrap_err();
        assert!(
            matches!(err, crate::Error::Lexicon { line: 3, .. }),
            "{err}"
        );
        let err = AmountLexicon::from_tsv("nothing\n", UNITS_TSV, MARKERS_TSV).unwrap_err();
        assert!(matches!(err, crate::Error::Lexicon { line: 0, .. }));
    }

    #[test]
    fn surface_matching() {
        assert_eq!(match_surface("US$1", 0, "us $"), Some(3));
        assert_eq!(match_surface("us $ 1", 0, "us $"), Some(4));
        assert_eq!(
            match_surface("캐나다달러", 0, "캐나다 달러"),
            Some("캐나다달러".len())
        );
        assert_eq!(match_surface("달", 0, "달러"), None);
        assert_eq!(match_surface_before("약 3", "약".len(), "약"), Some(0));
        assert_eq!(
            match_surface_before("more  than 3", 10, "more than"),
            Some(0)
        );
    }

    /// The first/last-character index finds exactly the markers a scan of the
    /// whole list finds, at every place of a text holding every surface (in
    /// either case) and the spaced forms.
    #[test]
    fn marker_index_agrees_with_a_full_scan() {
        let lex = AmountLexicon::builtin().unwrap();
        let mut text = String::from("3조 원 가량, 약 5000억 달러 MORE THAN 10 Percent ");
        for m in &lex.markers {
            text.push_str(&m.surface);
            text.push(' ');
            text.push_str(&m.surface.to_ascii_uppercase());
            text.push_str("  ");
        }
        type Matcher = fn(&str, usize, &str) -> Option<usize>;
        // The markers `matches` finds at `at`, from the index and from the whole list.
        let agree = |candidates: Vec<(usize, &Marker)>, matches: Matcher, at: usize| {
            let indexed: Vec<usize> = candidates
                .into_iter()
                .filter(|(_, m)| matches(&text, at, &m.surface).is_some())
                .map(|(i, _)| i)
                .collect();
            let scanned: Vec<usize> = (0..lex.markers.len())
                .filter(|&i| matches(&text, at, &lex.markers[i].surface).is_some())
                .collect();
            assert_eq!(indexed, scanned, "at {at}");
            scanned.len()
        };
        let mut checked = 0;
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            checked += agree(
                lex.markers_starting_at(&text, at).collect(),
                match_surface,
                at,
            );
            checked += agree(
                lex.markers_ending_at(&text, at).collect(),
                match_surface_before,
                at,
            );
        }
        assert!(
            checked > 2 * lex.markers.len(),
            "only {checked} matches checked"
        );
    }

    #[test]
    fn a_surface_with_an_outer_space_is_an_error() {
        let markers = "surface\tkind\tposition\tapproximate\tlang\n 약\tapprox\tbefore\tyes\tko\n";
        let err = AmountLexicon::from_tsv(
            "surface\tiso\tposition\tscale\tlang\n",
            "surface\tunit\tkind\tlang\tnative\tmin\n",
            markers,
        )
        .unwrap_err();
        assert!(
            matches!(&err, crate::Error::Lexicon { line: 2, message, .. }
                if message == "surface starts or ends with a space"),
            "{err}"
        );
    }
}
