"""Where things live. The only module that builds paths from the repository layout."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(__file__).resolve().parent
LEXICONS = PACKAGE_DIR / "lexicons"
SEEDS = ROOT / "seeds"
OUTPUTS = ROOT / "outputs"
NOTEBOOKS = ROOT / "notebooks"


def lexicon(name: str) -> Path:
    """Return the path of a lexicon data file shipped in ``helpers/lexicons``."""
    return LEXICONS / name


def figures_dir(out_dir: str | Path) -> Path:
    """Return (and create) the figures folder under an output folder."""
    path = Path(out_dir) / "figures"
    path.mkdir(parents=True, exist_ok=True)
    return path


def tables_dir(out_dir: str | Path) -> Path:
    """Return (and create) the tables folder under an output folder."""
    path = Path(out_dir) / "tables"
    path.mkdir(parents=True, exist_ok=True)
    return path
