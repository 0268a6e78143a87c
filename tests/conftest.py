"""Shared fixtures: the seed corpus and small corpora written to temporary folders."""
from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest

from helpers.loading import read_corpus
from helpers.paths import SEEDS


def _seed_fingerprint() -> dict[str, tuple[str, int]]:
    """Every entry of seeds/ with its SHA-256 (or its type) and modification time."""
    found = {}
    for path in sorted(SEEDS.rglob("*")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else "other"
        found[str(path.relative_to(SEEDS))] = (digest, path.lstat().st_mtime_ns)
    return found


@pytest.fixture(scope="session", autouse=True)
def seeds_stay_byte_identical():
    """Across the whole session, no test adds, changes or removes anything in seeds/ (checked at the end)."""
    before = _seed_fingerprint()
    yield
    assert _seed_fingerprint() == before, "a test changed seeds/"


@pytest.fixture(scope="session")
def corpus():
    """The five seed articles, loaded once."""
    return read_corpus(SEEDS)


@pytest.fixture()
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the seeds folder."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def para(corpus, doc_id: str, para_id: int):
    """Return one paragraph row of the corpus."""
    rows = corpus.paragraphs[(corpus.paragraphs["doc_id"] == doc_id) & (corpus.paragraphs["para_id"] == para_id)]
    assert len(rows) == 1, (doc_id, para_id)
    return rows.iloc[0]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Build every report once into a temporary folder: (out_dir, results, progress log)."""
    from helpers.build import build

    out = tmp_path_factory.mktemp("outputs")
    log = io.StringIO()
    results = build(SEEDS, out, progress=log)
    return out, results, log.getvalue()
