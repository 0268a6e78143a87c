"""Output safety: refused folders, one run at a time, and a failed or interrupted run leaves the previous output."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from helpers.errors import WorkbookError
from helpers.outputs import (LOCK_FILE, MARKER_FILE, check_output_folder, folder_lock, output_folder,
                             read_marker)
from helpers.paths import ROOT, SEEDS


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, cwd=ROOT, **kw)


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (lambda seeds, tmp: seeds, "is the corpus folder"),
        (lambda seeds, tmp: seeds / "reports", "is inside the corpus folder"),
        (lambda seeds, tmp: seeds.parent, "contains the corpus folder"),
    ],
)
def test_output_folder_may_not_touch_the_corpus(seeds_copy, tmp_path, out, message):
    """--out equal to, inside, or around the corpus folder is refused before anything is written."""
    target = out(seeds_copy, tmp_path)
    with pytest.raises(WorkbookError, match=message):
        check_output_folder(seeds_copy, target)
    assert not (seeds_copy / "reports").exists()


def test_output_through_a_link_into_the_corpus_is_refused(seeds_copy, tmp_path):
    """A link that leads into the corpus folder is the corpus folder."""
    (tmp_path / "link").symlink_to(seeds_copy)
    with pytest.raises(WorkbookError, match="is the corpus folder"):
        check_output_folder(seeds_copy, tmp_path / "link")


def test_foreign_folder_needs_force(tmp_path):
    """A non-empty folder without earlier workbook output is refused, naming its files, unless forced."""
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_bytes(b"x")
    with pytest.raises(WorkbookError, match=r"already holds 1 file\(s\) or folder\(s\) \(chapter1.docx\).*--force"):
        check_output_folder(SEEDS, out)
    check_output_folder(SEEDS, out, force=True)
    check_output_folder(SEEDS, tmp_path / "new")  # a folder that does not exist yet
    (tmp_path / "empty").mkdir()
    check_output_folder(SEEDS, tmp_path / "empty")


def test_previous_output_is_recognised(tmp_path):
    """A folder the workbook wrote before (marker, or tables/articles.csv from older versions) is accepted."""
    out = tmp_path / "out"
    with output_folder(SEEDS, out, "tables") as staging:
        (staging / "tables").mkdir()
        (staging / "tables" / "a.csv").write_text("x\n", encoding="utf-8")
    assert read_marker(out) == {"written": {"tables": ["tables"]}}
    check_output_folder(SEEDS, out)
    old = tmp_path / "old"
    (old / "tables").mkdir(parents=True)
    (old / "tables" / "articles.csv").write_text("doc_id\n", encoding="utf-8")
    (old / "index.html").write_text("<html>", encoding="utf-8")
    check_output_folder(SEEDS, old)


def test_failed_run_leaves_the_previous_output(tmp_path):
    """An exception inside the run removes its staging folder; the previous files stay byte for byte."""
    out = tmp_path / "out"
    with output_folder(SEEDS, out, "build") as staging:
        (staging / "index.html").write_text("first", encoding="utf-8")
        (staging / "tables").mkdir()
        (staging / "tables" / "articles.csv").write_text("first\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with output_folder(SEEDS, out, "build") as staging:
            (staging / "tables").mkdir()
            (staging / "tables" / "articles.csv").write_text("second\n", encoding="utf-8")
            raise RuntimeError("a notebook failed")
    assert (out / "index.html").read_text(encoding="utf-8") == "first"
    assert (out / "tables" / "articles.csv").read_text(encoding="utf-8") == "first\n"
    assert sorted(os.listdir(out)) == sorted([".workbook-output.json", LOCK_FILE, "index.html", "tables"])


def test_swap_replaces_own_entries_and_keeps_others(tmp_path):
    """A new build replaces what the last build wrote (and drops what it no longer writes); tables keep the pages."""
    out = tmp_path / "out"
    with output_folder(SEEDS, out, "build") as staging:
        for name in ("index.html", "05_old.html"):
            (staging / name).write_text("v1", encoding="utf-8")
        (staging / "tables").mkdir()
    (out / "my_notes.txt").write_text("mine", encoding="utf-8")
    with output_folder(SEEDS, out, "build") as staging:
        (staging / "index.html").write_text("v2", encoding="utf-8")
        (staging / "tables").mkdir()
    assert not (out / "05_old.html").exists()
    assert (out / "index.html").read_text(encoding="utf-8") == "v2"
    assert (out / "my_notes.txt").read_text(encoding="utf-8") == "mine"
    with output_folder(SEEDS, out, "tables") as staging:
        (staging / "tables").mkdir()
        (staging / "tables" / "new.csv").write_text("x\n", encoding="utf-8")
    assert (out / "index.html").exists() and (out / "tables" / "new.csv").exists()


def test_second_run_stops_while_the_first_holds_the_lock(tmp_path):
    """While one run holds the output folder, another stops at once with a message naming the holder."""
    out = tmp_path / "out"
    out.mkdir()
    with folder_lock(out, "tables"):
        with pytest.raises(WorkbookError, match=rf"is being written by another run \(process {os.getpid()}, tables\)"):
            with output_folder(SEEDS, out, "tables"):
                pass
    with output_folder(SEEDS, out, "tables"):  # free again
        pass


def test_leftovers_of_a_killed_run_are_removed(tmp_path):
    """A staging folder left by a killed run is removed by the next run."""
    out = tmp_path / "out"
    (out / ".staging-dead").mkdir(parents=True)
    (out / MARKER_FILE).write_text('{"written": {}}', encoding="utf-8")
    with output_folder(SEEDS, out, "tables") as staging:
        (staging / "tables").mkdir()
    assert not (out / ".staging-dead").exists()


def test_two_concurrent_cli_runs_do_not_mix(tmp_path):
    """Two tables commands into one folder: the second stops with a clear message; the first's tables are whole."""
    from helpers.bench import make_corpus

    corpus = make_corpus(800, tmp_path / "big")  # several seconds of work: the second run starts meanwhile
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "helpers", "tables", "--seeds", str(corpus), "--out", str(out),
                              "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not any(p.name.startswith(".staging-") for p in out.glob(".*")) and time.time() < deadline:
        time.sleep(0.05)
    second = _cli("tables", "--out", str(out))
    _, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert second.returncode == 2
    assert "is being written by another run" in second.stderr and "Traceback" not in second.stderr
    articles = (out / "tables" / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert len(articles) == 801  # the first corpus only
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]


