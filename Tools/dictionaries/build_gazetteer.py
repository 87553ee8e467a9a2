#!/usr/bin/env python3
"""Build MedExtract's gazetteer (places.tsv) and hospital places (hospital_places.tsv).

Usage (from the repository root):

    python3 Tools/dictionaries/build_gazetteer.py [--data DIR] [--out DIR]

    --data DIR   the public source data (default: ../shared/data relative to
                 the repository root), laid out as described in its SOURCES.md
    --out DIR    where to write (default:
                 Sources/MedExtract/Resources/Dictionaries in the repository)

Inputs:
  * DIR/china_admin_divisions/divisions_2023.tsv   every province, city,
    county and township with its code, parent and short form (modood
    WTFPL/MIT + jionlp Apache-2.0)
  * DIR/china_admin_divisions/jionlp_location_changes.tsv   county-level
    renames (old names point at the new unit's code)
  * DIR/covid2020_hospitals/fever_clinics_and_designated_2020-02-11.tsv and
    hospital_js_list.tsv (MIT): hospital name -> province/city/county
  * Tools/dictionaries/curated/places.tsv          places outside the code
    lists (Hong Kong, Macao, Taiwan), general knowledge
  * Tools/dictionaries/curated/places_short_exclude.tsv   short forms that are
    common words (never free-standing places)

Outputs: places.tsv and hospital_places.tsv (formats in the README of the
output directory). Standard library only, deterministic, byte-identical on a
second run.
"""

import argparse
import csv
import os
import re
import sys
from collections import defaultdict

from medextract_dicts.places import CITY_SUFFIXES, COUNTY_SUFFIXES, ETHNIC, PROVINCE_SUFFIXES, strip_ethnic

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CURATED = os.path.join(HERE, "curated")
DEFAULT_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
DEFAULT_OUT = os.path.join(REPO, "Sources", "MedExtract", "Resources", "Dictionaries")
GENERATOR = "Tools/dictionaries/build_gazetteer.py"

LEVELS = ("province", "city", "county", "township")
RANK = {l: i for i, l in enumerate(LEVELS)}
CJK = re.compile(r"^[\u3400-\u9fff]+$")
# City-level rows that are not cities: the municipalities' 市辖区/县 and the
# 省/自治区直辖县级行政区划 groups.
PSEUDO_CITIES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
MUNICIPALITIES = ("11", "12", "31", "50")


def normalize(s):
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        out.append(ch)
    return re.sub(r"\s+", "", "".join(out))


# Province, city and county suffixes, the ethnic-group names stripped from autonomous
# divisions' names, and the stripping itself come from the dictionary build.
SUFFIXES = {"province": PROVINCE_SUFFIXES, "city": CITY_SUFFIXES, "county": COUNTY_SUFFIXES}


def derived_short_forms(name, level):
    """Rule-derived short forms of a province, city or county name: the
    suffix stripped (ethnic names too), and X县/X旗 for an autonomous X."""
    out = []
    for suf in SUFFIXES.get(level, []):
        if name.endswith(suf) and len(name) > len(suf):
            rest = name[: -len(suf)]
            if "自治" in suf:
                rest = strip_ethnic(rest)
                if len(rest) >= 2 and suf in ("自治县", "自治旗"):
                    out.append(rest + suf[-1])
            if len(rest) >= 2:
                out.append(rest)
            break
    return out


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]


def read_curated(name, ncols):
    path = os.path.join(CURATED, name)
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if not (ncols[0] <= len(cols) <= ncols[1]):
                sys.exit("%s:%d: expected %d-%d columns, got %d" % (path, lineno, ncols[0], ncols[1], len(cols)))
            rows.append((lineno, cols))
    return rows


