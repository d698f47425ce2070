//! Property tests: numbers written in Korean and English read back exactly, and the
//! scanner never panics and returns well-formed spans on any input.

use korex::amounts::{AmountLexicon, AmountScanner, Lang, english_numeral, korean_numeral};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;

const SINO: [&str; 10] = ["영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"];
const SMALL: [(u64, &str); 3] = [(1000, "천"), (100, "백"), (10, "십")];
const BIG: [(u32, &str); 4] = [(16, "경"), (12, "조"), (8, "억"), (4, "만")];

/// How one group (1..=9999) below a myriad word is written.
#[derive(Debug, Clone, Copy)]
enum Style {
    Digits,
    Commas,
    Spelled,
    /// 4천500: the thousands as 천, the rest in digits
    Mixed,
}

fn style(n: u8) -> Style {
    match n % 4 {
        0 => Style::Digits,
        1 => Style::Commas,
        2 => Style::Spelled,
        _ => Style::Mixed,
    }
}

fn with_commas(g: u64) -> String {
    let s = g.to_string();
    if s.len() <= 3 {
        return s;
    }
    let (a, b) = s.split_at(s.len() - 3);
    format!("{a},{b}")
}

/// Sino-Korean spelling of 1..=9999; `drop_one` writes 천 for 1000 (not 일천).
fn spelled(g: u64, drop_one: bool) -> String {
    let mut out = String::new();
    let mut rest = g;
    for (m, w) in SMALL {
        let d = rest / m;
        rest %= m;
        if d == 0 {
            continue;
        }
        if d > 1 || !drop_one {
            out.push_str(SINO[d as usize]);
        }
        out.push_str(w);
    }
    if rest > 0 {
        out.push_str(SINO[rest as usize]);
    }
    out
}

fn group(g: u64, st: Style, drop_one: bool) -> String {
    match st {
        Style::Digits => g.to_string(),
        Style::Commas => with_commas(g),
        Style::Spelled => spelled(g, drop_one),
        Style::Mixed if g >= 1000 => {
            let r = g % 1000;
            let head = if g / 1000 == 1 && drop_one {
                String::new()
            } else {
                (g / 1000).to_string()
            };
            if r == 0 {
                format!("{head}천")
            } else {
                format!("{head}천{r}")
            }
        }
        Style::Mixed => g.to_string(),
    }
}

/// Writes `n` in Korean mixed notation: 1조2000억3456만7890, 1조 2,000억, 일조이천억...
fn korean(n: u128, styles: &[u8], spaces: &[bool]) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let mut parts: Vec<(String, bool)> = Vec::new(); // (text, has digits)
    let mut rest = n;
    let mut k = 0;
    for (p, w) in BIG {
        let m = 10u128.pow(p);
        let g = (rest / m) as u64;
        rest %= m;
        if g == 0 {
            continue;
        }
        let st = style(styles.get(k).copied().unwrap_or(0));
        k += 1;
        let text = format!("{}{w}", group(g, st, true));
        parts.push((text, !matches!(st, Style::Spelled)));
    }
    if rest > 0 {
        let st = style(styles.get(k).copied().unwrap_or(0));
        parts.push((group(rest as u64, st, true), !matches!(st, Style::Spelled)));
    }
    let mut out = String::new();
    let mut digits_so_far = false;
    for (i, (text, digits)) in parts.iter().enumerate() {
        // a space may separate groups, except before a spelled group in a number
        // that already has digits (1조 이천억 is not how numbers are written)
        let space = i > 0 && spaces.get(i).copied().unwrap_or(false) && (*digits || !digits_so_far);
        if space {
            out.push(' ');
        }
        out.push_str(text);
        digits_so_far |= *digits;
    }
    out
}

const EN_UNITS: [&str; 20] = [
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
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const EN_SCALES: [(u64, &str); 4] = [
    (1_000_000_000_000, "trillion"),
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
];

fn english_below_1000(n: u64, and: bool, hyphen: bool) -> String {
    let mut words = Vec::new();
    if n >= 100 {
        words.push(format!("{} hundred", EN_UNITS[(n / 100) as usize]));
    }
    let r = n % 100;
    if r > 0 {
        if n >= 100 && and {
            words.push("and".to_string());
        }
        if r < 20 {
            words.push(EN_UNITS[r as usize].to_string());
        } else if r % 10 == 0 {
            words.push(EN_TENS[(r / 10) as usize].to_string());
        } else {
            let sep = if hyphen { "-" } else { " " };
            words.push(format!(
                "{}{sep}{}",
                EN_TENS[(r / 10) as usize],
                EN_UNITS[(r % 10) as usize]
            ));
        }
    }
    words.join(" ")
}

/// Spells `n` (< 10^15) in English words.
fn english_words(n: u64, and: bool, hyphen: bool) -> String {
    if n == 0 {
        return "zero".to_string();
    }
    let mut words = Vec::new();
    let mut rest = n;
    for (m, w) in EN_SCALES {
        let g = rest / m;
        rest %= m;
        if g > 0 {
            words.push(format!("{} {w}", english_below_1000(g, and, hyphen)));
        }
    }
    if rest > 0 {
        words.push(english_below_1000(rest, and, hyphen));
    }
    words.join(" ")
}

fn english_commas(n: u128) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn read_ko(text: &str) -> Decimal {
    let n = korean_numeral(text, false)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .unwrap_or_else(|| panic!("{text}: no numeral"));
    assert_eq!(n.len, text.len(), "{text}: read only {:?}", &text[..n.len]);
    n.value
}

fn read_en(text: &str) -> Decimal {
    let n = english_numeral(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .unwrap_or_else(|| panic!("{text}: no numeral"));
    assert_eq!(n.len, text.len(), "{text}: read only {:?}", &text[..n.len]);
    n.value
}

fn scanner() -> &'static AmountScanner {
    static S: OnceLock<AmountScanner> = OnceLock::new();
    S.get_or_init(|| AmountScanner::new(AmountLexicon::builtin().expect("lexicon")))
}

fn check_spans(s: &str, lang: Lang) {
    let mut w = Vec::new();
    let ms = scanner().scan(s, lang, &mut w);
    let mut last = 0;
    for m in &ms {
        assert!(m.start >= last, "{s:?}: overlapping or unordered {ms:?}");
        assert!(m.start < m.end && m.end <= s.len(), "{s:?}: bad span {m:?}");
        assert!(
            s.is_char_boundary(m.start) && s.is_char_boundary(m.end),
            "{s:?}: {m:?}"
        );
        if let Some((a, b)) = m.subject {
            assert!(a < b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b));
        }
        last = m.end;
    }
}

