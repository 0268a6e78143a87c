"""Sentences the notebooks write from the data, so a report never states a finding about another corpus.

A notebook's prose explains methods; any sentence that states a *finding* (how many articles, which
outlet, what changed) is written here from the tables of the corpus being analysed, or is a passage
about the seed articles shown only when the corpus is the seed corpus (:func:`seed_note`). The
functions return plain Markdown strings (tested here), and :func:`say` displays one.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .lexicon import Lexicons, file_stamp
from .loading import UNKNOWN_OUTLET
from .paths import SEEDS

# Outlet values that say the outlet is not known (compared lower-case): the loader's own, and the
# seed metadata's way of saying it.
UNKNOWN_OUTLETS = frozenset({"", UNKNOWN_OUTLET, "unidentified", "unidentified outlet"})
REFERENCE_BASES = ("metadata", "text", "none")


def say(markdown: str | None):
    """Display a Markdown string in the notebook (and in the report); nothing for None or an empty string."""
    if not markdown:
        return None
    from IPython.display import Markdown

    return Markdown(markdown)


# ---------------------------------------------------------------- which corpus


@lru_cache(maxsize=8)
def _digest(folder: str, files: tuple[str, ...], stamps: tuple) -> str:
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode("utf-8") + b"\0" + (Path(folder) / name).read_bytes())
    return h.hexdigest()


def _corpus_digest(folder: Path, files) -> str:
    files = tuple(sorted(files))
    return _digest(str(folder), files, tuple(file_stamp(Path(folder) / f) for f in files))


def is_seed_corpus(corpus) -> bool:
    """Return True when ``corpus`` holds exactly the seed articles (the same files, byte for byte).

    A copy of ``seeds/`` elsewhere is the seed corpus too; one article more, less or changed is not.

    Examples
    --------
    >>> from helpers.loading import read_corpus
    >>> is_seed_corpus(read_corpus())
    True
    """
    files = list(corpus.articles["file"])
    seed_files = sorted(p.name for p in SEEDS.glob("*.txt"))
    if sorted(files) != seed_files:
        return False
    return _corpus_digest(Path(corpus.seeds_dir), files) == _corpus_digest(SEEDS, seed_files)


def seed_note(corpus, markdown: str):
    """Display a passage about the seed articles, marked as such, only when ``corpus`` is the seed corpus.

    On any other corpus nothing is shown: a sentence written for the seeds is not a finding about it.
    """
    if not is_seed_corpus(corpus):
        return None
    return say("*About the seed articles:* " + markdown.strip())


# ---------------------------------------------------------------- the corpus in a few sentences


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """Return ``"1 article"`` / ``"3 articles"``.

    Examples
    --------
    >>> _plural(1, "article"), _plural(3, "article"), _plural(2, "basis", "bases")
    ('1 article', '3 articles', '2 bases')
    """
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


FEW = 10  # a sentence names at most this many articles; beyond, the first ones and how many more


def first_few(items, limit: int = FEW) -> str:
    """Return ``items`` joined by commas; beyond ``limit``, the first ones and how many more.

    A sentence about 10,000 articles must not name them all.

    Examples
    --------
    >>> first_few(["000", "003"]), first_few([f"{i:03d}" for i in range(1200)], 3)
    ('000, 003', '000, 001, 002 and 1,197 more')
    """
    items = [str(i) for i in items]
    if len(items) <= limit:
        return ", ".join(items)
    return f"{', '.join(items[:limit])} and {len(items) - limit:,} more"


def known_outlets(articles: pd.DataFrame) -> list[str]:
    """Return the outlets of ``articles`` that are known (not ``unknown`` or ``unidentified``), first seen first.

    Examples
    --------
    >>> known_outlets(pd.DataFrame({"outlet": ["الوسيلة", "unidentified outlet", "unknown", "الوسيلة"]}))
    ['الوسيلة']
    """
    return [o for o in dict.fromkeys(articles["outlet"]) if str(o).strip().lower() not in UNKNOWN_OUTLETS]


def reference_counts(references: pd.DataFrame) -> dict[str, int]:
    """Return how many articles have their reference date from ``metadata``, from the ``text``, or ``none``."""
    counts = references["basis"].value_counts()
    return {basis: int(counts.get(basis, 0)) for basis in REFERENCE_BASES}


def corpus_summary(corpus, references: pd.DataFrame | None = None) -> str:
    """Return one paragraph describing the corpus: articles, outlets known, words, dates and their basis.

    ``references`` is :func:`helpers.dates.reference_dates` of the corpus (computed when not given).

    Examples
    --------
    >>> from helpers.loading import read_corpus
    >>> print(corpus_summary(read_corpus()))  # doctest: +NORMALIZE_WHITESPACE
    5 articles from 3 identified outlets (2 articles whose outlet is not identified), 2,181 words.
    Reference dates: 4 from the metadata, 1 unknown; they run from 2019-06-05 to 2020-02-20.
    """
    if references is None:
        from .dates import reference_dates

        references = reference_dates(corpus)
    arts = corpus.articles
    outlets = known_outlets(arts)
    unknown = int((~arts["outlet"].isin(outlets)).sum())
    text = f"{_plural(len(arts), 'article')} from {_plural(len(outlets), 'identified outlet')}"
    if unknown:
        text += (f" ({_plural(unknown, 'article')} whose outlet is not identified)" if outlets
                 else " (no outlet identified)")
    text += f", {int(arts['n_words'].sum()):,} words."
    counts = reference_counts(references)
    parts = [f"{counts['metadata']:,} from the metadata" if counts["metadata"] else "",
             f"{counts['text']:,} from the text" if counts["text"] else "",
             f"{counts['none']:,} unknown" if counts["none"] else ""]
    text += " Reference dates: " + ", ".join(p for p in parts if p)
    dates = sorted(d for d in references["reference_date"] if d)
    if dates:
        text += f"; they run from {dates[0]} to {dates[-1]}." if dates[0] != dates[-1] else f"; all {dates[0]}."
    else:
        text += "."
    return text


def undated_sentence(references: pd.DataFrame) -> str:
    """Say which articles have no reference date at all (so their relative dates stay unresolved).

    Examples
    --------
    >>> undated_sentence(pd.DataFrame({"doc_id": ["1", "2"], "basis": ["metadata", "none"]}))
    'Here 1 article has no reference date (2): neither a published date nor a dateline in its text.'
    >>> undated_sentence(pd.DataFrame({"doc_id": ["1"], "basis": ["text"]}))
    'Here every article has a reference date.'
    """
    none = list(references.loc[references["basis"] == "none", "doc_id"])
    if not none:
        return "Here every article has a reference date."
    return (f"Here {_plural(len(none), 'article')} {'has' if len(none) == 1 else 'have'} no reference date "
            f"({first_few(none)}): neither a published date nor a dateline in {'its' if len(none) == 1 else 'their'} text.")


# ---------------------------------------------------------------- lexicons and warnings


def lexicons_sentence(corpus, files) -> str:
    """Say which lexicon files a notebook reads, and which rows come from the corpus's own ``lexicons/``.

    Examples
    --------
    >>> from helpers.loading import read_corpus
    >>> lexicons_sentence(read_corpus(), ["actors.csv"])
    'Lexicons: `actors.csv` (93 rows), as shipped; this corpus has no `lexicons/` folder of its own.'
    """
    lexicons = Lexicons.of(corpus)
    used = lexicons.used().set_index("file")
    parts = []
    for name in files:
        row = used.loc[name]
        part = f"`{name}` ({row['rows_shipped']} {'shipped ' if row['rows_from_corpus'] else ''}rows"
        if row["rows_from_corpus"]:
            part += f" + {row['rows_from_corpus']} from the corpus's `lexicons/{name}`"
            if row["rows_replaced"]:
                part += f", replacing {row['rows_replaced']} shipped"
        parts.append(part + ")")
    own = [name for name in files if used.loc[name, "rows_from_corpus"]]
    tail = ("as shipped; this corpus has no `lexicons/` folder of its own" if lexicons.folder is None
            else "as shipped" if not own else "the shipped files extended by the corpus's own")
    return f"Lexicons: {', '.join(parts)}, {tail}."


def warning_rows(notes, first: int = 3) -> pd.DataFrame:
    """Return the corpus's warnings as a table: ``file, problem, what the workbook did``, one row per kind.

    ``notes`` are :class:`~helpers.errors.CorpusNote` records (``corpus.warnings``). A kind met once is
    its own row; a kind met for many files is one row that counts them and names the ``first`` few
    (ten thousand articles without a metadata row make one row, not ten thousand).

    Examples
    --------
    >>> from helpers.errors import CorpusNote
    >>> notes = [CorpusNote("no_metadata_row", f"00{i}.txt", "no row in metadata.csv", "outlet 'unknown'") for i in range(4)]
    >>> warning_rows(notes[:1]).values.tolist()
    [['000.txt', 'no row in metadata.csv', "outlet 'unknown'"]]
    >>> warning_rows(notes).values.tolist()[0][:2]
    ['4 files: 000.txt, 001.txt, 002.txt, ...', 'files have no row in metadata.csv']
    """
    from .errors import NOTE_KINDS, notes_by_kind

    rows = []
    for kind, group, files, shown in notes_by_kind(notes, first):
        if len(group) == 1:
            note = group[0]
            rows.append((note.file, note.problem, note.action))
            continue
        where = f"{len(files)} files: {shown}" if len(files) > 1 else f"{files[0]} ({len(group)} times)"
        problem, _, action = NOTE_KINDS.get(kind, f"{group[0].problem}: {group[0].action}").partition(": ")
        rows.append((where, problem, action))
    return pd.DataFrame(rows, columns=["file", "problem", "what the workbook did"])


def show_warnings(corpus) -> str:
    """Return the corpus's warnings (loading, then its lexicons) as an HTML table, or a line saying there are none."""
    from .notebook import rtl_table

    if not corpus.warnings:
        return ("<p>No warnings: every article has its metadata row, and the lexicons are the shipped ones or extend "
                "them cleanly.</p>")
    n = len(corpus.warnings)
    return rtl_table(warning_rows(corpus.warnings), caption=f"{_plural(n, 'warning')} (all in tables/warnings.csv)")


