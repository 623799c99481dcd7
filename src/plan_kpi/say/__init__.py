"""Every word a person reads: catalogs, numbers and periods in words, terms and sentences."""