/// Text made of the pieces amounts are made of, to reach deep paths of the scanner.
fn amountish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "1",
        "2",
        "0",
        "9",
        "1,234",
        "2.5",
        ".",
        ",",
        "조",
        "억",
        "만",
        "천",
        "백",
        "십",
        "경",
        "일",
        "이",
        "삼",
        "수",
        "여",
        "원",
        "달러",
        "센트",
        "$",
        "US$",
        "₩",
        "%",
        "%포인트",
        "명",
        "대",
        "개",
        "주",
        "약",
        "가량",
        "이상",
        "미만",
        "규모의",
        "~",
        "-",
        " ",
        "  ",
        "(",
        ")",
        "을",
        "에",
        "두",
        "세",
        "billion",
        "million",
        "dollars",
        "cents",
        "and",
        "between",
        "about",
        "more than",
        "percent",
        "five",
        "twenty",
        "A",
        "HBM",
        "제",
        "년",
        "대통령",
        "스타게이트",
        "\u{a0}",
        "\u{202f}",
        "é",
        "🙂",
        "한",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn korean_u64_round_trips(n in any::<u64>(), styles in prop::collection::vec(any::<u8>(), 6), spaces in prop::collection::vec(any::<bool>(), 6)) {
        let text = korean(u128::from(n), &styles, &spaces);
        prop_assert_eq!(read_ko(&text), Decimal::from(n), "{}", text);
    }

    #[test]
    fn korean_below_1e20_round_trips(n in 0u128..100_000_000_000_000_000_000, styles in prop::collection::vec(any::<u8>(), 6), spaces in prop::collection::vec(any::<bool>(), 6)) {
        let text = korean(n, &styles, &spaces);
        prop_assert_eq!(read_ko(&text), Decimal::from(n), "{}", text);
    }

    #[test]
    fn korean_fully_spelled_round_trips(n in 1u64..10_000_000_000_000_000) {
        // 일조이천억...: every group spelled, no spaces
        let text = korean(u128::from(n), &[2; 6], &[false; 6]);
        prop_assert_eq!(read_ko(&text), Decimal::from(n), "{}", text);
    }

    #[test]
    fn english_digits_round_trip(n in 0u128..100_000_000_000_000_000_000) {
        prop_assert_eq!(read_en(&english_commas(n)), Decimal::from(n));
        prop_assert_eq!(read_en(&n.to_string()), Decimal::from(n));
    }

    #[test]
    fn english_scaled_round_trips(mantissa in 1u64..1_000_000, decimals in 0u32..4, scale in 0usize..4) {
        let (m, word) = [(1_000u64, "thousand"), (1_000_000, "million"), (1_000_000_000, "billion"), (1_000_000_000_000, "trillion")][scale];
        let x = Decimal::new(mantissa as i64, decimals);
        let text = format!("{x} {word}");
        prop_assert_eq!(read_en(&text), x * Decimal::from(m), "{}", text);
    }

    #[test]
    fn english_words_round_trip(n in 0u64..1_000_000_000_000_000, and in any::<bool>(), hyphen in any::<bool>()) {
        let text = english_words(n, and, hyphen);
        prop_assert_eq!(read_en(&text), Decimal::from(n), "{}", text);
    }

    #[test]
    fn scan_never_panics_on_any_text(s in any::<String>()) {
        check_spans(&s, Lang::Ko);
        check_spans(&s, Lang::En);
    }

    #[test]
    fn scan_never_panics_on_amount_like_text(s in amountish()) {
        check_spans(&s, Lang::Ko);
        check_spans(&s, Lang::En);
    }

    #[test]
    fn numerals_never_panic(s in amountish()) {
        let _ = korean_numeral(&s, true);
        let _ = korean_numeral(&s, false);
        let _ = english_numeral(&s);
    }
}

#[test]
fn generators_write_what_we_expect() {
    assert_eq!(
        korean(1_200_034_567_890, &[0, 0, 0, 0], &[false; 4]),
        "1조2000억3456만7890"
    );
    assert_eq!(
        korean(1_200_000_000_000, &[0, 1], &[false, true]),
        "1조 2,000억"
    );
    assert_eq!(
        korean(1_200_000_000_000, &[2, 2], &[false, false]),
        "일조이천억"
    );
    assert_eq!(
        english_words(125_000, true, true),
        "one hundred and twenty-five thousand"
    );
    assert_eq!(english_commas(1_234_567), "1,234,567");
}