# ---------------------------------------------------------------- notebook 01


def example_article(corpus) -> tuple[str, str]:
    """Return the doc_id of the article that shows the most of what cleaning handles, and a sentence about it.

    The article with the most lines that are not news (boilerplate, teasers, bylines, captions), then
    the most censorship-evasion dots; ties go to the later article.
    """
    par = corpus.paragraphs
    extra = par[par["role"].isin(["boilerplate", "related", "byline", "caption"])].groupby("doc_id").size()
    arts = corpus.articles.assign(extra=corpus.articles["doc_id"].map(extra).fillna(0).astype(int))
    best = arts.sort_values(["extra", "n_obfuscations", "doc_id"], kind="stable").iloc[-1]
    things = []
    if best["extra"]:
        things.append(f"{_plural(int(best['extra']), 'line')} that {'is' if best['extra'] == 1 else 'are'} not news "
                      "(navigation, teasers, bylines or captions)")
    if best["n_obfuscations"]:
        things.append(f"{_plural(int(best['n_obfuscations']), 'censorship-evasion dot')} inside words")
    what = " and ".join(things) if things else "nothing for the cleaning to remove or repair"
    return best["doc_id"], (f"Here is the beginning of article {best['doc_id']} ({best['outlet_short']}), line by line, "
                            f"exactly as stored (`text_raw`): it has {what}.")


