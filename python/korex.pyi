"""korex: entities, amounts and commitments from Korean and English news.

Records are plain dicts shaped as korex's JSON Schema (`schema()`)."""

from os import PathLike
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

__version__: str

Record = dict[str, Any]
Item = Union[str, Mapping[str, Any]]

class KorexError(Exception):
    """A pipeline could not be built, or extraction failed."""

class Pipeline:
    """Dictionaries loaded once, for many calls."""

    def __init__(
        self,
        gazetteer: Optional[Sequence[Union[str, PathLike[str]]]] = None,
        tokens: bool = False,
    ) -> None: ...
    def extract(
        self, text: str, id: Optional[str] = None, title: Optional[str] = None
    ) -> Record: ...
    def extract_many(self, items: Iterable[Item], jobs: Optional[int] = None) -> list[Record]: ...

def extract(text: str, id: Optional[str] = None, title: Optional[str] = None) -> Record:
    """The record of one article (id "stdin" when none is given)."""

def extract_many(items: Iterable[Item], jobs: Optional[int] = None) -> list[Record]:
    """One record per item (a text, or a dict {id?, title?, text}), in input order."""

def schema() -> dict[str, Any]:
    """The JSON Schema of the records."""
