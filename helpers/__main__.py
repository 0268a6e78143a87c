"""Command line: ``python -m helpers {build,tables} [--seeds DIR] [--out DIR] [--force]``.

Exit status: 0 on success, 2 for bad input or options (the message says which file and what is wrong),
1 when a notebook fails during the build (the message names the notebook and the cell), 130 when
interrupted (Ctrl-C: one line, and the previous output left as it was). Output goes through
:func:`helpers.outputs.output_folder` (checked, locked, staged, swapped in when complete). Warnings about
the corpus are printed one line per kind, from ``tables/warnings.csv``.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import warnings
from pathlib import Path

from .errors import CorpusWarning, WorkbookError
from .paths import OUTPUTS, SEEDS


INTERRUPTED = 130  # the shell's status for a command ended by Ctrl-C


def main(argv=None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description="Arabic news analysis workbook.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("build", "run every notebook and render the HTML reports and tables"),
                            ("tables", "write the CSV tables only, without notebooks")):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--seeds", type=Path, default=SEEDS, help="corpus folder (default: seeds/)")
        cmd.add_argument("--out", type=Path, default=OUTPUTS, help="output folder (default: outputs/)")
        cmd.add_argument("--jobs", type=int, default=2,
                         help="processes working at once: notebooks for build, article partitions for tables (default: 2)")
        cmd.add_argument("--force", action="store_true",
                         help="write into a non-empty output folder that holds no earlier workbook output")
        if name == "tables":
            cmd.add_argument("--dask", metavar="SCHEDULER", default=None,
                             help="compute with Dask: 'local' for a cluster on this machine, or a scheduler address")
    bench = sub.add_parser("bench", help="time every stage on synthetic corpora made from the seeds")
    bench.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (articles)")
    bench.add_argument("--jobs", type=int, default=2, help="processes for the timed tables command")
    bench.add_argument("--keep", type=Path, default=None, help="keep the synthetic corpora in this folder")
    bench.add_argument("--skip-build", action="store_true",
                       help="do not time the report build (on each synthetic corpus and on the seeds)")
    bench.add_argument("--skip-long-line", action="store_true", help="do not time one article of a single long line")
    args = parser.parse_args(argv)
    if args.command == "bench":
        from .bench import main as bench_main

        bench_main(args.sizes, args.jobs, args.keep, reports=not args.skip_build)
        if not args.skip_long_line:
            from .bench import bench_long_line

            bench_long_line(jobs=args.jobs)
        if not args.skip_build:
            from .bench import bench_build

            bench_build(jobs=args.jobs)
        return 0
    from .outputs import output_folder

    build_error: tuple = ()  # nothing to catch for tables (and nbformat, slow to import, stays unloaded)
    if args.command == "build":
        from .build import BuildError

        build_error = (BuildError,)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        out = Path(args.out)
        try:
            with output_folder(args.seeds, out, args.command, force=args.force,
                               carry=("logs/notebook_seconds.json",)) as staging:
                paths = _run(args, staging, PathRewriter(sys.stderr, staging, out.resolve()))
                print_warnings(staging / "tables" / "warnings.csv")
        except build_error as exc:
            print(f"build failed: {exc}", file=sys.stderr)
            print(f"the previous output in {out} is left as it was", file=sys.stderr)
            return 1
        except WorkbookError as exc:
            for line in summarise_notes_text(caught):
                print(f"warning: {line}", file=sys.stderr)
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            # A second Ctrl-C while the interpreter shuts down (worker pools, threads) would kill the
            # process by the signal itself, with no exit status of its own: from here on it is ignored.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            print(f"interrupted; the previous output in {out} is left as it was", file=sys.stderr)
            return INTERRUPTED
    if args.command == "tables":
        n_csv = sum(1 for p in paths if Path(p).suffix == ".csv")
        print(f"wrote {n_csv} tables to {out / 'tables'}, and as sheets of {out / 'tables.xlsx'}")
        if (out / "index.html").exists():
            print(f"note: the reports in {out} are from an earlier build; run build to bring them up to date",
                  file=sys.stderr)
    return 0


def _run(args, staging: Path, progress) -> list:
    """Run the ``tables`` or ``build`` command into ``staging``; return the paths written."""
    if args.command == "tables":
        from .tables import write_tables

        if args.dask:
            from .distributed import write_dask_tables

            return write_dask_tables(args.seeds, staging, args.dask, workers=args.jobs)
        return write_tables(args.seeds, staging, jobs=args.jobs)
    from .build import build

    return build(args.seeds, staging, jobs=args.jobs, progress=progress)


class PathRewriter:
    """A text stream that writes to ``stream`` with the staging folder's path shown as the output folder's.

    The build reports paths as it writes them (into the staging folder); the user sees where they will be.
    """

    def __init__(self, stream, staging: Path, out: Path):
        self.stream, self.staging, self.out = stream, str(staging), str(out)

    def write(self, text: str) -> int:
        return self.stream.write(text.replace(self.staging, self.out))

    def flush(self) -> None:
        self.stream.flush()


def print_warnings(path: Path, out=sys.stderr) -> None:
    """Print the corpus warnings of a run (its ``warnings.csv``), one line per kind with a count."""
    import csv

    from .errors import CorpusNote, summarise_notes

    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as fh:
        notes = [CorpusNote(r["kind"], r["file"], r["problem"], r["action"]) for r in csv.DictReader(fh)]
    for line in summarise_notes(notes):
        print(f"warning: {line}", file=out)
    if notes:
        print(f"warning: every warning, one per row: {path.name} in the tables folder", file=out)


def summarise_notes_text(caught) -> list[str]:
    """Return the distinct messages of the corpus warnings caught before an error, in order."""
    return list(dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, CorpusWarning)))


if __name__ == "__main__":
    status = main()
    if status == INTERRUPTED:
        # Everything is cleaned up by now (staging folder removed, lock released, worker pools shut down).
        # The interpreter's own shutdown after a Ctrl-C could still end the process by SIGINT (status -2
        # instead of 130, about one run in twenty under load): leave at once, with the status said.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(INTERRUPTED)
    sys.exit(status)
