"""Spell-check a corpus of files on a Dask cluster with lialia, and write the findings
as Parquet.

    pip install 'lialia[dask]'
    python examples/dask_corpus.py                      # a small corpus, 2 local workers
    python examples/dask_corpus.py FOLDER --out found/  # your own files
    python examples/dask_corpus.py FOLDER --scheduler tcp://scheduler:8786

On a real cluster, the files must be at the same paths on every worker (a shared file
system) and lialia installed on each; every worker loads its own checker once, from the
compiled index in its machine's cache.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

#: the small corpus written when no folder is named: Arabic notes in three formats
SAMPLE = {
    "notes/day1.txt": "ذهبت الى المكتبه يوم 12 مارس\nوقرأت كتابا عن Python و SQL\n",
    "notes/day2.txt": "الاجتماع كان مفيدا، وناقشنا الخطه للعام 2025\n",
    "docs/guide.md": "# دليل المستخدم\n\nثبت البرنامج ثم افتح `الى` الاعدادات\n",
    "docs/index.html": "<p>مرحبا بكم فى الموقع <code>الى</code></p>\n",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", help="files to check (default: a small sample)")
    parser.add_argument("--out", help="the Parquet folder to write (default: a temporary one)")
    parser.add_argument("--scheduler", help="a running cluster's scheduler (tcp://host:8786)")
    parser.add_argument("--workers", type=int, default=2, help="local workers (default 2)")
    args = parser.parse_args()

    import pandas as pd
    from distributed import Client, LocalCluster

    from lialia.integrations.dask import check_files, load_on_workers, to_parquet

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.folder) if args.folder else Path(scratch) / "corpus"
        if not args.folder:
            for name, text in SAMPLE.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(text, encoding="utf-8")
        out = Path(args.out) if args.out else Path(scratch) / "findings"

        # a running cluster's scheduler, or a cluster of local worker processes: the
        # code below is the same for both
        cluster = None
        if not args.scheduler:
            cluster = LocalCluster(
                n_workers=args.workers, threads_per_worker=1, dashboard_address=None
            )
        with Client(args.scheduler or cluster) as client:
            workers = load_on_workers(client)  # each worker loads its checker, once
            print(f"{len(workers)} workers ready")
            result = check_files([folder])  # lazy: nothing is read yet
            written = to_parquet(result, out)  # the workers check and write
            where = out if args.out else "a temporary folder"
            print(f"{len(written)} Parquet files in {where}")

            found = pd.read_parquet(out)
            found["file"] = [Path(path).relative_to(folder).as_posix() for path in found["path"]]
            for file, rows in found.groupby("file", sort=True):
                pairs = zip(rows["word"], rows["fix"], strict=True)
                fixes = [f"{word}->{fix}" for word, fix in pairs if isinstance(fix, str)]
                print(f"{file}: {len(rows)} findings; fixes: {', '.join(fixes) or '-'}")
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":  # the workers are processes: they import this file too
    main()
