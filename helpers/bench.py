"""Benchmark: the workbook's stages on a synthetic corpus made from the seeds, at growing sizes.

``python -m helpers bench [--sizes 1000 10000] [--jobs 2] [--keep DIR]`` writes N synthetic articles
(seed articles with their body paragraphs shuffled, numbers and month names changed, and the
censorship-evasion spelling added to some words of some articles), then times each stage in one
process (articles/s, MB/s, peak resident memory while the stage runs), and the whole
``tables`` command with ``--jobs`` processes. This is a measurement, not a test: it prints figures
and checks the table and date figures against their targets only to say "met" or "missed"; the report
build is given as a ratio to four trivial notebooks built the same way.
"""
from __future__ import annotations

import csv
import os
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

import pandas as pd

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
    from .tables import corpus_stages, table_stages, write_csv

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
    for stage in corpus_stages():  # whole-corpus stages: the partition's summary, then the reduction
        summary = timed(f"{stage.name}:sum", stage.summarise, corpus, tables)
        tables.update(timed(f"{stage.name}:red", stage.reduce, [summary]))
    out = Path(tempfile.mkdtemp(prefix="bench-tables-"))
    timed("write", lambda: [write_csv(t, out / n) for n, t in tables.items()])
    shutil.rmtree(out, ignore_errors=True)
    return results


def run_command(folder: Path, jobs: int) -> tuple[float, float]:
    """Run ``python -m helpers tables`` as a user would; return (wall seconds, peak MB of any process)."""
    out = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    command = [sys.executable, "-m", "helpers", "tables", "--seeds", str(folder), "--out", str(out), "--jobs", str(jobs)]
    # A small wrapper process starts the command, so the peak it reports (the largest of the command's
    # processes, workers included) is not inflated by this benchmark's own memory at fork time.
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "rc = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
               "print(rc, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    proc = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, cwd=ROOT)
    shutil.rmtree(out, ignore_errors=True)
    rc, seconds, peak_kb = proc.stdout.split()
    if proc.returncode != 0 or rc != "0":
        raise RuntimeError(f"tables failed on the synthetic corpus (status {rc}): {proc.stderr[-2000:]}")
    return float(seconds), int(peak_kb) / 1024


TARGET_BUILD_SECONDS_10K = 180.0
TARGET_BUILD_PEAK_MB = 3072
TARGET_PAGE_MB = 10.0


def run_build(folder: Path, jobs: int) -> tuple[float, float, int, str]:
    """Run ``python -m helpers build`` on ``folder`` as a user would.

    Returns (wall seconds, peak MB of its largest process, kernels included, bytes of the largest
    report page, that page's name). The peak is the largest resident size among the command's
    processes (``RUSAGE_CHILDREN`` of a small wrapper process, as for :func:`run_command`).
    """
    out = Path(tempfile.mkdtemp(prefix="bench-build-"))
    command = [sys.executable, "-m", "helpers", "build", "--seeds", str(folder), "--out", str(out), "--jobs", str(jobs)]
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "print(p.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
               "print(p.stderr[-2000:], file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, cwd=ROOT)
    try:
        rc, seconds, peak_kb = proc.stdout.split()
        if rc != "0":
            raise RuntimeError(f"build failed on the synthetic corpus (status {rc}): {proc.stderr[-2000:]}")
        page = max(out.glob("*.html"), key=lambda p: p.stat().st_size)
        return float(seconds), int(peak_kb) / 1024, page.stat().st_size, page.name
    finally:
        shutil.rmtree(out, ignore_errors=True)


