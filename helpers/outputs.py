"""Write an output folder safely: checked, locked, staged, then swapped in.

:func:`output_folder` is what the ``build`` and ``tables`` commands write through:

1. **checks** (:func:`check_output_folder`): the output folder may not be the corpus folder, lie inside
   it, or contain it; a folder that already holds files but no earlier workbook output is refused
   unless ``force`` is given (nothing of the user's is overwritten by surprise);
2. **a lock** on the output folder (:data:`LOCK_FILE`, through ``filelock``): a second run into the same
   folder stops at once with a message naming the run that holds it, instead of mixing two corpora;
3. **a staging folder** inside the output folder (``.staging-*``, unique per process): every file of
   the run is written there, so temporary names never collide between runs;
4. **a swap**: only when the run has finished, each entry it wrote replaces the previous one by a
   rename, and the entries the previous run of the same command wrote and this one did not are removed.
   A run that fails or is interrupted leaves the previous complete output as it was, and its staging
   folder is removed (or, after a hard kill, by the next run).

:data:`MARKER_FILE` lists what the workbook wrote in the folder, so that a later run recognises its own
output.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import WorkbookError
from .paths import OUTPUTS

MARKER_FILE = ".workbook-output.json"
LOCK_FILE = ".workbook.lock"
LOCK_INFO_FILE = ".workbook.lock.json"
STAGING_PREFIX = ".staging-"
PREVIOUS_PREFIX = ".previous-"
OWN_NAMES = (MARKER_FILE, LOCK_FILE, LOCK_INFO_FILE)
FILES_NAMED = 3  # foreign files named in the refusal message


def _real(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


def _own(name: str) -> bool:
    return name in OWN_NAMES or name.startswith((STAGING_PREFIX, PREVIOUS_PREFIX))


def read_marker(out_dir: Path) -> dict:
    """Return the record of what the workbook wrote in ``out_dir`` (empty when there is none or it is unreadable)."""
    try:
        marker = json.loads((Path(out_dir) / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return marker if isinstance(marker, dict) else {}


def is_workbook_output(out_dir: Path) -> bool:
    """Return True when ``out_dir`` holds earlier workbook output (or is the repository's ``outputs/``).

    Output written before :data:`MARKER_FILE` existed is recognised by its ``tables/articles.csv``.
    """
    out_dir = Path(out_dir)
    return (bool(read_marker(out_dir)) or (out_dir / "tables" / "articles.csv").is_file()
            or _real(out_dir) == _real(OUTPUTS))


def check_output_folder(seeds_dir: str | Path, out_dir: str | Path, force: bool = False) -> None:
    """Raise :class:`WorkbookError` when writing to ``out_dir`` could harm the corpus or the user's files.

    Parameters
    ----------
    seeds_dir, out_dir
        The corpus folder and the output folder (``--seeds``, ``--out``), compared by real path.
    force
        Write into a non-empty folder that holds no earlier workbook output (``--force``).

    Raises
    ------
    WorkbookError
        ``out_dir`` is the corpus folder, inside it, contains it, is not a folder, or holds other files
        (without ``force``).
    """
    seeds, out = _real(seeds_dir), _real(out_dir)
    if out == seeds:
        raise WorkbookError(f"--out {out_dir} is the corpus folder; nothing is ever written there: "
                            "choose another output folder")
    if out.is_relative_to(seeds):
        raise WorkbookError(f"--out {out_dir} is inside the corpus folder {seeds_dir}; nothing is ever written "
                            "there: choose a folder outside it")
    if seeds.is_relative_to(out):
        raise WorkbookError(f"--out {out_dir} contains the corpus folder {seeds_dir}; choose an output folder "
                            "that does not hold the corpus")
    if out.exists() and not out.is_dir():
        raise WorkbookError(f"--out {out_dir} is a file, not a folder")
    if out.is_dir() and not force and not is_workbook_output(out):
        others = sorted(name for name in os.listdir(out) if not _own(name))
        if others:
            shown = ", ".join(others[:FILES_NAMED]) + (", ..." if len(others) > FILES_NAMED else "")
            raise WorkbookError(f"--out {out_dir} already holds {len(others)} file(s) or folder(s) ({shown}) and no "
                                "earlier workbook output; choose a new or empty folder, or add --force to write "
                                "beside them")


@contextmanager
def folder_lock(out_dir: Path, command: str = "") -> Iterator[None]:
    """Hold the lock on ``out_dir`` for the duration; raise :class:`WorkbookError` if another run holds it."""
    from filelock import FileLock, Timeout

    out_dir = Path(out_dir)
    lock = FileLock(str(out_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = ""
        try:
            info = json.loads((out_dir / LOCK_INFO_FILE).read_text(encoding="utf-8"))
            holder = f" (process {info.get('pid')}, {info.get('command', '')})"
        except (OSError, ValueError):
            pass
        raise WorkbookError(f"--out {out_dir} is being written by another run{holder}; wait for it to finish "
                            "or choose another output folder") from None
    try:
        (out_dir / LOCK_INFO_FILE).write_text(json.dumps({"pid": os.getpid(), "command": command}), encoding="utf-8")
        yield
    finally:
        (out_dir / LOCK_INFO_FILE).unlink(missing_ok=True)
        lock.release()


def remove_leftovers(out_dir: Path) -> list[str]:
    """Remove staging and previous-output folders left by a run that was killed; return their names.

    Only called with the lock held, so no running process owns them.
    """
    gone = []
    for name in sorted(os.listdir(out_dir)):
        if name.startswith((STAGING_PREFIX, PREVIOUS_PREFIX)) and (out_dir / name).is_dir():
            shutil.rmtree(out_dir / name, ignore_errors=True)
            gone.append(name)
    return gone


def swap_in(staging: Path, out_dir: Path, command: str) -> list[str]:
    """Move every entry of ``staging`` into ``out_dir``, replacing what the previous run of ``command`` wrote.

    Entries this run wrote replace those of the same name; entries the previous run of the same command
    wrote and this run did not are removed; everything else in ``out_dir`` stays. Returns the names
    moved in. Each replacement is a rename within one file system.
    """
    new = sorted(os.listdir(staging))
    marker = read_marker(out_dir)
    written = {k: list(v) for k, v in marker.get("written", {}).items() if isinstance(v, list)}
    stale = [name for name in written.get(command, []) if name not in new]
    previous = Path(tempfile.mkdtemp(prefix=PREVIOUS_PREFIX, dir=out_dir))
    for name in [*new, *stale]:
        target = out_dir / name
        if target.exists() or target.is_symlink():
            os.replace(target, previous / name)
    for name in new:
        os.replace(staging / name, out_dir / name)
    written[command] = new
    for other, names in written.items():  # entries another command wrote and this one replaced stay listed
        if other != command:
            written[other] = [n for n in names if (out_dir / n).exists()]
    tmp = out_dir / f"{MARKER_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps({"written": written}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / MARKER_FILE)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return new


@contextmanager
def output_folder(seeds_dir: str | Path, out_dir: str | Path, command: str, force: bool = False,
                  carry: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield a staging folder to write a run's output into; swap it into ``out_dir`` when the run succeeds.

    Parameters
    ----------
    seeds_dir, out_dir
        The corpus folder and the output folder, checked by :func:`check_output_folder`.
    command
        The command writing (``"build"``, ``"tables"``): a run replaces what the previous run of the same
        command wrote.
    force
        Accept a non-empty output folder without earlier workbook output.
    carry
        Paths (relative to ``out_dir``) copied into the staging folder first, such as the previous run's
        timings.

    Raises
    ------
    WorkbookError
        The output folder is refused, or another run holds its lock. Any exception inside the block
        removes the staging folder and leaves ``out_dir`` as it was.
    """
    check_output_folder(seeds_dir, out_dir, force)
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with folder_lock(out, command):
        remove_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        for rel in carry:
            if (out / rel).is_file():
                (staging / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(out / rel, staging / rel)
        try:
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        swap_in(staging, out, command)


def ignore_interrupts() -> None:
    """Let Ctrl-C reach only the main process (an initializer for worker pools).

    Ctrl-C signals the terminal's foreground process group. Each worker leaves that group (a session
    of its own, on POSIX) and ignores SIGINT, so the main process alone is interrupted: it prints one
    line, and the workers end when it shuts the pool down, instead of each printing a traceback.
    (Ignoring SIGINT is not enough alone: nbclient installs its own handler while a notebook runs.)
    """
    if hasattr(os, "setsid"):
        try:
            os.setsid()
        except OSError:  # already a group leader
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
