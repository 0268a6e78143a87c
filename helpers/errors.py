"""The workbook's own exception and warning types.

A :class:`WorkbookError` is a user error (bad input, bad option): the command line prints its
message and exits with status 2, without a traceback.
"""
from __future__ import annotations


class WorkbookError(Exception):
    """Bad input or a bad option, explained in plain words (file, line, value)."""


class CorpusWarning(UserWarning):
    """Something odd in the corpus that the workbook can safely go on with (recorded, not fatal)."""


def check_choice(name: str, value, allowed) -> None:
    """Raise :class:`WorkbookError` if ``value`` is not one of ``allowed``, listing the allowed values."""
    if value not in allowed:
        raise WorkbookError(f"{name}={value!r} is not allowed; choose one of: {', '.join(map(repr, allowed))}")
