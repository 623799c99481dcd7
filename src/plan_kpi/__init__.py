"""plan-kpi: a calculator for development plans' targets and the figures reports give."""

__version__ = "0.1.0"
