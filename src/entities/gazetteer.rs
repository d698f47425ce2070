//! The gazetteer: named entities with their Korean and English names and
//! aliases, loaded once from `dictionaries/gazetteer/*.tsv` (and user files),
//! and found in text with one trie over their characters, walked from given
//! offsets (where tokens start) or from every character.

use crate::error::{Error, Result};
use crate::lexicon::parse_tsv;
use crate::output::EntityType;
use foldhash::HashMap;

const BUILTIN: &[(&str, &str)] = &[
    (
        "gazetteer/public.tsv",
        include_str!("../../dictionaries/gazetteer/public.tsv"),
    ),
    (
        "gazetteer/business.tsv",
        include_str!("../../dictionaries/gazetteer/business.tsv"),
    ),
    (
        "gazetteer/culture.tsv",
        include_str!("../../dictionaries/gazetteer/culture.tsv"),
    ),
];

const HEADER: &[&str] = &[
    "id",
    "type",
    "name_ko",
    "name_en",
    "aliases_ko",
    "aliases_en",
    "affiliation",
];

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// Stable key (`org:samsung-electronics`).
    pub id: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Canonical Korean name.
    pub name_ko: String,
    /// Canonical English name.
    pub name_en: String,
    /// Index of the entry this one belongs to, if any.
    pub affiliation: Option<usize>,
}

/// A gazetteer surface found in text (byte span), with the entries it may name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerHit<'g> {
    /// Byte offset where the surface starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// Indices of the entries with this surface (usually one).
    pub entries: &'g [usize],
}

/// All entries and the trie over their surfaces.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    /// For each distinct surface, the entries it names.
    pattern_entries: Vec<Vec<usize>>,
    surfaces: SurfaceTrie,
}

/// The surfaces as a trie over characters. Candidates start where tokens
/// do, so the gazetteer is walked from token starts: one lookup a character
/// for as long as the text spells the beginning of some surface, where an
/// Aho-Corasick scan reads every byte of the text (and an anchored walk of
/// its byte automaton takes three steps a Korean syllable; measured a little
/// dearer than this).
#[derive(Debug, Clone)]
struct SurfaceTrie {
    /// (node, next character) → child node; node 0 is the root.
    children: HashMap<(u32, char), u32>,
    /// The surface (index into `pattern_entries`) each node spells, if any.
    surface_at: Vec<Option<u32>>,
}

impl SurfaceTrie {
    fn new<'s>(surfaces: impl IntoIterator<Item = &'s str>) -> Result<Self> {
        let too_many = || Error::Lexicon {
            source_name: "gazetteer".to_owned(),
            line: 0,
            message: "too many surfaces".to_owned(),
        };
        let mut trie = SurfaceTrie {
            children: HashMap::default(),
            surface_at: vec![None],
        };
        for (index, surface) in surfaces.into_iter().enumerate() {
            let mut node = 0;
            for c in surface.chars() {
                let next = u32::try_from(trie.surface_at.len()).map_err(|_| too_many())?;
                node = *trie.children.entry((node, c)).or_insert_with(|| {
                    trie.surface_at.push(None);
                    next
                });
            }
            let index = u32::try_from(index).map_err(|_| too_many())?;
            if let Some(slot) = trie.surface_at.get_mut(node as usize) {
                *slot = Some(index);
            }
        }
        Ok(trie)
    }

    /// The surfaces `text[start..]` begins with, shortest first: their end
    /// offsets and indices.
    fn prefixes_at<'t>(
        &'t self,
        text: &'t str,
        start: usize,
    ) -> impl Iterator<Item = (usize, u32)> + 't {
        let rest = text.get(start..).unwrap_or("");
        let mut node = 0;
        rest.char_indices()
            .map_while(move |(offset, c)| {
                node = *self.children.get(&(node, c))?;
                Some((start + offset + c.len_utf8(), node))
            })
            .filter_map(|(end, node)| Some((end, self.surface_at.get(node as usize).copied()??)))
    }
}

impl Gazetteer {
    /// Loads the built-in gazetteer files, then the user files in order (a
    /// user entry with an existing id replaces the built-in one).
    pub fn load(user_files: &[std::path::PathBuf]) -> Result<Self> {
        let mut builder = Builder::default();
        for (name, content) in BUILTIN {
            builder.add_file(name, content)?;
        }
        for path in user_files {
            let content = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            builder.add_file(&path.display().to_string(), &content)?;
        }
        builder.build()
    }

