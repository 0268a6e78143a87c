"""Sources cited: which news outlets and agencies an article names, and whether it names itself.

The list of sources is ``helpers/lexicons/sources.csv`` (``actor_id, kind, note``): the ids are the
actor gazetteer's (``sputnik``, ``anadolu``, ``afp``, ``rt``, ``zaman_al_wasl``...), so the spellings
live in one place, ``actors.csv``, and are found by its mention finder. ``kind`` is ``news_agency``,
``newspaper``, ``tv_channel`` or ``outlet``. A source that is the article's own outlet (its
``outlet`` in ``metadata.csv`` is one of the actor's names, as ``الوسيلة`` in 000) is flagged
``self_reference``: naming yourself is not citing a source. A name followed at once by the same source
in brackets (``وكالة رويترز (Reuters)``, ``فرانس برس (أ ف ب)``) is one citation, the first.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import WorkbookError
from ..lexicon import Lexicons, file_stamp, load_lexicon, split_list, where
from ..paths import lexicon as lexicon_path
from ..loading import frame_from_rows
from .mentions import OTHER_SIDE, gazetteer, side_map
from .terms import term_key

SOURCES_FILE = "sources.csv"
SOURCE_KINDS = ("news_agency", "newspaper", "tv_channel", "outlet")
SOURCE_COLUMNS = ("doc_id", "para_id", "sent_id", "source_id", "surface", "source_kind", "side", "self_reference")


# Between a source's name and the same name glossed in brackets: ``وكالة رويترز (Reuters)``.
_GLOSS_GAP_RE = re.compile(r"\s*[(\[]\s*")

SOURCE_FILE_COLUMNS = dict(required=["actor_id", "kind"], optional=["note"], unique=["actor_id"],
                           allowed={"kind": SOURCE_KINDS})


def load_sources(path: str | Path | None = None, actor_ids=None, lexicons=None) -> pd.DataFrame:
    """Load and validate the list of sources; an id that is not a gazetteer actor is an error.

    With ``path`` None, ``lexicons`` (a corpus folder, a loaded corpus or a
    :class:`~helpers.lexicon.Lexicons`) may extend the shipped file with the corpus's own
    ``lexicons/sources.csv``; ``actor_ids`` then defaults to the ids of that corpus's gazetteer.
    """
    if path is None:
        lex = Lexicons.of(lexicons)
        ids = frozenset(gazetteer(lexicons=lex).ids if actor_ids is None else actor_ids)
        return _load_sources_overlay(lex, ids).copy()
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        p = lexicon_path(str(path))
    ids = frozenset(gazetteer().ids if actor_ids is None else actor_ids)
    return _load_sources(str(p), file_stamp(p), ids).copy()


@lru_cache(maxsize=8)
def _load_sources_overlay(lexicons: Lexicons, actor_ids: frozenset) -> pd.DataFrame:
    return _check_sources(lexicons.load(SOURCES_FILE, **SOURCE_FILE_COLUMNS), actor_ids)


@lru_cache(maxsize=8)
def _load_sources(path: str, _stamp, actor_ids: frozenset) -> pd.DataFrame:
    return _check_sources(load_lexicon(path, **SOURCE_FILE_COLUMNS), actor_ids)


def _check_sources(frame: pd.DataFrame, actor_ids: frozenset) -> pd.DataFrame:
    for rec in frame.to_dict("records"):
        if rec["actor_id"] not in actor_ids:
            raise WorkbookError(f"{where(rec)}: {rec['actor_id']!r} is not an actor_id of the gazetteer")
    return frame


def sources_cited(scans, articles: pd.DataFrame, gaz=None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per mention of a source in the scanned paragraphs (columns :data:`SOURCE_COLUMNS`).

    ``side`` is the state the source belongs to in the gazetteer (``sputnik`` -> ``russia``) or
    ``other``; ``self_reference`` is 1 when the source is the article's own outlet. Text order.
    """
    gaz = gazetteer(gaz if gaz is not None else getattr(scans, "gazetteer", None))
    if sources is None:
        sources = load_sources(actor_ids=gaz.ids, lexicons=getattr(scans, "lexicons", None))
    kinds = dict(zip(sources["actor_id"], sources["kind"]))
    forms = {a: {term_key(f) for f in split_list(fs)} | {term_key(l)}
             for a, fs, l in zip(gaz.actors["actor_id"], gaz.actors["forms"], gaz.actors["label_ar"]) if a in kinds}
    own = {d: term_key(o) for d, o in zip(articles["doc_id"], articles["outlet"])}
    sides = side_map(gaz)
    rows = []
    for p in scans:
        last = None  # the previous source mention of the paragraph
        for m in p.mentions:
            if m.actor_id in kinds and m.kind == "name":  # most mentions are not sources: one test
                if last is not None and last.actor_id == m.actor_id and _GLOSS_GAP_RE.fullmatch(p.text, last.end, m.start):
                    last = m
                    continue  # رويترز (Reuters): the same name again in brackets is one citation
                last = m
                self_ref = int(own.get(p.doc_id, "") in forms[m.actor_id])
                rows.append((p.doc_id, p.para_id, p.sentence_at(m.start) + 1, m.actor_id, m.surface,
                             kinds[m.actor_id], sides.get(m.actor_id, OTHER_SIDE), self_ref))
    return frame_from_rows(rows, SOURCE_COLUMNS, ("para_id", "sent_id", "self_reference"))


def outlet_habits(articles: pd.DataFrame, cited: pd.DataFrame, quotes: pd.DataFrame,
                  attributions: pd.DataFrame, outlet: str = "outlet_short") -> pd.DataFrame:
    """Return one row per article: words, censorship-evasion spellings per 1,000 words, sources cited
    (self-references left out), quotations by kind, and the share of distancing attributions."""
    # Each table is counted once per article with a group-by: filtering every table for each article
    # took minutes on 10,000 articles.
    c = cited[cited["self_reference"] == 0]
    n_cited = c.groupby("doc_id").size()
    distinct = c.drop_duplicates(["doc_id", "source_id"]).groupby("doc_id", sort=False)["source_id"].agg("|".join)
    kinds = quotes.groupby(["doc_id", "kind"]).size()
    n_attributions = attributions.groupby("doc_id").size()
    n_distancing = attributions[attributions["stance"] == "distancing"].groupby("doc_id").size()
    rows = []
    for rec in articles.to_dict("records"):
        d = rec["doc_id"]
        words = int(rec["n_words"])
        rows.append({
            "doc_id": d, "outlet": rec[outlet], "published": rec["published"], "n_words": words,
            "obfuscations": int(rec["n_obfuscations"]),
            "obfuscations_per_1000_words": round(1000 * int(rec["n_obfuscations"]) / words, 3) if words else 0.0,
            "sources_cited": int(n_cited.get(d, 0)), "distinct_sources": distinct.get(d, ""),
            "speech_quotes": int(kinds.get((d, "speech"), 0)), "scare_quotes": int(kinds.get((d, "scare"), 0)),
            "quoted_names": int(kinds.get((d, "name"), 0)), "attributions": int(n_attributions.get(d, 0)),
            "distancing": int(n_distancing.get(d, 0)),
        })
    return pd.DataFrame(rows)
