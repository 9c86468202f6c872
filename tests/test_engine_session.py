"""Session files: exact round trip, deterministic replay, and broken files rejected with
the place named (including a fuzz test of the loader)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from engine import session as sess
from engine.models import NEURON, TWO_TWO_TWO, Config
from engine.session import (
    CONFIG,
    CurveSettings,
    Edit,
    Session,
    SessionError,
    parse_session,
    replay,
    session_to_json,
)

ALL = frozenset(NEURON.parameters)


def neuron_session(steps: int = 300, edits: tuple[Edit, ...] = ()) -> Session:
    return Session(
        "neuron",
        dict(NEURON.defaults),
        Config("sigmoid", "half-sse", ALL),
        steps,
        edits,
        engine.StopRule(500, None, 1e-9),
        CurveSettings("x4", 1.5, 0.05, 40),
    )


EDITS = (
    Edit(5, sess.VALUES, {"w1": 0.3, "b2": -0.25}),
    Edit(10, "eta", 0.5),
    Edit(10, CONFIG, Config("tanh", "mse", frozenset({"w1", "b2"}))),
    Edit(200, "i1", 0.3),
)


def test_a_session_round_trips_through_json():
    session = neuron_session(edits=EDITS)
    text = session_to_json(session)
    data = json.loads(text)
    assert data["format"] == "backprop-lab-session"
    assert data["version"] == 1
    assert data["model"] == "neuron"
    assert data["edits"][0] == {"step": 5, "name": "values", "value": {"w1": 0.3, "b2": -0.25}}
    assert data["edits"][1] == {"step": 10, "name": "eta", "value": 0.5}
    assert data["edits"][2]["value"] == {"activation": "tanh", "loss": "mse", "train": ["w1", "b2"]}
    assert data["curve"] == {"function": "x4", "x0": 1.5, "eta": 0.05, "steps": 40}
    assert parse_session(text) == session
    assert parse_session(text.encode("utf-8")) == session


def test_replay_without_edits_is_the_cli_run():
    replayed = replay(neuron_session(5000))
    history, snap = engine.new_neuron_history(engine.NOTES_PARAMS)
    engine.train(history, snap, 0, engine.NeuronConfig(), 5000)
    assert replayed.step == 5000
    assert engine.history_to_csv_text(replayed.history) == engine.history_to_csv_text(history)


def test_replay_applies_each_edit_as_one_row_at_its_step():
    replayed = replay(neuron_session(300, EDITS))
    history = replayed.history
    assert len(history) == 301 + 4
    steps = history.column("step")
    assert list(steps[4:8]) == [4, 5, 5, 6]
    assert (history.row(6)["w1"], history.row(6)["b2"]) == (0.3, -0.25)
    assert list(steps[10:15]) == [9, 10, 10, 10, 11]
    assert history.row(12)["eta"] == 0.5
    assert history.row(13)["eta"] == 0.5
    # From the config edit on, only w1 and b2 learn (and with tanh and mse).
    assert history.row(-1)["w2"] == history.row(13)["w2"]
    assert history.row(-1)["w1"] != history.row(13)["w1"]
    assert replayed.config == Config("tanh", "mse", frozenset({"w1", "b2"}))
    at_200 = [i for i, s in enumerate(steps) if s == 200]
    assert len(at_200) == 2 and history.row(at_200[1])["i1"] == 0.3
    # Replaying twice gives the same bits.
    again = replay(neuron_session(300, EDITS))
    assert engine.history_to_csv_text(again.history) == engine.history_to_csv_text(history)


def test_a_session_of_another_model_replays():
    session = Session(
        "2-2-2", dict(TWO_TWO_TWO.defaults), TWO_TWO_TWO.default_config, 50, (Edit(20, "eta", 0.1),)
    )
    replayed = replay(parse_session(session_to_json(session)))
    assert replayed.history.columns == TWO_TWO_TWO.columns
    assert len(replayed.history) == 52


def test_save_is_atomic_and_load_reads_it_back(tmp_path: Path):
    path = tmp_path / "run.json"
    sess.save_session(neuron_session(edits=EDITS), path)
    assert sess.load_session(path) == neuron_session(edits=EDITS)
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]


def good() -> dict:
    return json.loads(session_to_json(neuron_session(edits=EDITS)))


def broken(change) -> str:
    data = good()
    change(data)
    return json.dumps(data)


BAD = [
    ("", "line 1", "not valid JSON"),
    (session_to_json(neuron_session(edits=EDITS))[:200], "line", "not valid JSON"),
    ("[1, 2]", "file", "JSON object"),
    (broken(lambda d: d.update(format="something-else")), "format", "not a session file"),
    (broken(lambda d: d.update(version=2)), "version", "reads version 1"),
    (broken(lambda d: d.update(version="1")), "version", "whole number"),
    (broken(lambda d: d.pop("steps")), "steps", "missing"),
    (broken(lambda d: d.update(steps=-1)), "steps", "between 0 and"),
    (broken(lambda d: d.update(steps=2_000_001)), "steps", "between 0 and 2,000,000"),
    (broken(lambda d: d.update(steps=True)), "steps", "whole number"),
    (broken(lambda d: d.update(model="gpt")), "model", "neuron"),
    (broken(lambda d: d.update(extra=1)), "extra", "not a field"),
    (broken(lambda d: d["start"].pop("eta")), "start.eta", "missing"),
    (broken(lambda d: d["start"].update(w1="0.15")), "start.w1", "must be a number"),
    (broken(lambda d: d["settings"].update(activation="eval")), "settings.activation", "one of"),
    (broken(lambda d: d["settings"].update(train=["w9"])), "settings.train", "'w9'"),
    (broken(lambda d: d["edits"][2].update(step=3)), "edits[2].step", "before the edit above"),
    (broken(lambda d: d["edits"][0].update(step=0)), "edits[0].step", "at least 1"),
    (broken(lambda d: d["edits"][3].update(step=301)), "edits[3].step", "between 0 and 300"),
    (broken(lambda d: d["edits"][3].update(name="__import__")), "edits[3].name", "config"),
    (broken(lambda d: d["edits"][1].update(value=None)), "edits[1].value", "must be a number"),
    (broken(lambda d: d["edits"][2]["value"].update(loss="x")), "edits[2].value.loss", "one of"),
    (broken(lambda d: d["edits"][0]["value"].update(w9=1)), "edits[0].value.w9", "not a field"),
    (broken(lambda d: d["edits"][0].update(value={})), "edits[0].value", "JSON object"),
    (broken(lambda d: d.update(edits={})), "edits", "list"),
    (broken(lambda d: d["stop"].update(max_step=1.5)), "stop.max_step", "whole number"),
    (broken(lambda d: d["curve"].update(function="os.system")), "curve.function", "x2"),
    ('{"format": "backprop-lab-session", "version": 1, "x": NaN}', "line 1", "NaN"),
    ("[" * 100_000, "file", "nested"),
    (b"\xff\xfe{", "file", "UTF-8"),
]


@pytest.mark.parametrize(("text", "where", "words"), BAD, ids=range(len(BAD)))
def test_broken_files_name_the_place(text, where, words):
    with pytest.raises(SessionError) as info:
        parse_session(text)
    assert info.value.where.startswith(where), str(info.value)
    assert words in str(info.value)


@pytest.mark.parametrize(("text", "where", "words"), BAD, ids=range(len(BAD)))
def test_broken_files_are_reported_as_data_the_window_can_translate(text, where, words):
    from engine.messages import ENGLISH

    with pytest.raises(SessionError) as info:
        parse_session(text)
    error = info.value
    # A code and its values, not a finished English sentence: the window phrases it.
    assert error.message.code in ENGLISH
    assert error.reason in str(error)
    # A line of the file is a number the window can name in its own language.
    assert (error.line is not None) == where.startswith("line")


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (sess.MAX_BYTES + 1))
    with pytest.raises(SessionError, match="larger than"):
        sess.load_session(path)


def test_a_start_that_is_not_finite_is_named_at_replay():
    data = good()
    data["settings"]["loss"] = "bce"
    data["start"]["w1"] = 1e5  # out = 1.0 exactly: bce's log(1 - out) is not finite
    data["edits"] = []
    session = parse_session(json.dumps(data))
    with pytest.raises(SessionError) as info:
        replay(session)
    assert info.value.where == "start"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_fuzz_the_loader_with_broken_files(data):
    """Whatever the file holds, the loader returns a session or a SessionError: nothing else."""
    kind = data.draw(st.sampled_from(["bytes", "cut", "field", "edit"]))
    text = session_to_json(neuron_session(edits=EDITS))
    if kind == "bytes":
        candidate: str | bytes = data.draw(st.binary(max_size=200))
    elif kind == "cut":
        candidate = text[: data.draw(st.integers(0, len(text)))]
    else:
        doc = good()
        target = doc if kind == "field" else doc["edits"][data.draw(st.integers(0, 3))]
        key = data.draw(st.sampled_from(sorted(target)))
        target[key] = data.draw(json_values)
        candidate = json.dumps(doc)
    try:
        session = parse_session(candidate)
    except SessionError as exc:
        assert exc.where and exc.reason
        return
    if session.steps > 5000:
        return  # a valid long run: replaying it is tested elsewhere
    try:
        replay(session)
    except SessionError as exc:
        assert exc.where
