"""The core: numbers, periods, intervals, the plan's records and errors; nothing above it."""
