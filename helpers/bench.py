"""Benchmark: the workbook's stages on a synthetic corpus made from the seeds, at growing sizes.

``python -m helpers bench [--sizes 1000 10000] [--jobs 2] [--keep DIR]`` writes N synthetic articles
(seed articles with their body paragraphs shuffled, numbers and month names changed, and the
censorship-evasion spelling added to some words of some articles), then times each stage in one
process (articles/s, MB/s, peak resident memory while the stage runs), and the whole
``tables`` command with ``--jobs`` processes. This is a measurement, not a test: it prints figures
and checks them against the targets only to say "met" or "missed".
"""
from __future__ import annotations

import csv
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .loading import clean_decoded, decode_entries, plan_corpus, read_corpus
from .paths import ROOT, SEEDS

LEVANTINE = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
             "تشرين الثاني", "كانون الأول"]
GREGORIAN = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
             "ديسمبر"]
_MONTH_RE = re.compile("|".join(sorted(map(re.escape, LEVANTINE + GREGORIAN), key=len, reverse=True)))
_NUMBER_RE = re.compile(r"\d+")
_LONG_WORD_RE = re.compile(r"[\u0621-\u064A]{6,}")
TARGET_SECONDS_10K = 20.0
TARGET_PEAK_MB = 2048


def make_corpus(n: int, folder: str | Path, seed: int = 7) -> Path:
    """Write ``n`` synthetic articles and a metadata.csv into ``folder``; return it."""
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    source = read_corpus(SEEDS)
    by_doc = {d: g for d, g in source.paragraphs.groupby("doc_id", sort=True)}
    metas = source.articles.set_index("doc_id")
    rows = []
    doc_ids = list(by_doc)
    for i in range(n):
        src = doc_ids[i % len(doc_ids)]
        lines = list(by_doc[src]["text_raw"])
        head, body = lines[:3], lines[3:]
        rng.shuffle(body)
        obfuscate = rng.random() < 0.3
        out = []
        for line in head + body:
            line = _NUMBER_RE.sub(lambda m: str(rng.randint(1, 28)) if len(m.group()) <= 2
                                  else str(rng.randint(2015, 2021)), line)
            line = _MONTH_RE.sub(lambda m: rng.choice(LEVANTINE if m.group() in LEVANTINE else GREGORIAN), line)
            if obfuscate:
                line = _LONG_WORD_RE.sub(lambda m: m.group()[:3] + "ـ.ـ" + m.group()[3:] if rng.random() < 0.1
                                         else m.group(), line)
            out.append(line)
        doc_id = f"{i:06d}"
        name = f"{doc_id}_{src}.txt"
        (folder / name).write_text("\n\n".join(out), encoding="utf-8")
        meta = metas.loc[src]
        published = "" if rng.random() < 0.1 else f"20{rng.choice([19, 20])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append([doc_id, name, meta["outlet"], meta["outlet_short"], "synthetic", published,
                     "synthetic" if published else ""])
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["doc_id", "file", "outlet", "outlet_short", "outlet_evidence", "published", "published_basis"])
        writer.writerows(rows)
    return folder


class PeakMemory:
    """Sample this process's resident memory every few milliseconds; keep the peak (MB)."""

    def __init__(self, interval: float = 0.005):
        self.interval, self.peak, self._stop = interval, 0.0, threading.Event()
        self._page = resource.getpagesize() / 2**20

    def _rss(self) -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * self._page

    def __enter__(self):
        self.peak = self._rss()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(self.interval)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())


@dataclass
class StageResult:
    """One stage at one corpus size."""

    size: int
    stage: str
    seconds: float
    articles_per_s: float
    mb_per_s: float
    peak_mb: float


def run_stages(folder: Path, size: int, megabytes: float) -> list[StageResult]:
    """Time every stage once, in one process, on the corpus in ``folder``."""
    from .tables import table_stages, write_csv

    results = []

    def timed(name, fn, *args):
        with PeakMemory() as mem:
            start = time.perf_counter()
            value = fn(*args)
            seconds = time.perf_counter() - start
        results.append(StageResult(size, name, seconds, size / seconds, megabytes / seconds, mem.peak))
        return value

    entries, notes = timed("plan", plan_corpus, folder)
    decoded = timed("load", decode_entries, entries)
    corpus = timed("clean", clean_decoded, decoded, folder, notes)
    tables = {}
    for name, stage in table_stages():
        tables.update(timed(name, stage, corpus))
    out = Path(tempfile.mkdtemp(prefix="bench-tables-"))
    timed("write", lambda: [write_csv(t, out / n) for n, t in tables.items()])
    shutil.rmtree(out, ignore_errors=True)
    return results


