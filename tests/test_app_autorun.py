"""The auto-run timer: pacing at a set speed, batching at top speed, skipping ticks."""

from app.autorun import AutoRunner


def test_slow_speed_runs_about_that_many_steps(qtbot):
    calls: list[int] = []
    runner = AutoRunner(lambda n: calls.append(n) or n)
    runner.steps_per_second = 20
    runner.start()
    qtbot.waitUntil(lambda: sum(calls) >= 6, timeout=3000)
    runner.stop()
    assert all(n <= 2 for n in calls)  # a tick never does a burst at 20 steps/s
    assert not runner.active


def test_top_speed_adapts_its_batch_and_survives_skipped_ticks(qtbot):
    skipping = {"on": True}
    sizes: list[int] = []

    def advance(n: int) -> int:
        sizes.append(n)
        return 0 if skipping["on"] else n

    runner = AutoRunner(advance)
    runner.steps_per_second = None
    runner.start()
    qtbot.waitUntil(lambda: len(sizes) >= 20, timeout=3000)
    # Ticks that did nothing (the history was growing) must not inflate the batch.
    assert max(sizes) == sizes[0]
    skipping["on"] = False
    qtbot.waitUntil(lambda: len(sizes) >= 40, timeout=3000)
    runner.stop()
    assert max(sizes) > sizes[0]  # batches grew once steps were cheap
