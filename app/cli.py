"""The headless command line: ``backprop-lab train`` and ``backprop-lab parabola``.

Exit status: 0 when the run finished, 2 for bad input (one line on stderr that names the
option and what is wrong), 3 when the run diverged (every finite row is still printed or
written, and one line on stderr names the step).  Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

import numpy as np

import engine
from engine import parabola, surface
from engine.messages import EngineError, Message, english
from engine.models import DEFAULT_MODEL, MODELS, Config, Model, get_model
from engine.session import SessionError, load_session, replay
from engine.training import Divergence, new_parabola_history

from . import __version__

_T = TypeVar("_T")

PROG = "backprop-lab"
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DIVERGED = 3
EXIT_INTERRUPTED = 130

#: The most steps one command may run: the engine's limit, shared with the window.
MAX_STEPS = engine.MAX_STEPS

#: Tables longer than this show their first and last rows only (``--csv`` has them all).
TABLE_HEAD = 10
TABLE_TAIL = 10

_WIDTH = 22  # column width for a number printed with 12 significant digits
_ASCII = str.maketrans({"²": "^2", "⁴": "^4", "−": "-", "η": "eta"})


#: Where an engine message names its input, before argparse tells us which option it was.
_OPTION = "{option}"


class UsageError(Exception):
    """Bad input: the option at fault (if any) and the reason, in plain words.

    ``reason`` is an engine :class:`Message` (phrased here, naming the option) or a sentence
    of the command line's own, which may name the option as ``{option}``.
    """

    def __init__(self, option: str | None, reason: str | Message) -> None:
        super().__init__(option, reason)
        self.option = option
        self.reason = reason

    def __str__(self) -> str:
        option = self.option or "the value"
        reason = self.reason
        if isinstance(reason, Message):
            phrased = english(reason, option)
            # A sentence that does not name its input gets the option in front.
            named = option in phrased or self.option is None
            reason = phrased if named else f"{option}: {phrased}"
        elif _OPTION in reason:
            reason = reason.replace(_OPTION, option)
        elif self.option is not None:
            reason = f"{self.option}: {reason}"
        return " ".join(reason.split())  # always one line


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, with no usage dump."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("the following arguments are required: command"):
            raise UsageError(
                None,
                "name a command: train, parabola or surface (see backprop-lab --help); "
                "run backprop-lab without arguments to open the window",
            )
        match = re.fullmatch(r"argument ([^:]+): (.*)", message, re.DOTALL)
        if match:
            raise UsageError(match[1], match[2])
        raise UsageError(None, message)


# -- argparse ``type=`` wrappers: the engine's learner-friendly messages -----------------


def _argument_type(parse: Callable[[str], _T]) -> Callable[[str], _T]:
    """An argparse ``type=`` that reports the engine's own ValueError message."""

    def convert(text: str) -> _T:
        try:
            return parse(text)
        except EngineError as exc:
            # argparse only passes text on; the option's name is filled in by UsageError.
            raise argparse.ArgumentTypeError(english(exc.message, _OPTION)) from None

    return convert


_number = _argument_type(engine.parse_number)
_steps = _argument_type(lambda text: engine.parse_count(text, MAX_STEPS))
_activation = _argument_type(lambda text: engine.get_activation(text.strip()).name)
_loss = _argument_type(lambda text: engine.get_loss(text.strip()).name)
_function = _argument_type(lambda text: parabola.get_function(text.strip()))


_model = _argument_type(lambda text: get_model(text.strip()).name)


def _grid(text: str) -> int:
    try:
        n = engine.parse_count(text)
        surface.check_grid(n)
    except EngineError:
        message = Message(
            "surface.grid_size",
            {"text": text.strip(), "minimum": surface.MIN_GRID, "maximum": surface.MAX_GRID},
        )
        raise argparse.ArgumentTypeError(english(message, _OPTION)) from None
    return n


