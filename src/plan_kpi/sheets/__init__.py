"""Spreadsheets in and out: reading a sheet as people see it, importing actuals, fill-in forms."""
