"""DEPARTMENT names from nhc_dept_codes, the Fudan specialty names, THUOCL and
CMeKG (`department_terms.tsv`, the values ending in 科)."""

import os
import re
from collections import defaultdict

from .cmekg import build_cmekg_departments
from .core import normalize, read_curated_list, read_tsv


DEPT_SUFFIX = re.compile("(科|室|部|中心|门诊|病房|病区|办公室|所|大队)$")


def build_departments(data):
    header, nhc = read_tsv(os.path.join(data, "nhc_dept_codes", "department_classification_codes.tsv"))
    exclude = set(read_curated_list("departments_exclude.tsv"))
    codes = {}  # surface -> code (first in code order, A50 names after the rest)
    rows = {}
    src = defaultdict(set)

    def order(r):
        return (r[0].startswith("A50"), r[0])

    for r in sorted(nhc, key=order):
        code, name = r[0], normalize(r[1])
        names = []
        m = re.match(r"^(.+?)\((.+)\)$", name)
        if m:
            a, b = m.group(1), m.group(2)
            names.append(a)
            if DEPT_SUFFIX.search(a) and len(b) <= 2 and not b.endswith("房"):
                names.append(re.sub("(科|室|部)$", "", a) + b)  # 信息科(中心) -> 信息中心
            else:
                names.append(b)  # 药剂科(药房) -> 药房
        else:
            names.append(name)
        for n in names:
            if len(n) < 2 or n in exclude or not DEPT_SUFFIX.search(n):
                continue
            if n not in codes:
                codes[n] = code
                rows[n] = ("DEPARTMENT", "", code)
                src[n].add("nhc_dept_codes")

    _, fudan = read_tsv(os.path.join(data, "fudan_hospital_rankings", "fudan_rankings_2009_2021.tsv"))
    _, regional = read_tsv(os.path.join(data, "fudan_regional_2023", "fudan_regional_specialty_2023.tsv"))
    for r in fudan + regional:
        d = normalize(r[2])
        if d.endswith("科") and len(d) >= 2 and d not in exclude:
            if d not in rows:
                rows[d] = ("DEPARTMENT", "", codes.get(d, ""))
            src[d].add("fudan")

    _, thu = read_tsv(os.path.join(data, "thuocl_medical", "THUOCL_medical.tsv"))
    thu_suffix = re.compile("(科|医学科|中心|室|部|门诊|病房)$")
    for r in thu:
        w = normalize(r[0])
        if thu_suffix.search(w) and len(w) >= 2 and w not in exclude:
            if w not in rows:
                rows[w] = ("DEPARTMENT", "", codes.get(w, ""))
            src[w].add("thuocl")

    for d in build_cmekg_departments(data):
        if len(d) >= 2 and d not in exclude:
            if d not in rows:
                rows[d] = ("DEPARTMENT", "", codes.get(d, ""))
            src[d].add("cmekg")
    return rows, src, codes


def dept_ignore_generated(core):
    """IGNORE entries for disease/discipline words built on a department name."""
    out = {}
    for d in core:
        for suf in ("疾病",):
            out[d + suf] = ("IGNORE", "", "")
    return out

