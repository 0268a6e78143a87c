"""Command line: ``python -m helpers {build,tables} [--seeds DIR] [--out DIR]``.

Exit status: 0 on success, 2 for bad input or options (the message says which file and what is wrong),
1 when a notebook fails during the build (the message names the notebook and the cell).
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from .errors import CorpusWarning, WorkbookError
from .paths import OUTPUTS, SEEDS


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
        if name == "tables":
            cmd.add_argument("--dask", metavar="SCHEDULER", default=None,
                             help="compute with Dask: 'local' for a cluster on this machine, or a scheduler address")
    bench = sub.add_parser("bench", help="time every stage on synthetic corpora made from the seeds")
    bench.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (articles)")
    bench.add_argument("--jobs", type=int, default=2, help="processes for the timed tables command")
    bench.add_argument("--keep", type=Path, default=None, help="keep the synthetic corpora in this folder")
    bench.add_argument("--skip-build", action="store_true",
                       help="do not time the report build (on each synthetic corpus and on the seeds)")
    args = parser.parse_args(argv)
    if args.command == "bench":
        from .bench import main as bench_main

        bench_main(args.sizes, args.jobs, args.keep, reports=not args.skip_build)
        if not args.skip_build:
            from .bench import bench_build

            bench_build(jobs=args.jobs)
        return 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        try:
            if args.command == "tables":
                from .tables import write_tables

                if args.dask:
                    from .distributed import write_dask_tables

                    paths = write_dask_tables(args.seeds, args.out, args.dask, workers=args.jobs)
                else:
                    paths = write_tables(args.seeds, args.out, jobs=args.jobs)
                print(f"wrote {len(paths)} tables to {Path(args.out) / 'tables'}")
            else:
                from .build import BuildError, build

                try:
                    build(args.seeds, args.out, jobs=args.jobs)
                except BuildError as exc:
                    print(f"build failed: {exc}", file=sys.stderr)
                    return 1
        except WorkbookError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        finally:
            for w in caught:
                if issubclass(w.category, CorpusWarning):
                    print(f"warning: {w.message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
