"""The live error plot's min/max envelope: exact per bucket, incremental, bounded."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.envelope import Envelope


def _check(envelope: Envelope, x: np.ndarray, y: np.ndarray, xs: np.ndarray, ys: np.ndarray):
    """Every complete bucket is the true (min, max) of its rows; the rest are the rows."""
    b, done = envelope.bucket, envelope.done
    assert done % b == 0 and done < len(x)
    buckets = done // b
    assert np.array_equal(xs[: 2 * buckets : 2], x[:done:b])
    assert np.array_equal(ys[: 2 * buckets : 2], y[:done].reshape(buckets, b).min(axis=1))
    assert np.array_equal(ys[1 : 2 * buckets : 2], y[:done].reshape(buckets, b).max(axis=1))
    assert np.array_equal(xs[2 * buckets :], x[done:])
    assert np.array_equal(ys[2 * buckets :], y[done:])
    assert xs[-1] == x[-1] and ys[-1] == y[-1]  # the curve ends at the current row
    assert ys.min() == y.min() and ys.max() == y.max()


@settings(max_examples=60, deadline=None)
@given(
    chunks=st.lists(st.integers(1, 3000), min_size=1, max_size=12),
    max_buckets=st.sampled_from([4, 16, 64]),
    seed=st.integers(0, 2**32 - 1),
)
def test_envelope_matches_the_rows_after_any_appends(chunks, max_buckets, seed):
    rng = np.random.default_rng(seed)
    n = sum(chunks)
    x = np.arange(n, dtype=float)
    y = rng.standard_normal(n)
    envelope = Envelope(max_buckets)
    end = 0
    for chunk in chunks:
        end += chunk
        xs, ys = envelope.update(x[:end], y[:end])
        _check(envelope, x[:end], y[:end], xs, ys)
        assert envelope.done // envelope.bucket <= max_buckets
        # What is left over is at most two buckets: the drawing stays small.
        assert end - envelope.done <= 2 * envelope.bucket


def test_envelope_of_a_million_rows_is_a_few_thousand_points():
    x = np.arange(1_000_000, dtype=float)
    y = np.exp(-x / 1e5)
    envelope = Envelope()
    for end in range(50_000, 1_000_001, 50_000):
        xs, _ = envelope.update(x[:end], y[:end])
    assert len(xs) <= 2 * envelope.max_buckets + 2 * envelope.bucket
    assert len(xs) < 10_000


def test_envelope_starts_over_for_a_new_run():
    envelope = Envelope(8)
    x = np.arange(1000, dtype=float)
    envelope.update(x, np.linspace(1.0, 0.0, 1000))
    # A shorter run (Reset), then a run as long as before but with other values.
    fives = np.full(10, 5.0)
    xs, ys = envelope.update(x[:10], fives)
    _check(envelope, x[:10], fives, xs, ys)
    assert set(ys) == {5.0}
    other = np.linspace(2.0, 3.0, 1000)
    xs, ys = envelope.update(x, other)
    _check(envelope, x, other, xs, ys)


def test_envelope_clear_forgets_everything():
    envelope = Envelope(8)
    envelope.update(np.arange(100.0), np.arange(100.0))
    envelope.clear()
    assert envelope.done == 0 and envelope.bucket == 1
