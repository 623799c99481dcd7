"""The exact engine behind verdicts: ranges of checked figures over their printed figures."""
