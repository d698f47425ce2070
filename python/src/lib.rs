//! The Python binding of korex: the same records as the command line, as
//! Python dicts.
//!
//! ```python
//! import korex
//! record = korex.extract("오픈AI는 삼성전자와 양해각서를 체결했다.", id="a1")
//! records = korex.extract_many(["...", {"id": "b", "text": "..."}], jobs=2)
//! ```
//!
//! Extraction runs with the GIL released, so other Python threads go on
//! meanwhile; `extract_many` runs on rayon threads and keeps input order.
#![deny(missing_docs)]

use ::korex as core;
use core::batch::error_record;
use core::{Config, Input, Record};
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

pyo3::create_exception!(
    korex,
    KorexError,
    PyException,
    "A korex pipeline could not be built (a dictionary or gazetteer did not load), or extraction failed."
);

/// The id of an article given without one, as `korex extract` names text read
/// from standard input.
const DEFAULT_ID: &str = "stdin";

/// A loaded extraction pipeline, for many calls: dictionaries load once
/// (about a second), then each extraction is cheap.
///
/// `Pipeline(gazetteer=None, tokens=False)`: `gazetteer` is a list of extra
/// gazetteer files (TSV, as in korex's `dictionaries/gazetteer/`); `tokens`
/// includes the tokens in every record.
#[pyclass(frozen, module = "korex")]
struct Pipeline {
    inner: Arc<core::Pipeline>,
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (gazetteer = None, tokens = false))]
    fn new(py: Python<'_>, gazetteer: Option<Vec<PathBuf>>, tokens: bool) -> PyResult<Self> {
        let config = Config {
            include_tokens: tokens,
            gazetteers: gazetteer.unwrap_or_default(),
        };
        let inner = py
            .detach(|| core::Pipeline::new(config))
            .map_err(|e| KorexError::new_err(e.to_string()))?;
        Ok(Pipeline {
            inner: Arc::new(inner),
        })
    }

    /// `extract(text, id=None, title=None) -> dict`: the record of one article.
    #[pyo3(signature = (text, id = None, title = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        id: Option<String>,
        title: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        extract_one(py, &self.inner, text, id, title)
    }

    /// `extract_many(iterable, jobs=None) -> list[dict]`: records in input
    /// order, extracted in parallel.
    #[pyo3(signature = (items, jobs = None))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        jobs: Option<usize>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        extract_all(py, &self.inner, items, jobs)
    }

    fn __repr__(&self) -> String {
        let config = self.inner.config();
        format!(
            "korex.Pipeline(gazetteer={:?}, tokens={})",
            config.gazetteers,
            if config.include_tokens {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// The pipeline behind the module-level functions, loaded on first use.
fn default_pipeline(py: Python<'_>) -> PyResult<&'static core::Pipeline> {
    static DEFAULT: OnceLock<Result<core::Pipeline, String>> = OnceLock::new();
    // Loading runs without the GIL; a second thread waits for the first.
    let loaded = py.detach(|| {
        DEFAULT.get_or_init(|| core::Pipeline::new(Config::default()).map_err(|e| e.to_string()))
    });
    loaded
        .as_ref()
        .map_err(|message| KorexError::new_err(message.clone()))
}

/// `extract(text, id=None, title=None) -> dict`: the record of one article,
/// as `korex extract` writes it. Without an id, the id is `"stdin"`.
#[pyfunction]
#[pyo3(signature = (text, id = None, title = None))]
fn extract(
    py: Python<'_>,
    text: String,
    id: Option<String>,
    title: Option<String>,
) -> PyResult<Bound<'_, PyAny>> {
    extract_one(py, default_pipeline(py)?, text, id, title)
}

/// `extract_many(iterable, jobs=None) -> list[dict]`: one record per item, in
/// input order, extracted in parallel on `jobs` threads (default: all
/// cores). An item is a text (its id is its position, `"0"`, `"1"`...) or a
/// dict `{"id"?, "title"?, "text"}` as in korex's JSON Lines input; a dict
/// that is not an article gives the CLI's `malformed_record` error record in
/// its place.
#[pyfunction]
#[pyo3(signature = (items, jobs = None))]
fn extract_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    jobs: Option<usize>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    extract_all(py, default_pipeline(py)?, items, jobs)
}

/// `schema() -> dict`: the JSON Schema of the records.
#[pyfunction]
fn schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_loads(py, core::output::JSON_SCHEMA)
}

fn extract_one<'py>(
    py: Python<'py>,
    pipeline: &core::Pipeline,
    text: String,
    id: Option<String>,
    title: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut input = Input::new(id.unwrap_or_else(|| DEFAULT_ID.to_owned()), text);
    input.title = title;
    let json = py.detach(|| {
        let extraction = pipeline.extract(&input)?;
        serde_json::to_string(&extraction).map_err(|e| core::Error::Internal {
            message: e.to_string(),
        })
    });
    let json = json.map_err(|e| KorexError::new_err(e.to_string()))?;
    json_loads(py, &json)
}

/// One item of `extract_many`, read while the GIL is held.
enum Item {
    Article(Input),
    Failed(Record),
}

fn extract_all<'py>(
    py: Python<'py>,
    pipeline: &core::Pipeline,
    items: &Bound<'py, PyAny>,
    jobs: Option<usize>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let json_module = py.import("json")?;
    let mut inputs = Vec::new();
    for (index, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let fallback_id = index.to_string();
        if item.is_instance_of::<PyString>() {
            let text: String = item.extract()?;
            inputs.push(Item::Article(Input::new(fallback_id, text)));
        } else if item.is_instance_of::<PyDict>() {
            // Through JSON, so that a dict is read exactly as a JSON Lines line.
            let line: String = json_module.call_method1("dumps", (&item,))?.extract()?;
            inputs.push(
                match core::input::parse_json_record(&line, index + 1, &fallback_id, None) {
                    Ok(input) => Item::Article(input),
                    Err(error) => Item::Failed(error_record(&fallback_id, None, &error)),
                },
            );
        } else {
            let type_name = item.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "item {index} is a {type_name}: expected a str or a dict with a \"text\""
            )));
        }
    }
    let lines: Vec<String> = py
        .detach(|| {
            let run = || {
                inputs
                    .par_iter()
                    .map_init(
                        || pipeline.worker(),
                        |worker, item| {
                            let record = match item {
                                Item::Article(input) => match worker.extract(input) {
                                    Ok(extraction) => Record::Extraction(Box::new(extraction)),
                                    Err(error) => error_record(&input.id, None, &error),
                                },
                                Item::Failed(record) => record.clone(),
                            };
                            serde_json::to_string(&record).unwrap_or_else(|e| {
                                let failed = error_record(
                                    record.id(),
                                    None,
                                    &core::Error::Internal {
                                        message: e.to_string(),
                                    },
                                );
                                serde_json::to_string(&failed).unwrap_or_default()
                            })
                        },
                    )
                    .collect()
            };
            match jobs {
                Some(jobs) => rayon::ThreadPoolBuilder::new()
                    .num_threads(jobs.max(1))
                    .build()
                    .map_err(|e| e.to_string())
                    .map(|pool| pool.install(run)),
                None => Ok(run()),
            }
        })
        .map_err(KorexError::new_err)?;
    lines
        .iter()
        .map(|line| json_module.call_method1("loads", (line,)))
        .collect()
}

fn json_loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

/// korex: entities, amounts and commitments from Korean and English news.
#[pymodule]
fn korex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pipeline>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add("KorexError", m.py().get_type::<KorexError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