def obfuscation_sentence(articles: pd.DataFrame) -> str:
    """Say which articles use the censorship-evasion spelling, and how often per 1,000 words.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["1", "2"], "outlet_short": ["A", "B"], "n_words": [500, 400],
    ...                      "n_obfuscations": [0, 8]})
    >>> obfuscation_sentence(arts)
    'Here 1 of 2 articles uses it: 2 (B), 8 dots, 20.0 per 1,000 words.'
    >>> obfuscation_sentence(arts.assign(n_obfuscations=0))
    'Here no article uses it.'
    """
    used = articles[articles["n_obfuscations"] > 0]
    if used.empty:
        return "Here no article uses it."
    many = len(used) > FEW
    if many:  # the articles that use it most, per 1,000 words
        rate = used["n_obfuscations"] / used["n_words"].where(used["n_words"] > 0)
        used = used.assign(_rate=rate.fillna(0)).sort_values(["_rate", "doc_id"], ascending=[False, True]).head(FEW)
    parts = [f"{d} ({o}), {_plural(int(n), 'dot')}, {1000 * n / w:.1f} per 1,000 words" if w else f"{d} ({o}), {n}"
             for d, o, n, w in zip(used["doc_id"], used["outlet_short"], used["n_obfuscations"], used["n_words"])]
    n_used = int((articles["n_obfuscations"] > 0).sum())
    return (f"Here {n_used:,} of {_plural(len(articles), 'article')} {'uses' if n_used == 1 else 'use'} it"
            + (f"; the {FEW} that use it most: " if many else ": ") + "; ".join(parts) + ".")