def build_places(data):
    divisions = read_tsv(os.path.join(data, "china_admin_divisions", "divisions_2023.tsv"))
    short_stop = set(cols[0] for _, cols in read_curated("places_short_exclude.tsv", (1, 9)))
    # (surface, level, canonical, code, flags)
    rows = []
    by_code = {}
    for d in divisions:
        level, code, name = d["level"], d["code"], normalize(d["name"])
        if level not in RANK:
            sys.exit("divisions_2023.tsv: unknown level %r" % level)
        by_code[code] = (level, name)
        if level == "city" and name in PSEUDO_CITIES:
            continue
        if not CJK.match(name) or len(name) < 2:
            continue
        rows.append((name, level, name, code, ""))
        shorts = [normalize(d["short_name"])] + derived_short_forms(name, level)
        for short in dict.fromkeys(shorts):
            if not short or short == name or not CJK.match(short) or len(short) < 2:
                continue
            if level == "township":
                rows.append((short, level, name, code, "head-only"))
            else:
                rows.append((short, level, name, code, "head-only" if short in short_stop else ""))
    # Old county-level names (renamed or moved units) point at the new unit.
    names = defaultdict(list)
    for code, (level, name) in by_code.items():
        names[(level, name)].append(code)
    full_surfaces = set(r[0] for r in rows)
    for c in read_tsv(os.path.join(data, "china_admin_divisions", "jionlp_location_changes.tsv")):
        old, new = normalize(c["old_county"]), normalize(c["new_county"])
        if not old or old in full_surfaces or not CJK.match(old):
            continue
        prov = [k for k, (l, n) in by_code.items() if l == "province" and n == normalize(c["new_province"])]
        codes = [k for k in names.get(("county", new), []) if prov and k.startswith(prov[0])]
        if len(codes) == 1:
            rows.append((old, "county", new, codes[0], "former"))
            full_surfaces.add(old)
    for lineno, cols in read_curated("places.tsv", (3, 3)):
        surface, level, canonical = cols
        if level not in RANK:
            sys.exit("curated/places.tsv:%d: bad level %r" % (lineno, level))
        if surface not in full_surfaces:
            rows.append((surface, level, canonical, "", ""))
            full_surfaces.add(surface)
            for short in derived_short_forms(canonical, level):
                if short not in short_stop:
                    rows.append((short, level, canonical, "", ""))
    capitals = {}
    for lineno, cols in read_curated("places_capitals.tsv", (2, 2)):
        capitals[cols[1]] = cols[0]
    marked = set()
    for i, r in enumerate(rows):
        if r[1] == "city" and r[0] == r[2] and r[4] == "" and capitals.get(r[2]) == by_code.get(r[3][:2], ("", ""))[1]:
            rows[i] = (r[0], r[1], r[2], r[3], "capital")
            marked.add(r[2])
    missing = set(capitals) - marked
    if missing:
        sys.exit("curated/places_capitals.tsv: not a city of its province: %s" % ", ".join(sorted(missing)))
    # Order: by surface, then free-standing before head-only, higher level first, code.
    def key(r):
        return (r[0], r[4] == "head-only", RANK[r[1]], r[3])
    seen = set()
    out = []
    for r in sorted(rows, key=key):
        k = (r[0], r[3], r[2])
        if k in seen:
            continue
        seen.add(k)
        out.append(r)
    return out, by_code


def division_of(prov, city, county, by_name):
    """The most specific division code for a province/city/county triple."""
    pcodes = by_name.get(("province", prov), [])
    if len(pcodes) != 1:
        return None
    p = pcodes[0]
    best = p
    if city and city != prov:
        c = [k for k in by_name.get(("city", city), []) if k.startswith(p)]
        if len(c) == 1:
            best = c[0]
    if county:
        k = [x for x in by_name.get(("county", county), []) if x.startswith(best)]
        if len(k) == 1:
            best = k[0]
    return best


def build_hospital_places(data, by_code):
    by_name = defaultdict(list)
    for code, (level, name) in by_code.items():
        by_name[(level, name)].append(code)
    found = defaultdict(set)
    for r in read_tsv(os.path.join(data, "covid2020_hospitals", "fever_clinics_and_designated_2020-02-11.tsv")):
        code = division_of(normalize(r["province"]), normalize(r["city"]), normalize(r["county"]), by_name)
        if code:
            found[normalize(r["name"])].add(code)
    for r in read_tsv(os.path.join(data, "covid2020_hospitals", "hospital_js_list.tsv")):
        code = division_of(normalize(r["province"]), normalize(r["city"]), "", by_name)
        if code:
            found[normalize(r["name"])].add(code)
    rows = []
    for name, codes in found.items():
        if len(name) < 3 or not re.match(r"^[\u3400-\u9fff0-9A-Za-z()\-]+$", name):
            continue
        # Several codes: keep the longest when the others are its ancestors,
        # else the longest common prefix at a division boundary.
        longest = max(codes, key=len)
        if all(longest.startswith(c) for c in codes):
            code = longest
        else:
            common = os.path.commonprefix(list(codes))
            code = common[:6] if len(common) >= 6 else common[:4] if len(common) >= 4 else common[:2] if len(common) >= 2 else ""
            if not code or code not in by_code:
                continue
        rows.append((name, code))
    rows.sort()
    return rows


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n")
        f.write("# Generated by " + GENERATOR + " — do not edit by hand.\n")
        for r in rows:
            f.write("\t".join(r).rstrip("\t") + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", default=DEFAULT_OUT)
    a = ap.parse_args()
    places, by_code = build_places(a.data)
    write(os.path.join(a.out, "places.tsv"), [
        "MedExtract gazetteer: surface<TAB>level<TAB>canonical<TAB>code<TAB>flags",
        "  level: province, city, county, township; code: GB/T 2260 (+ NBS township suffix), empty when none;",
        "  flags: empty, head-only (use only right before a hospital head), former (an old name) or capital",
        "  (the full name of a provincial capital).",
        "Sources: china_admin_divisions (modood/Administrative-divisions-of-China WTFPL/MIT, jionlp Apache-2.0);",
        "  curated places outside the code lists (Tools/dictionaries/curated/places.tsv).",
    ], places)
    hospitals = build_hospital_places(a.data, by_code)
    write(os.path.join(a.out, "hospital_places.tsv"), [
        "MedExtract hospital places: name<TAB>division code (the most specific division the source gives).",
        "Sources: covid2020_hospitals (hhui64/wuhan2020map, MIT) province/city/county columns, coded with",
        "  china_admin_divisions.",
    ], hospitals)
    print("places.tsv: %d rows; hospital_places.tsv: %d rows" % (len(places), len(hospitals)))


if __name__ == "__main__":
    main()
