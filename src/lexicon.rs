//! Reading the plain-text data files of `dictionaries/`.
//!
//! Every file is tab-separated: `#` comment lines saying what each column
//! means, one header line naming the columns, then one row a line.

use crate::error::{Error, Result};

/// One data row: its 1-based line number and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    /// The tab-separated fields, untrimmed.
    pub fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The field at `index`, or "" when the row is shorter.
    pub fn get(&self, index: usize) -> &'a str {
        self.fields.get(index).copied().unwrap_or("")
    }
}

/// Parses a TSV data file: skips comments and blank lines, checks the header
/// names `expected_header` (column names, in order) and that every row has at
/// least `min_fields` fields.
pub fn parse_tsv<'a>(
    source_name: &str,
    content: &'a str,
    expected_header: &[&str],
    min_fields: usize,
) -> Result<Vec<Row<'a>>> {
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (index, line) in content.lines().enumerate() {
        let line_number = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            header_seen = true;
            let names: Vec<&str> = fields.iter().map(|f| f.trim()).collect();
            if !names.starts_with(expected_header) {
                return Err(Error::Lexicon {
                    source_name: source_name.to_owned(),
                    line: line_number,
                    message: format!(
                        "header should start with {:?}, found {:?}",
                        expected_header, names
                    ),
                });
            }
            continue;
        }
        if fields.len() < min_fields {
            return Err(Error::Lexicon {
                source_name: source_name.to_owned(),
                line: line_number,
                message: format!(
                    "expected at least {min_fields} tab-separated fields, found {}",
                    fields.len()
                ),
            });
        }
        rows.push(Row {
            line: line_number,
            fields,
        });
    }
    if !header_seen {
        return Err(Error::Lexicon {
            source_name: source_name.to_owned(),
            line: 0,
            message: "no header line".to_owned(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_checks_header() {
        let rows = parse_tsv("t", "# what\na\tb\nx\ty\n\nz\tw\textra\n", &["a", "b"], 2).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[1].fields, vec!["z", "w", "extra"]);
        assert_eq!(rows[0].get(5), "");
    }

    #[test]
    fn reports_bad_rows_with_their_line() {
        let err = parse_tsv("t.tsv", "a\tb\nonly\n", &["a", "b"], 2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv:2: expected at least 2 tab-separated fields, found 1"
        );
        assert!(parse_tsv("t", "x\ty\n", &["a"], 1).is_err());
    }
}