def test_ctrl_c_prints_one_line_and_keeps_the_previous_output(tmp_path):
    """Ctrl-C (SIGINT to the whole process group) ends with one line, exit 130, and the previous output intact."""
    from helpers.bench import make_corpus

    out = tmp_path / "out"
    assert _cli("tables", "--out", str(out), "--jobs", "1").returncode == 0
    before = (out / "tables" / "articles.csv").read_bytes()
    corpus = make_corpus(1000, tmp_path / "big")  # seconds of work, interrupted early
    proc = subprocess.Popen([sys.executable, "-m", "helpers", "tables", "--seeds", str(corpus), "--out", str(out),
                             "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while not any(p.name.startswith(".staging-") for p in out.glob(".*")) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == [f"interrupted; the previous output in {out} is left as it was"]
    assert (out / "tables" / "articles.csv").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]


def test_cli_refuses_foreign_folder_and_prints_summaries(tmp_path):
    """The CLI refuses a foreign folder (exit 2, one line), and prints warnings one line per kind."""
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_bytes(b"x")
    proc = _cli("tables", "--out", str(out))
    assert proc.returncode == 2 and "--force" in proc.stderr and not (out / "tables").exists()
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"{i:03d}_a.txt").write_text("خبر عن إدلب", encoding="utf-8")
    proc = _cli("tables", "--seeds", str(corpus), "--out", str(tmp_path / "o"), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[1].startswith("warning: 40 files have no row in metadata.csv") and len(lines) == 3