    /// Builds a gazetteer from TSV text alone (for tests).
    pub fn from_tsv(name: &str, content: &str) -> Result<Self> {
        let mut builder = Builder::default();
        builder.add_file(name, content)?;
        builder.build()
    }

    /// The entry at `index`.
    pub fn entry(&self, index: usize) -> &GazetteerEntry {
        &self.entries[index]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The index of the entry with this id.
    pub fn find_id(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// Every occurrence of every surface in `text`, overlapping ones included,
    /// ordered by start then longest first. Callers choose among them by
    /// word boundaries.
    pub fn find_all(&self, text: &str) -> Vec<GazetteerHit<'_>> {
        self.find_starting_at(text, text.char_indices().map(|(i, _)| i))
    }

    /// The hits of [`Gazetteer::find_all`] that start at one of `starts`
    /// (ascending byte offsets), in the same order; no surface starts
    /// inside a character.
    pub fn find_starting_at(
        &self,
        text: &str,
        starts: impl IntoIterator<Item = usize>,
    ) -> Vec<GazetteerHit<'_>> {
        let mut hits = Vec::new();
        let mut previous = None;
        for start in starts {
            if previous == Some(start) {
                continue;
            }
            previous = Some(start);
            let from = hits.len();
            for (end, surface) in self.surfaces.prefixes_at(text, start) {
                if let Some(entries) = self.pattern_entries.get(surface as usize) {
                    hits.push(GazetteerHit {
                        start,
                        end,
                        entries,
                    });
                }
            }
            // Longest first.
            hits[from..].reverse();
        }
        hits
    }
}

#[derive(Default)]
struct Builder {
    entries: Vec<GazetteerEntry>,
    ids: HashMap<String, usize>,
    /// Surfaces per entry, and unresolved affiliations to fix at the end.
    surfaces: Vec<Vec<String>>,
    affiliations: Vec<(usize, String, String, usize)>,
}

impl Builder {
    fn add_file(&mut self, name: &str, content: &str) -> Result<()> {
        for row in parse_tsv(name, content, HEADER, 4)? {
            let error = |message: String| Error::Lexicon {
                source_name: name.to_owned(),
                line: row.line,
                message,
            };
            let id = row.get(0).trim();
            let entity_type = match row.get(1).trim() {
                "PERSON" => EntityType::Person,
                "ORG" => EntityType::Org,
                "LOCATION" => EntityType::Location,
                "PRODUCT" => EntityType::Product,
                "EVENT" => EntityType::Event,
                "DATE" => EntityType::Date,
                other => return Err(error(format!("unknown type {other:?}"))),
            };
            let name_ko = row.get(2).trim().to_owned();
            let name_en = row.get(3).trim().to_owned();
            if id.is_empty() || (name_ko.is_empty() && name_en.is_empty()) {
                return Err(error("an entry needs an id and a name".to_owned()));
            }
            let mut surfaces = vec![name_ko.clone(), name_en.clone()];
            for aliases in [row.get(4), row.get(5)] {
                surfaces.extend(aliases.split('|').map(|a| a.trim().to_owned()));
            }
            surfaces.retain(|s| s.chars().count() >= 2);
            surfaces.sort();
            surfaces.dedup();
            let entry = GazetteerEntry {
                id: id.to_owned(),
                entity_type,
                name_ko,
                name_en,
                affiliation: None,
            };
            let index = match self.ids.get(id) {
                Some(&existing) => {
                    self.entries[existing] = entry;
                    self.surfaces[existing] = surfaces;
                    existing
                }
                None => {
                    self.ids.insert(id.to_owned(), self.entries.len());
                    self.entries.push(entry);
                    self.surfaces.push(surfaces);
                    self.entries.len() - 1
                }
            };
            let affiliation = row.get(6).trim();
            if !affiliation.is_empty() {
                self.affiliations
                    .push((index, affiliation.to_owned(), name.to_owned(), row.line));
            }
        }
        Ok(())
    }

    fn build(mut self) -> Result<Gazetteer> {
        for (index, affiliation, _file, _line) in std::mem::take(&mut self.affiliations) {
            // An affiliation to an entry nobody wrote is dropped, not an error:
            // gazetteer files are written independently.
            self.entries[index].affiliation = self.ids.get(&affiliation).copied();
        }
        let (patterns, pattern_entries) = self.distinct_surfaces();
        let surfaces = SurfaceTrie::new(patterns)?;
        Ok(Gazetteer {
            entries: self.entries,
            pattern_entries,
            surfaces,
        })
    }