def _trainable_list(text: str) -> tuple[str, ...]:
    """The names given to --train (checked against the chosen model after parsing)."""
    if text.strip().lower() == "none":
        return ()
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError(
            f"{_OPTION} is empty; name parameters separated by commas, or none"
        )
    return names


def _csv_target(text: str) -> str:
    if text == "-":
        return text
    if not text.strip():
        raise argparse.ArgumentTypeError(
            f"{_OPTION} is empty; give a file name, or - to print the CSV"
        )
    return text


# -- the parser -------------------------------------------------------------------------


def _all_fields() -> list[str]:
    """Every model's fields, each once, in the order the models list them."""
    return list(dict.fromkeys(name for m in MODELS.values() for name in m.fields))


def _surface_fields() -> list[str]:
    """The fields E depends on (every one but the learning rate), for ``surface``."""
    return [name for name in _all_fields() if name != "eta"]


def _models_help() -> str:
    lines = []
    for m in MODELS.values():
        trained = ",".join(p for p in m.parameters if p in m.default_trained)
        items = [f"--{name} {m.defaults[name]:g}" for name in m.fields]
        items += [f"--activation {m.default_activation}", f"--loss {m.default_loss}"]
        items.append(f"--train {trained}")
        # No-break spaces keep each option with its value when the line is wrapped.
        details = ", ".join(item.replace(" ", "\u00a0") for item in items)
        lines.append(f"  --model {m.name}: {m.title}")
        lines += textwrap.wrap(
            f"{m.description}; defaults {details}",
            80,
            initial_indent="      ",
            subsequent_indent="      ",
        )
    return "\n".join(lines).replace("\u00a0", " ")


