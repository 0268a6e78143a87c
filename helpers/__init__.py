"""Arabic news analysis workbook: the logic behind the notebooks.

Start with :func:`load_corpus` and :func:`load_paragraphs`; cleaning steps live in
:mod:`helpers.cleaning`, the matching form in :mod:`helpers.matching`.
"""
from .cleaning import PIPELINE, clean_text, clean_with_audit
from .errors import CorpusWarning, WorkbookError
from .loading import load_corpus, load_paragraphs, read_corpus
from .matching import matching_form_with_map, normalize_for_matching

__all__ = [
    "PIPELINE", "clean_text", "clean_with_audit", "CorpusWarning", "WorkbookError",
    "load_corpus", "load_paragraphs", "read_corpus", "matching_form_with_map", "normalize_for_matching",
]
