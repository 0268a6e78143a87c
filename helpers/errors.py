"""The workbook's own exception and warning types.

A :class:`WorkbookError` is a user error (bad input, bad option): the command line prints its
message and exits with status 2, without a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


class WorkbookError(Exception):
    """Bad input or a bad option, explained in plain words (file, line, value)."""


class CorpusWarning(UserWarning):
    """Something odd in the corpus that the workbook can safely go on with (recorded, not fatal)."""


def check_choice(name: str, value, allowed) -> None:
    """Raise :class:`WorkbookError` if ``value`` is not one of ``allowed``, listing the allowed values."""
    if value not in allowed:
        raise WorkbookError(f"{name}={value!r} is not allowed; choose one of: {', '.join(map(repr, allowed))}")


@dataclass(frozen=True)
class CorpusNote:
    """One recorded warning about the corpus: which file, what was wrong, and what the workbook did.

    Attributes
    ----------
    kind
        A stable short name for the kind of problem (one of :data:`NOTE_KINDS`), to group and count.
    file
        The file concerned, as named in the corpus folder (``metadata.csv`` for the metadata).
    problem
        What is wrong, in plain words.
    action
        What the workbook did about it (how the article was loaded).

    ``str(note)`` is the one-line message ``"file: problem; action"``.
    """

    kind: str
    file: str
    problem: str
    action: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}; {self.action}"


# Every kind of note, with the sentence that summarises many of them at once.
NOTE_KINDS = {
    "no_metadata_file": "no metadata.csv in the corpus folder: every article gets outlet 'unknown' and no date",
    "no_metadata_row": "files have no row in metadata.csv: loaded with outlet 'unknown', doc_id from the file name",
    "invalid_utf8": "files hold invalid UTF-8 bytes: decoded as UTF-8 with each bad sequence replaced by U+FFFD",
    "empty_file": "files are empty: loaded as articles with no line (0 words)",
    "long_article": "articles are longer than any news article (over 20,000 words): loaded as they are; check "
                    "that each is one article",
    "lexicon_row_replaced": "rows of the corpus's lexicons replace shipped rows: the corpus's rows are used",
    "lexicon_not_read": "files in the corpus's lexicons/ folder are not lexicons the workbook reads: not used",
    "weekday_contradiction": "articles have a reference date that a weekday in their text contradicts: their "
                             "relative dates are left unresolved",
    "date_from_text": "articles have no published date: their reference date is a dateline-like date in their text",
    "actor_story_form": "articles use gazetteer forms that name an actor only in articles about another story "
                        "(bare النظام for the Syrian government): not counted as mentions",
    "framing_no_referent": "articles use framing labels whose referent belongs to another story: counted as labels "
                           "with no referent",
}
NOTE_COLUMNS = ("kind", "file", "problem", "action")
SUMMARY_FIRST = 3  # files named in the summary of a kind


def summarise_notes(notes, first: int = SUMMARY_FIRST) -> list[str]:
    """Return one line per kind of note: the note itself when alone, else a count and the first few files.

    Ten thousand articles without a metadata row give one line, not ten thousand. Kinds come in the order
    they were first met.

    Examples
    --------
    >>> notes = [CorpusNote("no_metadata_row", f"{i}.txt", "no row in metadata.csv", "outlet 'unknown'")
    ...          for i in range(5)]
    >>> summarise_notes(notes[:1])
    ["0.txt: no row in metadata.csv; outlet 'unknown'"]
    >>> summarise_notes(notes)
    ["5 files have no row in metadata.csv: loaded with outlet 'unknown', doc_id from the file name (first: 0.txt, 1.txt, 2.txt, ...)"]
    """
    lines = []
    for kind, group, files, shown in notes_by_kind(notes, first):
        if len(group) == 1:
            lines.append(str(group[0]))
            continue
        what = NOTE_KINDS.get(kind, f"{kind}: {group[0].problem}")
        lines.append(f"{len(group)} {what} (first: {shown})")
    return lines


def notes_by_kind(notes, first: int = SUMMARY_FIRST):
    """Return the notes grouped by kind, kinds in the order first met: ``(kind, notes, files, shown)`` each.

    ``files`` are the distinct files of the kind's notes, in order; ``shown`` names the ``first`` of them
    (``"a.txt, b.txt, c.txt, ..."``). Both summaries of the warnings, the printed one
    (:func:`summarise_notes`) and the reports' table (:func:`helpers.narrative.warning_rows`), group this way.
    """
    groups: dict[str, list] = {}
    for note in notes:
        groups.setdefault(note.kind, []).append(note)
    for kind, group in groups.items():
        files = list(dict.fromkeys(n.file for n in group))
        yield kind, group, files, ", ".join(files[:first]) + (", ..." if len(files) > first else "")
