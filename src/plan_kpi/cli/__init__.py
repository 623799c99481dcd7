"""The plan-kpi command: wiring, one module per command."""
