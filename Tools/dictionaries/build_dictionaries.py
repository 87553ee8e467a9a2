#!/usr/bin/env python3
"""Build MedExtract's entity dictionaries (thin entry point; the work is in
medextract_dicts/: core.py shared helpers, one module per source, build.py
the merge and the output).

Usage (from the repository root):

    python3 Tools/dictionaries/build_dictionaries.py [--data DIR] [--out DIR]

    --data DIR   the public source data (default: ../shared/data relative to
                 the repository root), laid out as described in its SOURCES.md
    --out DIR    where to write (default:
                 Sources/MedExtract/Resources/Dictionaries in the repository)

Inputs:
  * DIR/covid2020_hospitals/*.tsv        hospital names, province/city/county
  * DIR/fudan_hospital_rankings/*.tsv    hospital names, specialty names
  * DIR/fudan_regional_2023/*.tsv        hospital names (hospital_paren_fixed)
  * DIR/nhc_dept_codes/*.tsv             department classification codes
  * DIR/icd9cm3_cn_index/icd9cm3_cn_alphabetic_index.tsv   procedures + codes
  * DIR/thuocl_medical/THUOCL_medical.tsv                   department and
                                                            procedure words
  * Tools/dictionaries/curated/*.tsv     hand-curated entries and exclusions
    (see the comment header of each file)

Outputs (in --out): hospitals.tsv, departments.tsv, procedures.tsv,
non_entities.tsv and the generated part of README.md (format + provenance +
counts; sections below its end marker are kept). The gazetteer places.tsv is
not written here (Tools/dictionaries/build_gazetteer.py).

The script uses only the Python standard library, is deterministic (rows are
sorted by surface, no timestamps) and fails loudly when a curated file is
malformed or two curated files give one surface different labels.
Running it twice gives byte-identical output.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from medextract_dicts.build import main  # noqa: E402

if __name__ == "__main__":
    main(__doc__)
