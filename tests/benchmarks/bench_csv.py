"""The CLI's whole ``train --steps N --csv FILE`` against ``numpy.savetxt`` of the same values.

Run: ``uv run python tests/benchmarks/bench_csv.py [--steps N] [--repeats N]``.

Both are timed in this process, alternating, best of ``--repeats``: the CLI does the
training *and* the writing; ``numpy.savetxt(fmt='%.17g')`` only writes the same
(N + 1) x 18 values.  The issue's target is a ratio of at most 0.6.  The script then
checks that the CLI's file reads back exactly (``float(cell) == value`` for every cell).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np

import engine
from app.cli import main as cli_main

TARGET_RATIO = 0.6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    history, snap = engine.new_neuron_history(engine.NOTES_PARAMS)
    engine.train(history, snap, 0, engine.NeuronConfig(), args.steps)
    values = np.ascontiguousarray(history.data().T)  # rows x 18, as savetxt wants them

    folder = tempfile.mkdtemp()
    cli_file = os.path.join(folder, "cli.csv")
    numpy_file = os.path.join(folder, "savetxt.csv")
    argv = ["train", "--steps", str(args.steps), "--csv", cli_file]
    best = {"cli": math.inf, "savetxt": math.inf}
    devnull = open(os.devnull, "w")  # noqa: SIM115 - the CLI's one line of output
    for _ in range(args.repeats):
        began = time.perf_counter()
        stdout, sys.stdout = sys.stdout, devnull
        try:
            status = cli_main(argv)
        finally:
            sys.stdout = stdout
        best["cli"] = min(best["cli"], time.perf_counter() - began)
        assert status == 0, status
        began = time.perf_counter()
        np.savetxt(numpy_file, values, fmt="%.17g", delimiter=",")
        best["savetxt"] = min(best["savetxt"], time.perf_counter() - began)

    loaded = engine.load_history(cli_file, expected_columns=engine.COLUMNS)
    exact = all(
        np.array_equal(loaded.column(name), history.column(name)) for name in history.columns
    )
    ratio = best["cli"] / best["savetxt"]
    print(f"rows x columns             : {len(history):,} x {len(history.columns)}")
    print(f"CLI train + write, best    : {best['cli']:.2f} s ({argv[0]} --steps {args.steps})")
    print(f"numpy.savetxt %.17g, best  : {best['savetxt']:.2f} s")
    print(f"ratio CLI / savetxt        : {ratio:.2f} (target <= {TARGET_RATIO})")
    print(f"file sizes (CLI, savetxt)  : {os.path.getsize(cli_file):,} / "
          f"{os.path.getsize(numpy_file):,} bytes")  # fmt: skip
    print(f"reads back exactly         : {exact}")
    for name in (cli_file, numpy_file):
        os.unlink(name)
    os.rmdir(folder)


if __name__ == "__main__":
    main()
