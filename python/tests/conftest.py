"""Shared fixtures: the repository, the korex CLI of this checkout, the schema."""

import json
import os
import pathlib
import subprocess

import jsonschema
import pytest

import korex

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def korex_bin():
    """The release binary (`cargo build --release`), or $KOREX_BIN."""
    path = pathlib.Path(os.environ.get("KOREX_BIN", REPO / "target" / "release" / "korex"))
    if not path.exists():
        pytest.fail(f"{path} is missing: run `cargo build --release` first")
    return path


@pytest.fixture(scope="session")
def cli_records(korex_bin):
    """`korex extract PATH...` as parsed JSON Lines."""

    def run(*paths):
        out = subprocess.run(
            [str(korex_bin), "extract", "-q", *map(str, paths)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return [json.loads(line) for line in out.splitlines()]

    return run


@pytest.fixture(scope="session")
def validate():
    """Validates a record against korex's JSON Schema (from korex.schema())."""
    validator = jsonschema.Draft202012Validator(korex.schema())

    def check(record):
        errors = [f"{e.message} at {list(e.absolute_path)}" for e in validator.iter_errors(record)]
        assert errors == [], errors
        return record

    return check
