"""Files to records: the plan folder, YAML and CSV as typed, the file formats and their messages."""