# ---------------------------------------------------------------- notebook 02


def pick_actor(mentions: pd.DataFrame, gazetteer, prefer=(), rank: int = 1, types=("person",),
               exclude=()) -> str | None:
    """Return the actor a notebook shows as its example, chosen from the corpus's own mentions.

    ``prefer``'s first actor that is mentioned, else the ``rank``-th most mentioned actor of ``types``
    (or the last one there is), else, when no actor of ``types`` is named, the ``rank``-th most
    mentioned actor of any type; ties go to the ``actor_id`` first in alphabetical order. Actors in
    ``exclude`` (the example already shown) are never picked.

    Returns
    -------
    str or None
        An ``actor_id``, or ``None`` when ``mentions`` names no actor at all (a corpus on a story the
        gazetteer does not know): the caller says so instead of showing an example.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.actors import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> m = pd.DataFrame({"actor_id": ["turkey", "turkey", "un", "putin"]})
    >>> pick_actor(m, gaz), pick_actor(m, gaz, prefer=["akar"]), pick_actor(m[m.actor_id != "putin"], gaz)
    ('putin', 'putin', 'turkey')
    >>> print(pick_actor(m.iloc[:0], gaz)), pick_actor(m, gaz, rank=2, exclude=["putin"])
    None
    (None, 'un')
    """
    counts = mentions["actor_id"].value_counts()
    counts = counts[~counts.index.isin(list(exclude))]
    for actor_id in prefer:
        if counts.get(actor_id, 0):
            return actor_id
    kinds = dict(zip(gazetteer.actors["actor_id"], gazetteer.actors["type"]))
    ranked = sorted((a for a in counts.index if kinds.get(a) in types), key=lambda a: (-counts[a], a))
    ranked = ranked or sorted(counts.index, key=lambda a: (-counts[a], a))
    if len(ranked) >= rank:
        return ranked[rank - 1]
    return ranked[-1] if ranked else None


def actors_with_most_labels(mentions: pd.DataFrame, gazetteer, n: int = 2,
                            types=("armed_group", "organization", "state")) -> list[str]:
    """Return the ``n`` actors of ``types`` named with the most different surfaces (labels), most first.

    People are left out by default: their surfaces are spellings of a name, not labels.
    """
    from .actors import matching_key

    kinds = dict(zip(gazetteer.actors["actor_id"], gazetteer.actors["type"]))
    rows = mentions[mentions["actor_id"].map(kinds).isin(types)]
    surfaces = rows.assign(key=rows["surface"].map(matching_key)).groupby("actor_id")["key"].nunique()
    surfaces = surfaces[surfaces > 1]
    return sorted(surfaces.index, key=lambda a: (-surfaces[a], a))[:n]


def view_change_sentence(comparison: pd.DataFrame, gazetteer) -> str:
    """Say which actors the broad view moves most (from :func:`helpers.actors.compare_views`)."""
    moved = comparison[comparison["change"] > 0].sort_values(["change", "actor_id"], ascending=[False, True])
    if moved.empty:
        return "Here the broad view adds nothing: no demonym, adjective or capital of a listed state is used."
    parts = [f"{gazetteer.label(a, 'en')} (+{c}, rank {rs} → {rb})" for a, c, rs, rb in
             zip(moved["actor_id"], moved["change"], moved["rank_strict"], moved["rank_broad"])][:3]
    return ("Here the broad view adds most to " + ", ".join(parts)
            + ": a ranking of who is *named* and one of who is *present* are not the same list.")


