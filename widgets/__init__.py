"""Backprop Lab's reusable widgets: they import the engine and Qt, never the app.

The names below are loaded on first use (``from widgets import ErrorPlot`` works as
usual), so that importing one widget module does not import every other one: the
window's start loads only the widgets its first frame shows.
"""

from importlib import import_module
from typing import TYPE_CHECKING

_MODULES = {
    "ChainRuleView": "chain_rule_view",
    "ErrorPlot": "error_plot",
    "GraphView": "graph_view",
    "HandCheckPanel": "hand_check",
    "HistoryTable": "history_table",
    "HistoryTableModel": "history_table",
    "NumberField": "number_field",
    "ParabolaPlot": "parabola_plot",
    "ParamPanel": "param_panel",
    "RunControls": "run_controls",
    "StopConditions": "stop_conditions",
}

__all__ = [
    "ChainRuleView",
    "ErrorPlot",
    "GraphView",
    "HandCheckPanel",
    "HistoryTable",
    "HistoryTableModel",
    "NumberField",
    "ParabolaPlot",
    "ParamPanel",
    "RunControls",
    "StopConditions",
]

if TYPE_CHECKING:
    from .chain_rule_view import ChainRuleView
    from .error_plot import ErrorPlot
    from .graph_view import GraphView
    from .hand_check import HandCheckPanel
    from .history_table import HistoryTable, HistoryTableModel
    from .number_field import NumberField
    from .parabola_plot import ParabolaPlot
    from .param_panel import ParamPanel
    from .run_controls import RunControls
    from .stop_conditions import StopConditions


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