def bench_reports(folder: Path, size: int, jobs: int = 2, out=sys.stdout) -> tuple[float, float, int]:
    """Time the report build on the synthetic corpus in ``folder``; print seconds, peak memory, largest page."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")  # timings on a shared machine vary
    seconds, peak, page_bytes, page = run_build(folder, jobs)
    verdict = ""
    if size == 10000:
        met = seconds <= TARGET_BUILD_SECONDS_10K and peak < TARGET_BUILD_PEAK_MB and page_bytes <= TARGET_PAGE_MB * 2**20
        verdict = ("  target met" if met else f"  target missed ({TARGET_BUILD_SECONDS_10K:.0f} s, "
                   f"{TARGET_BUILD_PEAK_MB} MB, pages up to {TARGET_PAGE_MB:.0f} MB)")
    print(f"{size:>7} {'build cmd':<12} {seconds:>8.2f} {size / seconds:>11.0f} {'':>8} {peak:>8.0f}   "
          f"(python -m helpers build --jobs {jobs}; largest page {page} {page_bytes / 2**20:.1f} MB; "
          f"load average {load:.1f} before){verdict}",
          file=out, flush=True)
    return seconds, peak, page_bytes


TRIVIAL_SOURCE = "import pandas as pd\nimport matplotlib.pyplot as plt"


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
    print(f"build: workbook notebooks {real:.1f} s, four trivial notebooks {base:.1f} s, ratio {real / base:.2f}x "
          f"(best of {repeats}, jobs={jobs}; most of the difference is drawing the charts)", file=out, flush=True)
    return real, base


LONG_LINE_SIZES = (1, 2, 5)  # megabytes
TARGET_LONG_LINE_SECONDS = 10.0  # for the 5 MB line


def make_long_line(megabytes: float, folder: str | Path) -> Path:
    """Write a corpus of one article whose body is a single line of ``megabytes`` MB; return the folder.

    The line is the seeds' body paragraphs joined with spaces, repeated (a scraped page whose line ends
    were lost); the title line comes first, as on a page.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    source = read_corpus(SEEDS).paragraphs
    body = " ".join(source[source["role"] == "body"]["text_raw"])
    size = int(megabytes * 2**20)
    line = (body + " ") * (size // len(body.encode()) + 1)
    line = line.encode()[:size].decode(errors="ignore").rstrip()
    title = source["text_raw"].iloc[1]
    (folder / "001_long_line.txt").write_text(f"{title}\n\n{line}\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("doc_id,file,outlet,published\n001,001_long_line.txt,synthetic,2020-02-20\n",
                                         encoding="utf-8")
    return folder


def bench_long_line(sizes=LONG_LINE_SIZES, jobs: int = 2, out=sys.stdout) -> list[tuple[float, float]]:
    """Time ``python -m helpers tables`` on one article whose body is a single line of each size (MB).

    Every stage must be linear in the length of a line: the 1, 2 and 5 MB times should grow in
    proportion (a quadratic stage made the 5 MB line take 102 s). The CPU seconds of the command's
    processes are printed beside the wall clock: on a shared machine they are the steadier figure.
    Returns (megabytes, wall seconds) pairs.
    """
    results = []
    for megabytes in sizes:
        folder = make_long_line(megabytes, Path(tempfile.mkdtemp(prefix="bench-line-")))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            seconds, peak = run_command(folder, jobs)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        results.append((megabytes, seconds))
        verdict = ""
        if megabytes == 5:
            verdict = "  target met" if seconds < TARGET_LONG_LINE_SECONDS else \
                f"  target missed ({TARGET_LONG_LINE_SECONDS:.0f} s)"
        print(f"one line of {megabytes:g} MB: tables command {seconds:.1f} s wall clock ({seconds / megabytes:.1f} s per "
              f"MB), {cpu:.1f} s of CPU in all its processes, peak {peak:.0f} MB{verdict}", file=out, flush=True)
    return results


GOLD_DATES = ROOT / "benchmarks" / "gold_dates.csv"
TARGET_DATE_SPEEDUP = 20.0
TARGET_BATTERY_PERCENT = 95.0


def _correct(gold_value: str, found: list[str]) -> bool:
    """A resolution is right when it states the gold value at the gold precision, or nothing when none is due."""
    if not gold_value:
        return not any(found)
    return any(v[:len(gold_value)] == gold_value for v in found if v)


def score_dates(corpus, gold: Path = GOLD_DATES) -> dict[str, tuple[int, int]]:
    """Score both extractors on the hand-checked mentions: {system: (right, total)}.

    Each gold row names a paragraph and a surface (its first occurrence there that is not part of a
    longer gold surface); a system's findings count when their span overlaps it. dateparser gets the
    article's own date as RELATIVE_BASE where there is one (its best case).
    """
    import datetime as dt

    from .dates import date_mentions, reference_dates
    from .dates.compare import dateparser_spans

    table = pd.read_csv(gold, dtype={"doc_id": str, "para_id": int, "surface": str, "value": str},
                        keep_default_na=False)
    refs = dict(zip(*reference_dates(corpus)[["doc_id", "reference_date"]].T.values))
    ours = date_mentions(corpus)
    text_of = {(d, p): t for d, p, t in zip(corpus.paragraphs["doc_id"], corpus.paragraphs["para_id"],
                                             corpus.paragraphs["text"])}
    right = {"workbook": 0, "dateparser": 0}
    for row in table.itertuples(index=False):
        text = text_of[(row.doc_id, row.para_id)]
        start = text.find(row.surface)
        if start < 0:
            raise ValueError(f"{gold}: {row.surface!r} is not in paragraph {row.doc_id}/{row.para_id}")
        end = start + len(row.surface)
        mine = ours[(ours["doc_id"] == row.doc_id) & (ours["para_id"] == row.para_id)
                    & (ours["start"] < end) & (ours["end"] > start)]
        right["workbook"] += _correct(row.value, list(mine["value"]))
        ref = refs.get(row.doc_id, "")
        base = dt.date.fromisoformat(ref) if ref else None
        theirs = [h[3] for h in dateparser_spans(text, base) if h[0] < end and start < h[1]]
        right["dateparser"] += _correct(row.value, theirs)
    return {name: (n, len(table)) for name, n in right.items()}


def bench_battery(out=sys.stdout) -> pd.DataFrame:
    """Score the workbook and dateparser on the hand-written battery; print both, per category and in total."""
    from .dates.battery import battery_scores, score_battery

    scores = battery_scores(score_battery())
    total = scores.iloc[-1]
    print(f"date battery ({int(total['items'])} hand-written phrases, each with its publication date): "
          f"workbook {int(total['workbook_right'])} right ({total['workbook_%']:.1f}%), dateparser "
          f"{int(total['dateparser_right'])} ({total['dateparser_%']:.1f}%) given the same date as base: "
          + ("target met" if total["workbook_%"] >= TARGET_BATTERY_PERCENT
             else f"target missed ({TARGET_BATTERY_PERCENT:.0f}%)"), file=out)
    print("    " + scores.to_string(index=False).replace("\n", "\n    "), file=out, flush=True)
    return scores


def bench_linear(texts: list[str], out=sys.stdout, sizes=(250_000, 1_000_000)) -> list[float]:
    """Time :func:`helpers.dates.extract_dates` on one line of each size built from ``texts``; print µs per KB.

    The per-KB cost staying flat as the line grows fourfold is what "linear in the text's length" means
    here: no step looks at the whole line once per expression.
    """
    from .dates import extract_dates

    source = " ".join(texts)
    costs = []
    for n in sizes:
        line = (source * (n // max(len(source), 1) + 1))[:n]
        start = time.perf_counter()
        found = extract_dates(line, "2020-02-20")
        seconds = time.perf_counter() - start
        costs.append(seconds / (n / 1000) * 1e6)
        print(f"dates on one line of {n / 1e6:.2f} M characters: {seconds:.2f} s, {len(found)} mentions, "
              f"{costs[-1]:.0f} µs per 1,000 characters", file=out, flush=True)
    print(f"dates on one long line: cost per character x{costs[-1] / costs[0]:.2f} from "
          f"{sizes[0] / 1e6:.2f} to {sizes[-1] / 1e6:.2f} M characters (1.00 = linear)", file=out, flush=True)
    return costs


def bench_dates(folder: Path | None = None, n_articles: int = 200, out=sys.stdout) -> float:
    """Time dateparser.search_dates and the workbook's date table on the same lines; print the ratio.

    The workbook side is :func:`helpers.dates.date_mentions` (finding, typing and resolving every
    mention, as the tables do); the dateparser side is one ``search_dates`` call per line with the
    article's date as base. dateparser is slow, so only the first ``n_articles`` articles are used.
    Then both systems are scored on the seeds' hand-checked mentions and on the battery
    (:func:`bench_battery`), and the extractor is timed on one long line (:func:`bench_linear`).
    """
    import datetime as dt

    from .dates import date_mentions
    from .dates.compare import dateparser_spans
    from .loading import load_entries
    from .roles import COUNTED_ROLES

    entries, _ = plan_corpus(folder or SEEDS)
    corpus = load_entries(entries[:n_articles], folder or SEEDS)
    paras = corpus.paragraphs[corpus.paragraphs["role"].isin(COUNTED_ROLES)]
    refs = dict(zip(corpus.articles["doc_id"], corpus.articles["published"]))
    megabytes = sum(len(t.encode()) for t in paras["text"]) / 2**20
    start = time.perf_counter()
    for doc_id, text in zip(paras["doc_id"], paras["text"]):
        ref = refs.get(doc_id)
        dateparser_spans(text, dt.date.fromisoformat(ref) if ref else None)
    theirs = time.perf_counter() - start
    repeats = 10
    start = time.perf_counter()
    for _ in range(repeats):
        date_mentions(corpus)
    ours = (time.perf_counter() - start) / repeats
    score = score_dates(read_corpus(SEEDS))
    ratio = theirs / ours
    verdict = "target met" if ratio >= TARGET_DATE_SPEEDUP and score["workbook"][0] > score["dateparser"][0] \
        else f"target missed ({TARGET_DATE_SPEEDUP:.0f}x faster and more right)"
    print(f"dates on {len(paras)} lines ({megabytes:.2f} MB): dateparser.search_dates {theirs:.2f} s, "
          f"workbook date table {ours:.3f} s, {ratio:.0f}x faster; right on {score['workbook'][1]} hand-checked "
          f"seed mentions: workbook {score['workbook'][0]}, dateparser {score['dateparser'][0]} "
          f"(given the article date as base): {verdict}", file=out, flush=True)
    bench_battery(out)
    bench_linear(list(paras["text"]), out)
    return ratio


def main(sizes=(1000, 10000), jobs: int = 2, keep: Path | None = None, out=sys.stdout,
         reports: bool = True) -> list[StageResult]:
    """Run the benchmark at each size and print the figures (with ``reports``, the report build's too)."""
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
              f"{peak:>8.0f}   (python -m helpers tables --jobs {jobs}, wall clock; peak of its largest process){verdict}", file=out, flush=True)
        all_results.extend(results)
        if reports:
            bench_reports(folder, size, jobs, out=out)
        if size == sizes[-1]:
            bench_dates(folder, out=out)
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return all_results
