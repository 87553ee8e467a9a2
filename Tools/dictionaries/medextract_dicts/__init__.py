"""MedExtract dictionary build (see build_dictionaries.py)."""
