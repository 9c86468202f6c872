"""Backprop Lab's engine: pure Python and numpy, no Qt.

Models as data (:mod:`engine.models`: the notes' neuron and the classic 2-2-2 network, each
one description from which the graph, the compiled step and the CSV columns follow), the
neuron with named fields (:mod:`engine.neuron`), training loops (:mod:`engine.training`),
gradient descent in one dimension (:mod:`engine.parabola`), the run history
(:mod:`engine.history`) and its CSV form (:mod:`engine.csvio`).
"""

from .activations import ACTIVATIONS, get_activation
from .csvio import CsvFormatError, history_to_csv_text, load_history, save_history
from .history import History
from .limits import MAX_STEPS
from .losses import LOSSES, LossDomainError, get_loss
from .neuron import (
    COLUMNS,
    NOTES_AS_PRINTED,
    NOTES_PARAMS,
    PARAMETERS,
    NeuronConfig,
    NeuronParams,
    Snapshot,
    evaluate,
    evaluate_graph,
    update,
)
from .numbers import format_number, parse_count, parse_number
from .training import Divergence, Outcome, StopRule, descend, new_neuron_history, train

__all__ = [
    "ACTIVATIONS",
    "COLUMNS",
    "LOSSES",
    "MAX_STEPS",
    "NOTES_AS_PRINTED",
    "NOTES_PARAMS",
    "PARAMETERS",
    "CsvFormatError",
    "Divergence",
    "History",
    "LossDomainError",
    "NeuronConfig",
    "NeuronParams",
    "Outcome",
    "Snapshot",
    "StopRule",
    "descend",
    "evaluate",
    "evaluate_graph",
    "format_number",
    "get_activation",
    "get_loss",
    "history_to_csv_text",
    "load_history",
    "new_neuron_history",
    "parse_count",
    "parse_number",
    "save_history",
    "train",
    "update",
]