def voices_sentence(voices: pd.DataFrame) -> str:
    """Say how many attributions have a named speaker and how many stay unlinked.

    Examples
    --------
    >>> voices_sentence(pd.DataFrame({"actor_id": ["putin", "", ""]}))
    '3 attributions; 1 (33%) linked to an actor of the gazetteer, 2 (67%) left without a named speaker.'
    """
    total = len(voices)
    if not total:
        return "No attribution verb was found in this corpus."
    unlinked = int((voices["actor_id"] == "").sum())
    return (f"{_plural(total, 'attribution')}; {total - unlinked} ({(total - unlinked) / total:.0%}) linked to an actor "
            f"of the gazetteer, {unlinked} ({unlinked / total:.0%}) left without a named speaker.")


def candidates_sentence(candidates: pd.DataFrame, voices: pd.DataFrame) -> str:
    """Say what the candidate list holds, and how much of the unlinked speech it may explain.

    Examples
    --------
    >>> one = pd.DataFrame({"candidate": ["ناقش الوضع"], "n_mentions": [1], "n_articles": [1], "n_cues": [1],
    ...                     "evidence": ["title: الرئيس ×1"]})
    >>> candidates_sentence(one, pd.DataFrame({"actor_id": ["", "putin"]}))
    '1 candidate, resting on a single cue in a single article: it may be a verb or a noun after a title rather than a name.'
    """
    unlinked = int((voices["actor_id"] == "").sum()) if len(voices) else 0
    if candidates.empty:
        return ("No candidate: no title, unlinked speaker or repeated surname points to a name the gazetteer does "
                "not know." + (f" The {unlinked} unlinked attributions have pronoun subjects or unnamed "
                               "sources." if unlinked else ""))
    strong = candidates[(candidates["n_articles"] > 1) | (candidates["n_cues"] > 1)]
    weak = len(candidates) - len(strong)
    text = _plural(len(candidates), "candidate")
    if not len(strong):
        return (text + (", resting on a single cue in a single article: it may be" if weak == 1 else
                        ", each resting on a single cue in a single article: they may be")
                + " a verb or a noun after a title rather than a name.")
    text += f", {len(strong)} with more than one cue or article"
    if weak:
        text += f" ({weak} more {'rests' if weak == 1 else 'rest'} on a single cue in a single article)"
    top = strong.head(3)
    text += (". Most evidence: " + ", ".join(
        f"{c} ({_plural(int(m), 'mention')} in {_plural(int(a), 'article')})"
        for c, m, a in zip(top["candidate"], top["n_mentions"], top["n_articles"])) + ".")
    speakers = int(candidates["evidence"].str.contains("unlinked speaker").sum())
    if unlinked and speakers:
        text += (f" {speakers} {'stands' if speakers == 1 else 'stand'} in the speaker slot of some of the "
                 f"{unlinked} unlinked attributions: adding {'it' if speakers == 1 else 'them'} links that speech.")
    return text


# ---------------------------------------------------------------- notebook 04


def articles_sentence(corpus, references: pd.DataFrame | None = None) -> str:
    """Say who wrote the articles and when, and what that means for a comparison of outlets."""
    if references is None:
        from .dates import reference_dates

        references = reference_dates(corpus)
    arts = corpus.articles
    outlets = known_outlets(arts)
    unknown = list(arts.loc[~arts["outlet"].isin(outlets), "doc_id"])
    by_outlet = arts[arts["outlet"].isin(outlets)].groupby("outlet", sort=False).size()
    text = f"{_plural(len(arts), 'article')}, {_plural(len(outlets), 'identified outlet')}"
    if len(by_outlet) and by_outlet.max() == 1:
        text += " (one article each)"
    elif len(by_outlet):
        text += f" (up to {by_outlet.max():,} articles from one outlet)"
    if len(unknown) > FEW:
        text += f"; the outlets of {len(unknown):,} articles are not identified ({first_few(unknown)})"
    elif unknown:
        text += (f"; the outlet of {unknown[0]} is not identified" if len(unknown) == 1 else
                 f"; the outlets of {', '.join(unknown[:-1])} and {unknown[-1]} are not identified")
    undated = list(references.loc[references["basis"] == "none", "doc_id"])
    if len(undated) > FEW:
        text += f"; {len(undated):,} have no date ({first_few(undated)})"
    elif undated:
        text += f"; {', '.join(undated)} {'has' if len(undated) == 1 else 'have'} no date"
    dates = sorted(d for d in references["reference_date"] if d)
    if dates:
        first, last = pd.Timestamp(dates[0]), pd.Timestamp(dates[-1])
        days = (last - first).days
        text += f". The dated articles run from {dates[0]} to {dates[-1]}"
        if days > 31:
            text += (f" ({days} days): they are not reports of one day's news, and an outlet 'not reporting' "
                     "an event may simply have written on another day")
        else:
            text += f" ({days} days)"
    return text + "."


