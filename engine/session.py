"""Session files: a small, versioned JSON record of a run that rebuilds it exactly.

A session holds the model and its settings, the start values, every edit made during the
run (its step, name and value), the step count, the stop conditions and the curve panel's
settings.  The engine is deterministic, so :func:`replay` recomputes the very same history
(and so the very same CSV) from it.

Reading is strict and safe: plain :mod:`json` (never eval or pickle), a size limit, every
field checked, and a :class:`SessionError` that names the field (``edits[3].value``) or the
line of the problem.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .activations import ACTIVATIONS
from .history import History
from .limits import MAX_STEPS
from .losses import LOSSES
from .messages import EngineError, Message, english
from .models import MODELS, Config, Model, State, get_model
from .outcome import StopRule
from .parabola import FUNCTIONS, get_function
from .training import descend, new_parabola_history

FORMAT = "backprop-lab-session"
VERSION = 1
#: Larger files are refused before they are parsed.
MAX_BYTES = 8 << 20
#: The most edits one session may hold (each is a row of the history).
MAX_EDITS = 100_000
#: An edit named this changes the activation, the loss and the trained parameters at once.
CONFIG = "config"
#: An edit named this changes several values at once (one row), e.g. a click on the map.
VALUES = "values"
#: Steps replayed between two progress reports.
_CHUNK = 1 << 16


class SessionError(ValueError):
    """A session file that cannot be used: where (a field or a line) and why.

    The why is a :class:`~engine.messages.Message` (a ``session.*`` code, or the engine's
    own message for a value that does not compute), phrased by the CLI and the window.
    """

    def __init__(
        self, where: str, reason: Message | str, *, line: int | None = None, **values: Any
    ) -> None:
        self.where = where if line is None else f"line {line}"
        self.line = line  # set when the place is a line of the file rather than a field
        self.message = reason if isinstance(reason, Message) else Message(reason, values)
        super().__init__(f"{where}: {self.reason}")

    @property
    def reason(self) -> str:
        """The why in English, calling the input by where it is in the file."""
        return english(self.message, self.where)


def _because(exc: ValueError) -> Message:
    """The message of a value the engine refused while a session was rebuilt."""
    if isinstance(exc, EngineError):
        return exc.message
    return Message("session.invalid", {"text": str(exc)})


class ReplayCancelled(Exception):
    """A replay that its progress callback stopped."""


@dataclass(frozen=True, slots=True)
class Edit:
    """A change made during a run, recorded as the history row it added at ``step``.

    ``name`` is a field of the model (``value`` a number), :data:`CONFIG` (``value`` a
    :class:`~engine.models.Config`) or :data:`VALUES` (``value`` a mapping of fields to
    numbers).
    """

    step: int
    name: str
    value: float | Config | Mapping[str, float]


@dataclass(frozen=True, slots=True)
class CurveSettings:
    """The curve panel's run: the function, its start, its learning rate and its steps."""

    function: str = "x2"
    x0: float = 10.0
    eta: float = 0.2
    steps: int = 0


@dataclass(frozen=True, slots=True)
class Session:
    """Everything needed to rebuild a window's runs exactly."""

    model: str
    start: Mapping[str, float]
    config: Config
    steps: int
    edits: tuple[Edit, ...] = ()
    stop: StopRule = field(default_factory=StopRule)
    curve: CurveSettings = field(default_factory=CurveSettings)


# -- writing ------------------------------------------------------------------------------


def _config_json(config: Config, model: Model) -> dict[str, Any]:
    trained = [p for p in model.parameters if p in config.trainable]
    return {"activation": config.activation, "loss": config.loss, "train": trained}


def _edit_value_json(value: float | Config | Mapping[str, float], model: Model) -> object:
    if isinstance(value, Config):
        return _config_json(value, model)
    if isinstance(value, Mapping):
        return {name: float(value[name]) for name in model.fields if name in value}
    return value


def session_to_json(session: Session) -> str:
    """The session as JSON text (UTF-8, one key per line: readable and diff-friendly)."""
    model = get_model(session.model)
    edits = [
        {
            "step": e.step,
            "name": e.name,
            "value": _edit_value_json(e.value, model),
        }
        for e in session.edits
    ]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "model": session.model,
        "settings": _config_json(session.config, model),
        "start": {name: float(session.start[name]) for name in model.fields},
        "edits": edits,
        "steps": session.steps,
        "stop": {
            "max_step": session.stop.max_step,
            "error_below": session.stop.error_below,
            "gradient_norm_below": session.stop.gradient_norm_below,
        },
        "curve": {
            "function": session.curve.function,
            "x0": session.curve.x0,
            "eta": session.curve.eta,
            "steps": session.curve.steps,
        },
    }
    return json.dumps(data, indent=1, allow_nan=False) + "\n"


def save_session(session: Session, path: str | os.PathLike[str]) -> None:
    """Write the session atomically (a failure leaves no file and keeps an old one)."""
    text = session_to_json(session)
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp_name, 0o666 & ~mask)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


