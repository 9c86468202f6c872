"""The error surface: a 200 x 200 grid of E, dE/dx and dE/dy, and its contour lines.

Run: ``uv run python tests/benchmarks/bench_surface.py``.  Prints the best and median of
several runs, measured in alternation with a reference in the same process (numpy's exp
over the same 40,000 points, the least any vectorised evaluation must do), so the ratio
means something on a busy machine.  The target is at most 10 ms for the grid.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from engine import NOTES_PARAMS
from engine.models import NEURON
from engine.surface import evaluator, surface
from widgets.contours import contour_segments, nice_levels

N = 200
RUNS = 30


def timed(fn: Callable[[], object]) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def main() -> None:
    values = NOTES_PARAMS.as_dict()
    xs, ys = np.linspace(-0.85, 1.15, N), np.linspace(-0.8, 1.2, N)
    plane = xs[:, np.newaxis] + ys[np.newaxis, :]
    cases = {
        f"grid {N}x{N} sigmoid/half-sse": lambda: surface(
            evaluator(NEURON, "sigmoid", "half-sse"), values, "w1", "w2", xs, ys
        ),
        f"grid {N}x{N} tanh/mse": lambda: surface(
            evaluator(NEURON, "tanh", "mse"), values, "b1", "w2", xs, ys
        ),
    }
    error = surface(evaluator(NEURON, "sigmoid", "half-sse"), values, "w1", "w2", xs, ys).error
    levels = nice_levels(error, 10)
    cases[f"contours {N}x{N}, 10 levels"] = lambda: contour_segments(xs, ys, error, levels)
    reference = lambda: np.exp(plane)  # noqa: E731
    times: dict[str, list[float]] = {name: [] for name in cases}
    ref_times: list[float] = []
    for _ in range(RUNS):  # in alternation, so load changes hit both alike
        for name, fn in cases.items():
            ref_times.append(timed(reference))
            times[name].append(timed(fn))
    ref = statistics.median(ref_times)
    print(f"reference np.exp over {N * N:,} points: median {ref * 1e3:.3f} ms")
    for name, ts in times.items():
        best, median = min(ts) * 1e3, statistics.median(ts) * 1e3
        print(
            f"{name:<32}: best {best:6.2f} ms, median {median:6.2f} ms "
            f"({median / (ref * 1e3):5.1f} x the reference)"
        )


if __name__ == "__main__":
    main()