    /// The distinct surfaces, sorted, and the entries each names.
    fn distinct_surfaces(&self) -> (Vec<&str>, Vec<Vec<usize>>) {
        let mut by_surface: HashMap<&str, Vec<usize>> = HashMap::default();
        for (index, surfaces) in self.surfaces.iter().enumerate() {
            for surface in surfaces {
                by_surface.entry(surface.as_str()).or_default().push(index);
            }
        }
        let mut patterns: Vec<&str> = by_surface.keys().copied().collect();
        patterns.sort_unstable();
        let pattern_entries = patterns
            .iter()
            .map(|p| by_surface.get(p).cloned().unwrap_or_default())
            .collect();
        (patterns, pattern_entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "# test\nid\ttype\tname_ko\tname_en\taliases_ko\taliases_en\taffiliation\n\
        org:samsung-group\tORG\t삼성그룹\tSamsung Group\t\t\t\n\
        org:samsung-electronics\tORG\t삼성전자\tSamsung Electronics\t삼성\tSamsung\torg:samsung-group\n\
        org:sk-hynix\tORG\tSK하이닉스\tSK hynix\t하이닉스\t\torg:nowhere\n";

    #[test]
    fn loads_entries_and_affiliations() {
        let gazetteer = Gazetteer::from_tsv("t", TSV).unwrap();
        assert_eq!(gazetteer.len(), 3);
        let electronics = gazetteer.find_id("org:samsung-electronics").unwrap();
        assert_eq!(
            gazetteer.entry(electronics).affiliation,
            gazetteer.find_id("org:samsung-group")
        );
        assert_eq!(gazetteer.entry(2).affiliation, None);
    }

    #[test]
    fn finds_overlapping_surfaces_longest_first() {
        let gazetteer = Gazetteer::from_tsv("t", TSV).unwrap();
        let text = "삼성전자와 SK하이닉스";
        let hits: Vec<(&str, Vec<usize>)> = gazetteer
            .find_all(text)
            .into_iter()
            .map(|h| (&text[h.start..h.end], h.entries.to_vec()))
            .collect();
        assert_eq!(
            hits,
            vec![
                ("삼성전자", vec![1]),
                ("삼성", vec![1]),
                ("SK하이닉스", vec![2]),
                ("하이닉스", vec![2])
            ]
        );
    }

    #[test]
    fn hits_from_given_starts_are_those_of_the_whole_text() {
        let gazetteer = Gazetteer::load(&[]).unwrap();
        let mut texts = vec![
            "삼성전자와 SK하이닉스, 삼성삼성전자 미국 워싱턴DC에서".to_owned(),
            String::new(),
        ];
        let folders = ["corpus/ko", "corpus/en"];
        for folder in folders {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
            for entry in std::fs::read_dir(folder).unwrap() {
                texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            }
        }
        // An Aho-Corasick automaton over the same surfaces, searched for
        // every occurrence (what the gazetteer used before the trie).
        let mut builder = Builder::default();
        for (name, content) in BUILTIN {
            builder.add_file(name, content).unwrap();
        }
        let (patterns, pattern_entries) = builder.distinct_surfaces();
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&patterns)
            .unwrap();
        let mut found = 0;
        for text in &texts {
            let all = gazetteer.find_all(text);
            let mut scanned: Vec<(usize, usize, &[usize])> = automaton
                .find_overlapping_iter(text.as_str())
                .map(|m| {
                    (
                        m.start(),
                        m.end(),
                        &pattern_entries[m.pattern().as_usize()][..],
                    )
                })
                .collect();
            scanned.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let hits: Vec<(usize, usize, &[usize])> =
                all.iter().map(|h| (h.start, h.end, h.entries)).collect();
            assert_eq!(hits, scanned);
            // From every character: everything.
            let everywhere = text.char_indices().map(|(i, _)| i);
            assert_eq!(gazetteer.find_starting_at(text, everywhere), all);
            // From some (repeated) offsets: the hits there.
            let some: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .filter(|i| i % 3 == 0)
                .flat_map(|i| [i, i])
                .collect();
            let expected: Vec<GazetteerHit> = all
                .iter()
                .filter(|h| some.contains(&h.start))
                .cloned()
                .collect();
            assert_eq!(gazetteer.find_starting_at(text, some), expected);
            found += all.len();
        }
        assert!(found > 1000, "only {found} hits");
    }

    #[test]
    fn bad_type_is_reported_with_its_line() {
        let err = Gazetteer::from_tsv(
            "g.tsv",
            "id\ttype\tname_ko\tname_en\taliases_ko\taliases_en\taffiliation\nx\tTHING\t가\tb\n",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "g.tsv:2: unknown type \"THING\"");
    }
}