def _model_defaults(choice: Callable[[Model], str]) -> str:
    """ "default sigmoid", or each model's when they differ: "default: neuron x, 2-2-2 y"."""
    values = {m.name: choice(m) for m in MODELS.values()}
    if len(set(values.values())) == 1:
        return f"default {next(iter(values.values()))}"
    return "default: " + ", ".join(f"{name} {value}" for name, value in values.items())


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        allow_abbrev=False,
        description=(
            "Backprop Lab: forward propagation, the chain rule and gradient descent, "
            "number by number.  Run without arguments to open the window."
        ),
        epilog=(
            "examples:\n"
            "  backprop-lab train                      one update of the notes' neuron\n"
            "  backprop-lab train --steps 1000 --csv run.csv\n"
            "  backprop-lab train --train w1,w2 --activation sigmoid-flipped\n"
            "  backprop-lab train --model 2-2-2         one step of the classic 2-2-2 example\n"
            "  backprop-lab parabola --eta 0.9\n"
            "  backprop-lab parabola --eta 1.5 --steps 5000 --csv -\n"
            "  backprop-lab surface --x w1 --y b1 --grid 51 --csv /tmp/grid.csv\n"
            "\n"
            "models for train --model (see backprop-lab train --help for their defaults):\n"
            + "".join(f"  {m.name:<8}{m.title}: {m.description}\n" for m in MODELS.values())
            + "\n"
            "exit status: 0 done, 2 bad input, 3 the run diverged (the finite rows are kept)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="command", required=True)

    train = commands.add_parser(
        "train",
        allow_abbrev=False,
        help="train a network (default the notes' neuron) and print a summary or the CSV",
        description=(
            "Train a network by gradient descent p' = p - eta * dE/dp and print a summary\n"
            "or its CSV history.  --model chooses the network; every value defaults to\n"
            "that model's example:\n\n" + _models_help()
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    train.add_argument(
        "--model",
        type=_model,
        default=DEFAULT_MODEL,
        metavar="NAME",
        help=f"the network: {', '.join(MODELS)} (default {DEFAULT_MODEL})",
    )
    for name in _all_fields():
        owners = [m for m in MODELS.values() if name in m.fields]
        defaults = ", ".join(f"{m.name} {m.defaults[name]:g}" for m in owners)
        only = (
            "" if len(owners) == len(MODELS) else f"; {' and '.join(m.name for m in owners)} only"
        )
        train.add_argument(
            f"--{name}",
            type=_number,
            metavar="X",
            help=f"start value of {name} (default: {defaults}{only})",
        )
    train.add_argument(
        "--activation",
        type=_activation,
        metavar="NAME",
        help=f"one of {', '.join(engine.ACTIVATIONS)} "
        f"({_model_defaults(lambda m: m.default_activation)})",
    )
    train.add_argument(
        "--loss",
        type=_loss,
        metavar="NAME",
        help=f"one of {', '.join(engine.LOSSES)} ({_model_defaults(lambda m: m.default_loss)})",
    )
    train.add_argument(
        "--train",
        type=_trainable_list,
        metavar="LIST",
        help="the parameters that learn, e.g. w1,w2, or none (default: the model's, --train above)",
    )
    _add_run_options(train, default_steps=1)
    train.add_argument(
        "--session",
        metavar="FILE",
        help="replay a run saved by the window (File > Save run); the file sets the model, "
        "values, edits and steps, so only --csv is used with it",
    )

    descend = commands.add_parser(
        "parabola",
        allow_abbrev=False,
        help="gradient descent on a function of one variable (default f(x) = x^2)",
        description="Gradient descent x(k+1) = x(k) - eta * f'(x(k)) in one dimension.",
    )
    descend.add_argument(
        "--function",
        type=_function,
        default=parabola.get_function("x2"),
        metavar="NAME",
        help=f"one of {', '.join(parabola.FUNCTIONS)} (default x2, that is f(x) = x^2)",
    )
    descend.add_argument("--x0", type=_number, metavar="X", help="start value (default 10 for x2)")
    descend.add_argument(
        "--eta", type=_number, metavar="X", help="learning rate (default 0.2 for x2)"
    )
    _add_run_options(descend, default_steps=10)

    grid = commands.add_parser(
        "surface",
        allow_abbrev=False,
        help="E and its slopes over a grid of two parameters, the others held fixed",
        description=(
            "Write E, dE/dx and dE/dy at every point of an N x N grid over two parameters x "
            "and y, every other value held at the one given (default the notes' values).  "
            "Columns: x, y, error, grad_x, grad_y, with x varying slowest."
        ),
    )
    grid.add_argument(
        "--model",
        type=_model,
        default=DEFAULT_MODEL,
        metavar="NAME",
        help=f"the network, one of {', '.join(MODELS)} (default {DEFAULT_MODEL})",
    )
    grid.add_argument(
        "--x", type=str.strip, metavar="NAME",
        help="the parameter across (default the model's first: w1)",
    )  # fmt: skip
    grid.add_argument(
        "--y", type=str.strip, metavar="NAME",
        help="the parameter up (default the model's second: w2)",
    )  # fmt: skip
    for axis in ("x", "y"):
        grid.add_argument(
            f"--{axis}-range",
            type=_number,
            nargs=2,
            metavar=("LOW", "HIGH"),
            help=f"the range of {axis} (default its value ± max(1, |value|))",
        )
    grid.add_argument(
        "--grid",
        type=_grid,
        default=101,
        metavar="N",
        help=f"points per side, {surface.MIN_GRID} to {surface.MAX_GRID:,} (default 101)",
    )
    for name in _surface_fields():
        owners = [m.name for m in MODELS.values() if name in m.fields]
        which = "" if len(owners) == len(MODELS) else f" ({', '.join(owners)} only)"
        grid.add_argument(
            f"--{name}",
            type=_number,
            metavar="X",
            help=f"the value of {name} held fixed{which} (default the model's)",
        )
    grid.add_argument(
        "--activation",
        type=_activation,
        metavar="NAME",
        help=f"one of {', '.join(engine.ACTIVATIONS)} (default the model's: sigmoid)",
    )
    grid.add_argument(
        "--loss",
        type=_loss,
        metavar="NAME",
        help=f"one of {', '.join(engine.LOSSES)} (default the model's: half-sse)",
    )
    grid.add_argument(
        "--csv",
        type=_csv_target,
        metavar="PATH",
        help="write the grid as CSV to PATH, or to standard output with -",
    )
    return parser


def _add_run_options(parser: argparse.ArgumentParser, default_steps: int) -> None:
    parser.add_argument(
        "--steps",
        type=_steps,
        default=default_steps,
        metavar="N",
        help=f"number of updates, 0 to {MAX_STEPS:,} (default {default_steps})",
    )
    parser.add_argument(
        "--csv",
        type=_csv_target,
        metavar="PATH",
        help="write every row (step 0 to N) as CSV to PATH, or to standard output with -",
    )


# -- running ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status instead of exiting."""
    try:
        try:
            args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        except SystemExit as exc:  # --help and --version
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        if args.command == "train":
            return _run_train(args)
        if args.command == "surface":
            return _run_surface(args)
        return _run_parabola(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped early (``| head``): stop quietly, like other command-line tools.
        _silence_stdout()
        return EXIT_OK


def _run_session(args: argparse.Namespace) -> int:
    """``train --session FILE``: rebuild a saved window run and write it like ``train``."""
    _check_csv_target(args.csv)
    try:
        session = load_session(args.session)
        replayed = replay(session)
    except OSError as exc:
        raise UsageError("--session", f"cannot read {args.session}: {_os_reason(exc)}") from None
    except SessionError as exc:
        raise UsageError("--session", f"{args.session}: {exc}") from None
    history, model = replayed.history, get_model(session.model)
    _write(history, args.csv, lambda: _train_summary(model, history, replayed.config))
    return EXIT_OK


def _run_train(args: argparse.Namespace) -> int:
    if args.session is not None:
        return _run_session(args)
    model = get_model(args.model)
    for name in _all_fields():
        if name not in model.fields and getattr(args, name) is not None:
            raise UsageError(
                f"--{name}",
                f"the {model.name} model has no {name}; it takes "
                + ", ".join(f"--{f}" for f in model.fields),
            )
    given = {name: getattr(args, name) for name in model.fields if getattr(args, name) is not None}
    values = model.values(given)
    trained = None
    if args.train is not None:
        unknown = [name for name in args.train if name not in model.parameters]
        if unknown:
            raise UsageError(
                "--train",
                f"unknown parameter {unknown[0]!r}; choose from "
                f"{', '.join(model.parameters)}, separated by commas, or none",
            )
        trained = frozenset(args.train)
    config = model.config(args.activation, args.loss, trained)
    _check_csv_target(args.csv)
    try:
        history, start = model.new_history(values, config)
    except EngineError as exc:
        code = exc.message.code
        if code == "loss.target_domain":
            raise UsageError(f"--{exc.message.values['field']}", exc.message) from None
        if code == "loss.out_domain":
            raise UsageError(f"--loss {config.loss}", exc.message) from None
        if code != "start.not_finite":
            raise UsageError(None, exc.message) from None
        options = "/".join(f"--{name}" for name in model.fields if name != "eta")
        raise UsageError(options, f"{english(exc.message)}; try smaller starting values") from None
    _, outcome = model.train(history, start, 0, config, args.steps)
    _write(history, args.csv, lambda: _train_summary(model, history, config))
    return _finish(outcome.divergence)


def _run_parabola(args: argparse.Namespace) -> int:
    fn: parabola.Function1D = args.function
    x0 = fn.x0 if args.x0 is None else args.x0
    eta = fn.eta if args.eta is None else args.eta
    _check_csv_target(args.csv)
    try:
        history = new_parabola_history(fn, x0, eta)
    except EngineError as exc:
        raise UsageError("--x0", f"{english(exc.message)}; try a smaller --x0") from None
    outcome = engine.descend(history, fn, args.steps)
    _write(history, args.csv, lambda: _parabola_table(history, fn))
    return _finish(outcome.divergence)


def _run_surface(args: argparse.Namespace) -> int:
    model = get_model(args.model)
    x = model.parameters[0] if args.x is None else args.x
    y = model.parameters[1] if args.y is None else args.y
    try:
        surface.check_axes(model.parameters, x, y)
    except EngineError as exc:
        option = "--x" if x not in model.parameters else "--y"
        raise UsageError(option, exc.message) from None
    given = {n: getattr(args, n) for n in _surface_fields() if getattr(args, n) is not None}
    for name in given:
        if name not in model.fields:
            raise UsageError(
                f"--{name}",
                f"the {model.name} model has no {name}; it takes "
                + ", ".join(f"--{f}" for f in model.fields if f != "eta"),
            )
    values = model.values(given)
    axes = []
    for name, option in ((x, "--x-range"), (y, "--y-range")):
        low, high = getattr(args, option[2:].replace("-", "_")) or surface.default_range(
            values[name]
        )
        try:
            surface.check_range(low, high)
        except EngineError as exc:
            raise UsageError(option, exc.message) from None
        axes.append((low, high))
    _check_csv_target(args.csv)
    (x0, x1), (y0, y1) = axes
    evaluate = surface.evaluator(
        model, args.activation or model.default_activation, args.loss or model.default_loss
    )
    grid = surface.surface(
        evaluate,
        values,
        x,
        y,
        surface.grid_axis(x0, x1, args.grid),
        surface.grid_axis(y0, y1, args.grid),
    )
    _write_grid(grid, args.csv)
    return EXIT_OK


def _write_grid(grid: surface.Surface, csv: str | None) -> None:
    """A summary without --csv, the CSV alone with --csv -, else the file and one line."""
    if csv is None:
        sys.stdout.write(_surface_summary(grid))
    elif csv == "-":
        engine.save_history(grid.to_history(), "-")
    else:
        try:
            engine.save_history(grid.to_history(), csv)
        except OSError as exc:
            raise UsageError("--csv", f"cannot write {csv}: {_os_reason(exc)}") from None
        n = len(grid.xs) * len(grid.ys)
        print(f"wrote {n:,} points ({len(grid.xs)} x {len(grid.ys)}) to {csv}")
    sys.stdout.flush()


def _surface_summary(grid: surface.Surface) -> str:
    x, y = grid.x, grid.y
    finite = np.isfinite(grid.error)
    lines = [
        f"E over {x} from {_fmt(grid.xs[0])} to {_fmt(grid.xs[-1])} and {y} from "
        f"{_fmt(grid.ys[0])} to {_fmt(grid.ys[-1])}: {len(grid.xs)} x {len(grid.ys)} points",
    ]
    if finite.any():
        shown = np.where(finite, grid.error, np.inf)
        i, j = np.unravel_index(int(np.argmin(shown)), shown.shape)
        k, m = np.unravel_index(int(np.argmax(np.where(finite, grid.error, -np.inf))), shown.shape)
        lines += [
            f"lowest E on the grid:  {_fmt(grid.error[i, j])} at {x} = {_fmt(grid.xs[i])}, "
            f"{y} = {_fmt(grid.ys[j])}",
            f"highest E on the grid: {_fmt(grid.error[k, m])} at {x} = {_fmt(grid.xs[k])}, "
            f"{y} = {_fmt(grid.ys[m])}",
        ]
    if not finite.all():
        lines.append(f"{int((~finite).sum()):,} points where E is not a finite number")
    lines.append("--csv - prints every point")
    return "\n".join(lines) + "\n"


def _finish(divergence: Divergence | None) -> int:
    if divergence is None:
        return EXIT_OK
    print(f"{PROG}: {english(divergence.message)}", file=sys.stderr)
    return EXIT_DIVERGED


def _write(history: engine.History, csv: str | None, summary: Callable[[], str]) -> None:
    """The summary without --csv, the CSV alone with --csv -, else the file and one line."""
    if csv is None:
        sys.stdout.write(summary())
    elif csv == "-":
        engine.save_history(history, "-")
    else:
        try:
            engine.save_history(history, csv)
        except OSError as exc:
            raise UsageError("--csv", f"cannot write {csv}: {_os_reason(exc)}") from None
        last = int(history.row(-1)["step"])
        print(f"wrote {len(history):,} rows (steps 0 to {last:,}) to {csv}")
    sys.stdout.flush()


def _check_csv_target(csv: str | None) -> None:
    """Refuse a --csv path that cannot work before spending time on the run."""
    if csv is None or csv == "-":
        return
    target = Path(csv)
    if target.is_dir():
        raise UsageError("--csv", f"cannot write {csv}: it is a folder, not a file")
    folder = target.parent
    if not folder.exists():
        raise UsageError("--csv", f"cannot write {csv}: the folder does not exist")
    if not folder.is_dir():
        raise UsageError("--csv", f"cannot write {csv}: {folder} is not a folder")


_OS_REASONS = {
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.ENAMETOOLONG: "the name is too long",
}


def _os_reason(exc: OSError) -> str:
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is None:
        reason = exc.strerror or str(exc)
        reason = reason[:1].lower() + reason[1:]
    return reason


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# -- readable output --------------------------------------------------------------------


def _fmt(value: float) -> str:
    return engine.format_number(value, 12)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _train_summary(model: Model, history: engine.History, config: Config) -> str:
    first, last = history.row(0), history.row(-1)
    steps = int(last["step"])
    trained = ", ".join(p for p in model.parameters if p in config.trainable) or "nothing"
    given = ", ".join(f"{name} = {_fmt(first[name])}" for name in (*model.inputs, *model.targets))
    lines = [
        f"{_plural(steps, 'training step')}: activation {config.activation}, "
        f"loss {config.loss}, eta = {_fmt(first['eta'])}, training {trained}",
        f"inputs {given}",
        "",
        f"  {'':<7}{'start (step 0)':<{_WIDTH}}end (step {steps:,})",
    ]
    nodes = [name for unit in model.units for name in unit]
    for name in (*model.parameters, *nodes, "error"):
        lines.append(f"  {name:<7}{_fmt(first[name]):<{_WIDTH}}{_fmt(last[name])}")
    lines += ["", f"final error: {_fmt(last['error'])} after {_plural(steps, 'step')}"]
    return "\n".join(lines) + "\n"


def _parabola_table(history: engine.History, fn: parabola.Function1D) -> str:
    first = history.row(0)
    steps = int(history.row(-1)["step"])
    k_width = max(len(f"{steps}"), 1)
    lines = [
        f"{fn.formula.translate(_ASCII)}, x0 = {_fmt(first['x'])}, "
        f"eta = {_fmt(first['eta'])}, {_plural(steps, 'step')}",
        "",
        f"  {'k':>{k_width}}  {'x':<{_WIDTH}}gradient",
    ]
    n = len(history)
    shown = range(n)
    if n > TABLE_HEAD + TABLE_TAIL + 1:
        shown = [*range(TABLE_HEAD), -1, *range(n - TABLE_TAIL, n)]
    steps_col, x_col, grad_col = (history.column(c) for c in ("step", "x", "gradient"))
    for i in shown:
        if i < 0:
            hidden = n - TABLE_HEAD - TABLE_TAIL
            note = f"({_plural(hidden, 'row')} not shown; --csv - prints them all)"
            lines.append(f"  {'...':>{k_width}}  {note}")
            continue
        k = int(steps_col[i])
        lines.append(
            f"  {k:>{k_width}}  {_fmt(float(x_col[i])):<{_WIDTH}}{_fmt(float(grad_col[i]))}"
        )
    return "\n".join(lines) + "\n"