# -- reading ------------------------------------------------------------------------------


def load_session(path: str | os.PathLike[str]) -> Session:
    """Read and check a session file (OSError if it cannot be read, SessionError if bad)."""
    with open(path, "rb") as stream:
        data = stream.read(MAX_BYTES + 1)
    return parse_session(data)


def parse_session(data: bytes | str) -> Session:
    """Check a session's text and return it, or raise :class:`SessionError`."""
    if len(data) > MAX_BYTES:
        raise SessionError("file", "session.too_large", megabytes=MAX_BYTES >> 20)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SessionError("file", "session.not_utf8", byte=exc.start) from None
    text = data

    def no_constant(name: str) -> float:
        # JSON has no NaN or Infinity; Python's json would read them.  Name the first line.
        line = text.count("\n", 0, max(text.find(name), 0)) + 1
        raise SessionError("", "session.constant", line=line, text=name)

    try:
        root = json.loads(data, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise SessionError("", "session.not_json", line=exc.lineno, text=exc.msg) from None
    except RecursionError:
        raise SessionError("file", "session.too_deep") from None
    return _Reader().session(root)


class _Reader:
    """Turns parsed JSON into a Session, naming the field of the first problem."""

    def session(self, root: object) -> Session:
        top = self.object(
            root,
            "file",
            required={"format", "version", "model", "settings", "start", "steps"},
            optional={"edits", "stop", "curve"},
        )
        if top["format"] != FORMAT:
            raise SessionError("format", "session.format", expected=FORMAT)
        version = top["version"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise SessionError("version", "session.not_whole")
        if version != VERSION:
            raise SessionError("version", "session.version", version=version, supported=VERSION)
        name = top["model"]
        if not isinstance(name, str) or name not in MODELS:
            raise SessionError("model", "session.choice", text=name, choices=", ".join(MODELS))
        model = get_model(name)
        config = self.config(top["settings"], "settings", model)
        start_data = self.object(top["start"], "start", required=set(model.fields))
        start = {k: self.number(start_data[k], f"start.{k}") for k in model.fields}
        steps = self.count(top["steps"], "steps", MAX_STEPS)
        edits = self.edits(top.get("edits", []), model, steps)
        stop = self.stop(top.get("stop", {}))
        curve = self.curve(top.get("curve", {}))
        return Session(name, start, config, steps, edits, stop, curve)

    def object(
        self,
        value: object,
        where: str,
        required: set[str],
        optional: frozenset[str] | set[str] = frozenset(),
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise SessionError(where, "session.not_object")
        missing = sorted(required - value.keys())
        if missing:
            place = f"{where}.{missing[0]}" if where != "file" else missing[0]
            raise SessionError(place, "session.missing")
        unknown = sorted(value.keys() - required - set(optional))
        if unknown:
            inside = "" if where == "file" else f"{where}."
            raise SessionError(f"{inside}{unknown[0]}", "session.unknown_field")
        return value

    def number(self, value: object, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SessionError(where, "session.not_number", text=json.dumps(value)[:40])
        result = float(value)
        if not math.isfinite(result):
            raise SessionError(where, "session.not_finite")
        return result

    def count(self, value: object, where: str, most: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SessionError(where, "session.not_whole")
        if not 0 <= value <= most:
            raise SessionError(where, "session.out_of_range", value=value, most=most)
        return value

    def optional_number(self, value: object, where: str) -> float | None:
        return None if value is None else self.number(value, where)

    def config(self, value: object, where: str, model: Model) -> Config:
        data = self.object(value, where, required={"activation", "loss", "train"})
        activation, loss, train = data["activation"], data["loss"], data["train"]
        if activation not in ACTIVATIONS:
            raise SessionError(
                f"{where}.activation",
                "session.choice",
                text=str(activation),
                choices=", ".join(ACTIVATIONS),
            )
        if loss not in LOSSES:
            raise SessionError(
                f"{where}.loss", "session.choice", text=str(loss), choices=", ".join(LOSSES)
            )
        if not isinstance(train, list) or not all(isinstance(p, str) for p in train):
            raise SessionError(f"{where}.train", "session.not_names")
        unknown = [p for p in train if p not in model.parameters]
        if unknown:
            raise SessionError(
                f"{where}.train", "session.not_parameter", text=unknown[0], model=model.name
            )
        return Config(activation, loss, frozenset(train))

    def edits(self, value: object, model: Model, steps: int) -> tuple[Edit, ...]:
        if not isinstance(value, list):
            raise SessionError("edits", "session.not_list")
        if len(value) > MAX_EDITS:
            raise SessionError("edits", "session.too_many_edits", most=MAX_EDITS)
        edits = []
        previous = 1
        for i, item in enumerate(value):
            where = f"edits[{i}]"
            data = self.object(item, where, required={"step", "name", "value"})
            step = self.count(data["step"], f"{where}.step", steps)
            if step < previous:
                code = "session.edit_at_start" if step < 1 else "session.edit_out_of_order"
                raise SessionError(f"{where}.step", code)
            previous = step
            name = data["name"]
            edit_value: float | Config | Mapping[str, float]
            if name == CONFIG:
                edit_value = self.config(data["value"], f"{where}.value", model)
            elif name == VALUES:
                edit_value = self.values(data["value"], f"{where}.value", model)
            elif isinstance(name, str) and name in model.fields:
                edit_value = self.number(data["value"], f"{where}.value")
            else:
                raise SessionError(
                    f"{where}.name",
                    "session.choice",
                    text=str(name),
                    choices=", ".join((CONFIG, VALUES, *model.fields)),
                )
            edits.append(Edit(step, name, edit_value))
        return tuple(edits)

    def values(self, value: object, where: str, model: Model) -> dict[str, float]:
        if not isinstance(value, dict) or not value:
            raise SessionError(where, "session.not_values")
        data = self.object(value, where, required=set(), optional=set(model.fields))
        return {name: self.number(data[name], f"{where}.{name}") for name in data}

    def stop(self, value: object) -> StopRule:
        keys = {"max_step", "error_below", "gradient_norm_below"}
        data = self.object(value, "stop", required=set(), optional=keys)
        max_step = data.get("max_step")
        if max_step is not None:
            max_step = self.count(max_step, "stop.max_step", 2_000_000_000)
        return StopRule(
            max_step,
            self.optional_number(data.get("error_below"), "stop.error_below"),
            self.optional_number(data.get("gradient_norm_below"), "stop.gradient_norm_below"),
        )

    def curve(self, value: object) -> CurveSettings:
        keys = {"function", "x0", "eta", "steps"}
        data = self.object(value, "curve", required=set(), optional=keys)
        default = CurveSettings()
        function = data.get("function", default.function)
        if function not in FUNCTIONS:
            raise SessionError(
                "curve.function", "session.choice", text=str(function), choices=", ".join(FUNCTIONS)
            )
        return CurveSettings(
            function,
            self.number(data.get("x0", default.x0), "curve.x0"),
            self.number(data.get("eta", default.eta), "curve.eta"),
            self.count(data.get("steps", default.steps), "curve.steps", MAX_STEPS),
        )


# -- replaying ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Replayed:
    """A rebuilt run: its history, where it is now, and the choices in force there."""

    history: History
    state: State
    config: Config
    step: int


def apply_edit(
    model: Model, history: History, state: State, config: Config, edit: Edit
) -> tuple[State, Config]:
    """Apply one edit at ``edit.step``: the history gains the row of the changed state.

    Raises ValueError (changing nothing) if the changed state is not finite.
    """
    values = dict(state.values)
    if isinstance(edit.value, Config):
        config = edit.value
        model.check_trainable(config.trainable)
    elif isinstance(edit.value, Mapping):
        values.update(edit.value)
    else:
        values[edit.name] = float(edit.value)
    changed = model.evaluate(values, config)
    row = changed.row(edit.step)
    if not all(math.isfinite(v) for v in row):
        raise EngineError("edit.not_finite")
    history.append(row)
    return changed, config


def replay(
    session: Session,
    history_rows: int | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> Replayed:
    """Recompute a session's run.  ``history_rows`` reserves room (as in the window);
    ``progress(step, steps)`` is called every few thousand steps and may return False to
    stop (:class:`ReplayCancelled`).  Raises SessionError if the run cannot be rebuilt."""
    model = get_model(session.model)
    config = session.config
    try:
        model.check_trainable(config.trainable)
        history, state = model.new_history(dict(session.start), config)
    except ValueError as exc:
        raise SessionError("start", _because(exc)) from None
    if history_rows:
        history.reserve(history_rows, exact=True)
    step = 0

    def run_to(target: int, where: str) -> None:
        nonlocal state, step
        while step < target:
            state, outcome = model.train(history, state, step, config, min(_CHUNK, target - step))
            step += outcome.steps_done
            if outcome.divergence is not None:
                raise SessionError(where, "session.diverges", step=outcome.divergence.step)
            if progress is not None and not progress(step, session.steps):
                raise ReplayCancelled

    for i, edit in enumerate(session.edits):
        run_to(edit.step, f"edits[{i}].step")
        try:
            state, config = apply_edit(model, history, state, config, edit)
        except ValueError as exc:
            raise SessionError(f"edits[{i}].value", _because(exc)) from None
    run_to(session.steps, "steps")
    return Replayed(history, state, config, step)


def replay_curve(curve: CurveSettings, history_rows: int | None = None) -> History:
    """Recompute the curve panel's run (SessionError if it cannot be rebuilt)."""
    fn = get_function(curve.function)
    try:
        history = new_parabola_history(fn, curve.x0, curve.eta)
    except ValueError as exc:
        raise SessionError("curve.x0", _because(exc)) from None
    if history_rows:
        history.reserve(history_rows, exact=True)
    outcome = descend(history, fn, curve.steps)
    if outcome.steps_done != curve.steps:
        raise SessionError("curve.steps", "session.curve_stops", step=outcome.steps_done)
    return history