def run_command(folder: Path, jobs: int) -> tuple[float, float]:
    """Run ``python -m helpers tables`` as a user would; return (wall seconds, peak MB of any process)."""
    out = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "helpers", "tables", "--seeds", str(folder), "--out", str(out),
                           "--jobs", str(jobs)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode != 0:
        raise RuntimeError(f"tables failed on the synthetic corpus: {proc.stderr[-2000:]}")
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


TRIVIAL_SOURCE = "import pandas as pd\nimport matplotlib.pyplot as plt"
TARGET_BUILD_RATIO = 1.5


def trivial_notebooks(folder: Path, n: int = 4) -> Path:
    """Write ``n`` notebooks that only import pandas and matplotlib (with the parameters cell the build needs)."""
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        nb = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_code_cell("seeds_dir = None\nout_dir = None", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell(TRIVIAL_SOURCE),
        ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
        nbformat.write(nb, folder / f"{i:02d}_trivial.ipynb")
    return folder


def bench_build(jobs: int = 2, repeats: int = 2, out=sys.stdout) -> tuple[float, float]:
    """Time the real build and four trivial notebooks through the same build, side by side.

    Both go through :func:`helpers.build.build` with the same ``jobs`` (tables, kernels, both HTML
    renderings, index), so the difference is what the workbook's notebooks themselves cost.
    Returns the best (workbook seconds, trivial seconds) of ``repeats`` runs.
    """
    import io

    from .build import build

    tmp = Path(tempfile.mkdtemp(prefix="bench-build-"))
    trivial = trivial_notebooks(tmp / "trivial")
    real_times, trivial_times = [], []
    for i in range(repeats):
        for folder, times in ((None, real_times), (trivial, trivial_times)):
            start = time.perf_counter()
            kwargs = {"notebooks_dir": folder} if folder else {}
            build(SEEDS, tmp / f"out{i}", jobs=jobs, progress=io.StringIO(), **kwargs)
            times.append(time.perf_counter() - start)
    shutil.rmtree(tmp, ignore_errors=True)
    real, base = min(real_times), min(trivial_times)
    verdict = "target met" if real <= TARGET_BUILD_RATIO * base else f"target missed ({TARGET_BUILD_RATIO}x)"
    print(f"build: workbook notebooks {real:.1f} s, four trivial notebooks {base:.1f} s, ratio {real / base:.2f} "
          f"(best of {repeats}, jobs={jobs}): {verdict}", file=out, flush=True)
    return real, base


def main(sizes=(1000, 10000), jobs: int = 2, keep: Path | None = None, out=sys.stdout) -> list[StageResult]:
    """Run the benchmark at each size and print the figures."""
    all_results = []
    print(f"{'size':>7} {'stage':<12} {'seconds':>8} {'articles/s':>11} {'MB/s':>8} {'peak MB':>8}", file=out)
    for size in sizes:
        folder = Path(keep) / f"synthetic_{size}" if keep else Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
        make_corpus(size, folder)
        megabytes = sum(p.stat().st_size for p in folder.glob("*.txt")) / 2**20
        results = run_stages(folder, size, megabytes)
        for r in results:
            print(f"{r.size:>7} {r.stage:<12} {r.seconds:>8.2f} {r.articles_per_s:>11.0f} {r.mb_per_s:>8.1f} "
                  f"{r.peak_mb:>8.0f}", file=out)
        total = sum(r.seconds for r in results)
        print(f"{size:>7} {'all stages':<12} {total:>8.2f} {size / total:>11.0f} {megabytes / total:>8.1f} "
              f"{max(r.peak_mb for r in results):>8.0f}   ({megabytes:.1f} MB of text)", file=out)
        seconds, peak = run_command(folder, jobs)
        verdict = ""
        if size == 10000:
            verdict = ("  target met" if seconds <= TARGET_SECONDS_10K and peak < TARGET_PEAK_MB
                       else f"  target missed ({TARGET_SECONDS_10K:.0f} s, {TARGET_PEAK_MB} MB)")
        print(f"{size:>7} {'tables cmd':<12} {seconds:>8.2f} {size / seconds:>11.0f} {megabytes / seconds:>8.1f} "
              f"{peak:>8.0f}   (python -m helpers tables --jobs {jobs}, wall clock){verdict}", file=out, flush=True)
        all_results.extend(results)
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return all_results
