"""Backprop Lab's reusable widgets: they import the engine and Qt, never the app."""

from .chain_rule_view import ChainRuleView
from .number_field import NumberField
from .param_panel import ParamPanel

__all__ = ["ChainRuleView", "NumberField", "ParamPanel"]
