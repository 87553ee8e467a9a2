#!/usr/bin/env python3
"""Build Sources/MedExtract/Resources/Dictionaries/figure_units.tsv.

The FIGURE recogniser's unit and classifier lexicon, derived from
  1. Unicode CLDR unit names (zh) via Babel 2.18.0  — BSD-3-Clause / Unicode licence
     shared/data/cldr_units_zh/cldr_zh_units.tsv
  2. the chinesenotes.com measure-word list          — CC BY-SA 3.0
     shared/data/chinesenotes_measure_words/measure_words.tsv
  3. the curated table Tools/dictionaries/curated/figure_units_curated.tsv
     (hand-written for MedExtract; overrides 1 and 2, adds `ignore` words and
     drops `exclude` surfaces).

Only the Python standard library is used and the output is deterministic
(sorted, no timestamps). Usage:

    python3 Tools/dictionaries/build_figure_units.py [--data DIR] [--out FILE]
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DATA = os.environ.get("MEDEXTRACT_DATA") or next(
    (p for p in (os.path.join(ROOT, *([".."] * k), "shared", "data") for k in (1, 2, 3)) if os.path.isdir(p)),
    os.path.join(ROOT, "..", "shared", "data"))  # $MEDEXTRACT_DATA, else the nearest shared/data beside the checkout
DEFAULT_OUT = os.path.join(ROOT, "Sources", "MedExtract", "Resources", "Dictionaries", "figure_units.tsv")
CURATED = os.path.join(HERE, "curated", "figure_units_curated.tsv")

KINDS = ("count", "measure", "duration", "age", "money", "percent", "date", "time", "ignore")
KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
FLAGS = {"one", "arabic", "cjk-small"}

# CLDR unit ids worth knowing in health news: id -> (kind, canonical unit, flags, use symbol).
# The symbol column is used only where it is a real symbol (not an English word).
CLDR_UNITS = {
    "length-centimeter": ("measure", "cm", "one", False),
    "length-millimeter": ("measure", "mm", "one", False),
    "length-meter": ("measure", "m", "one", False),
    "length-kilometer": ("measure", "km", "one", False),
    "length-decimeter": ("measure", "dm", "one", True),
    "length-micrometer": ("measure", "μm", "", True),
    "length-nanometer": ("measure", "nm", "", True),
    "area-square-meter": ("measure", "m²", "one", False),
    "area-square-kilometer": ("measure", "km²", "one", True),
    "area-square-centimeter": ("measure", "cm²", "one", True),
    "area-hectare": ("measure", "公顷", "one", False),
    "volume-milliliter": ("measure", "mL", "one", True),
    "volume-liter": ("measure", "L", "", False),
    "volume-deciliter": ("measure", "dL", "", True),
    "volume-cubic-meter": ("measure", "m³", "one", True),
    "volume-cubic-centimeter": ("measure", "cm³", "one", True),
    "mass-gram": ("measure", "g", "one", True),
    "mass-kilogram": ("measure", "kg", "one", True),
    "mass-milligram": ("measure", "mg", "one", True),
    "mass-microgram": ("measure", "μg", "", True),
    "mass-tonne": ("measure", "t", "one", False),
    "temperature-celsius": ("measure", "℃", "one", True),
    "temperature-fahrenheit": ("measure", "℉", "one", True),
    "pressure-millimeter-ofhg": ("measure", "mmHg", "", True),
    "pressure-kilopascal": ("measure", "kPa", "", True),
    "concentr-milligram-ofglucose-per-deciliter": ("measure", "mg/dL", "", True),
    "concentr-millimole-per-liter": ("measure", "mmol/L", "", True),
    "concentr-percent": ("percent", "%", "", True),
    "concentr-permille": ("percent", "‰", "", True),
    "energy-kilocalorie": ("measure", "kcal", "", True),
    "energy-foodcalorie": ("measure", "kcal", "", False),
    "energy-kilojoule": ("measure", "kJ", "", True),
    "frequency-hertz": ("measure", "Hz", "", True),
    "frequency-megahertz": ("measure", "MHz", "", True),
    "speed-kilometer-per-hour": ("measure", "km/h", "", True),
    "duration-year": ("duration", "年", "one", False),
    "duration-month": ("duration", "月", "one", False),
    "duration-week": ("duration", "周", "one", False),
    "duration-day": ("duration", "天", "one", False),
    "duration-hour": ("duration", "小时", "one", False),
    "duration-minute": ("duration", "分钟", "one", False),
    "duration-second": ("duration", "秒", "one", False),
}

# Measure words of the chinesenotes list that are units of measurement, not
# classifiers: typed here so they do not come out as counts.
MEASURE_WORD_UNITS = {
    "斤": ("measure", "斤"), "公斤": ("measure", "kg"), "千克": ("measure", "kg"), "克": ("measure", "g"),
    "吨": ("measure", "t"), "磅": ("measure", "磅"), "米": ("measure", "m"), "公里": ("measure", "km"),
    "公尺": ("measure", "m"), "公分": ("measure", "cm"), "尺": ("measure", "尺"), "丈": ("measure", "丈"),
    "升": ("measure", "L"), "公升": ("measure", "L"), "加仑": ("measure", "加仑"),
    "立方米": ("measure", "m³"), "立方英尺": ("measure", "ft³"), "平方公里": ("measure", "km²"),
    "亩": ("measure", "亩"), "公顷": ("measure", "公顷"), "英亩": ("measure", "英亩"), "顷": ("measure", "顷"),
    "千瓦": ("measure", "kW"), "度": ("measure", "度"), "元": ("money", "元"),
    "年": ("duration", "年"), "天": ("duration", "天"), "秒": ("duration", "秒"),
}


def read_tsv(path):
    """Rows of a TSV file: comment lines (#) and blank lines skipped."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            yield n, line.split("\t")


def read_with_header(path):
    rows = list(read_tsv(path))
    header = rows[0][1]
    return [dict(zip(header, fields)) for _, fields in rows[1:]]


def add(table, surface, kind, unit, flags, source):
    surface = surface.strip()
    if not surface or " " in surface or "{" in surface:
        return
    table[surface] = (kind, unit, flags, source)


def build(data_dir):
    table = {}
    # 2. measure words (lowest precedence).
    measure_words = sorted({r["measure_word"] for r in read_with_header(
        os.path.join(data_dir, "chinesenotes_measure_words", "measure_words.tsv"))})
    for word in measure_words:
        kind, unit = MEASURE_WORD_UNITS.get(word, ("count", word))
        add(table, word, kind, unit, "", "chinesenotes")
    # 1. CLDR unit names.
    cldr = {r["unit_id"]: r for r in read_with_header(os.path.join(data_dir, "cldr_units_zh", "cldr_zh_units.tsv"))}
    for unit_id in sorted(CLDR_UNITS):
        kind, unit, flags, use_symbol = CLDR_UNITS[unit_id]
        row = cldr.get(unit_id)
        if row is None:
            sys.exit(f"CLDR unit {unit_id} not found")
        surfaces = {row["zh_long"], row["zh_short"], row["zh_narrow"], row["zh_name_resolved"]}
        if use_symbol:
            surfaces.add(row["symbol_resolved"])
        for s in sorted(x for x in surfaces if x):
            add(table, s, kind, unit, flags, "cldr")
    # 3. curated rows win; `exclude` removes a surface.
    for n, fields in read_tsv(CURATED):
        if len(fields) < 3:
            sys.exit(f"{CURATED}:{n}: expected surface, kind, unit[, flags]")
        surface, kind, unit = fields[0], fields[1], fields[2]
        flags = fields[3] if len(fields) > 3 else ""
        if kind == "exclude":
            table.pop(surface, None)
            continue
        if kind not in KINDS:
            sys.exit(f"{CURATED}:{n}: unknown kind {kind!r}")
        bad = [f for f in flags.split(",") if f and f not in FLAGS]
        if bad:
            sys.exit(f"{CURATED}:{n}: unknown flags {bad}")
        add(table, surface, kind, unit, flags, "curated")
    return table


HEADER = """\
# figure_units.tsv — units, classifiers and non-figure words of the FIGURE recogniser.
# GENERATED by Tools/dictionaries/build_figure_units.py; edit the curated table
# Tools/dictionaries/curated/figure_units_curated.tsv and rerun, do not edit by hand.
#
# Sources and licences:
#   - Unicode CLDR unit display names (zh, en symbols) via Babel 2.18.0 —
#     Babel BSD-3-Clause, CLDR data under the Unicode licence (selected units only).
#   - chinesenotes.com data/measure_words.txt @ 8d57785a — CC BY-SA 3.0
#     (the distinct measure words; the nouns are not used).
#   - MedExtract curated table (medical count units, units, bounds, idioms) — project licence.
# This file, as a derivative of the CC BY-SA 3.0 list, is shared under CC BY-SA 3.0.
#
# Columns: surface<TAB>kind<TAB>unit<TAB>flags
#   kind   count|measure|duration|age|money|percent|date|time, or ignore (a word
#          containing a numeral that is never a figure: idioms, names, terms).
#   unit   canonical unit ("-" for ignore rows).
#   flags  comma-separated: one (a lone 一 before it is a quantity: 一天, 一次),
#          arabic (only after Arabic digits), cjk-small (only after one Chinese
#          digit 二…九/两: 两大, 四地, 六面).
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    table = build(args.data)
    rows = sorted(table.items(), key=lambda kv: (KIND_ORDER[kv[1][0]], kv[0]))
    counts = {}
    for _, (kind, _, _, source) in rows:
        counts[source] = counts.get(source, 0) + 1
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        f.write("# Rows by source: " + ", ".join(f"{k} {counts[k]}" for k in sorted(counts)) + "\n")
        for surface, (kind, unit, flags, _) in rows:
            f.write(f"{surface}\t{kind}\t{unit}\t{flags}\n")
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
