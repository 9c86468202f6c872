"""Backprop Lab's reusable widgets: they import the engine and Qt, never the app."""

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