def top_sides(attributions: pd.DataFrame, n: int = 2) -> tuple[str, ...]:
    """Return the ``n`` speaker sides with the most attributions (not ``other`` or unlinked), most first."""
    sides = attributions.loc[~attributions["side"].isin(["", "other"]), "side"].value_counts()
    return tuple(sorted(sides.index, key=lambda s: (-sides[s], s))[:n])


def top_referents(counts: pd.DataFrame, n: int = 2) -> list[str]:
    """Return the ``n`` referents with the most different labels in a framing counts table, most first."""
    labels = counts.groupby("referent")["term"].nunique()
    return sorted(labels.index, key=lambda r: (-labels[r], r))[:n]


def codebook_fit_markdown(fit, gazetteer=None, candidates: pd.DataFrame | None = None) -> str:
    """Say plainly how the codebook fits the corpus; when it was written for another story, how to write one.

    ``fit`` is :func:`helpers.compare.codebook_fit`; the worked example uses the corpus's dates and,
    when given, its first candidate name.
    """
    matched = (f"{fit.n_matched} of {_plural(fit.n_articles, 'article')} "
               f"{'has' if fit.n_matched == 1 else 'have'} a sentence that matches an event of the codebook")
    if not fit.another_story:
        text = f"The codebook fits this corpus: {matched}."
        if fit.own_events:
            text += f" The corpus's own `lexicons/events.csv` adds {_plural(len(fit.own_events), 'event')}."
        return text
    reasons = [matched]
    if fit.dated_events and fit.first is not None and not fit.events_in_span:
        reasons.append(f"none of its {len(fit.dated_events)} dated events falls in or near this corpus's dates "
                       f"({fit.first} to {fit.last})")
    if fit.stories:
        story = ", ".join(f"`{s}`" for s in fit.stories)
        reasons.append(f"its events belong to the story of {story}, which {fit.n_in_story} of the articles "
                       "name more than once")
    date = fit.first.isoformat() if fit.first is not None else "YYYY-MM-DD"
    name = candidates["candidate"].iloc[0] if candidates is not None and len(candidates) else "الاسم"
    example = "\n".join([
        "```",
        "event_id,description,date,within_days,story,terms_1,terms_2,actors,speakers,exclude,note",
        f"talks_opened,Talks open (what happened; in English),{date},7,,محادثات|مفاوضات,,,,,the first day of talks",
        "leader_statements,The leader's statements,,,,,,,leader,,the leader must be the speaker",
        "```",
    ])
    return (
        "**`events.csv` was written for another story.** " + "; ".join(reasons) + ". "
        + ("The coverage chart and the side-by-side tables below are left out: they would be empty. "
           if not fit.n_matched else "The few matches below are not a comparison of outlets. ")
        + "\n\n"
        "To compare outlets on this corpus, write a codebook for it: a file `lexicons/events.csv` in the corpus "
        "folder, with the columns of the shipped one (its rules are added to the shipped events, which keep out of "
        "this corpus by their dates and story). One row per rule, for example:\n\n" + example + "\n\n"
        "The first rule matches a sentence with `محادثات` or `مفاوضات` in articles published from that date to 7 days "
        f"after it; the second, a sentence where the actor `leader` is the speaker of an attribution. Add the actors "
        f"first (a candidate such as {name} goes into `lexicons/actors.csv`: see notebook 02), then run this notebook again."
    )
