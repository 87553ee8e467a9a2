"""The build: runs every source module, merges generated and curated
entries (one label per surface across files), writes the four entity
dictionaries and the generated part of README.md."""

import argparse
import os
import sys
from collections import Counter

from .core import DEFAULT_DATA, DEFAULT_OUT, check_rows, read_curated_entries, read_curated_list, write_tsv
from .departments import build_departments, dept_ignore_generated
from .hospitals import build_hospitals, universities_from
from .places import build_places
from .procedures import build_procedures


HEADERS = {
    "hospitals.tsv": [
        "MedExtract entity dictionary: HOSPITAL (named health-care institutions that treat patients).",
        "Sources: covid2020_hospitals (hhui64/wuhan2020map, MIT); fudan_hospital_rankings (nsplup/fudanmed-ranking,",
        "  no licence stated: names only, as facts); fudan_regional_2023 (gausshuang/biomed123, no licence stated:",
        "  names only); hand-curated aliases (Tools/dictionaries/curated/hospitals.tsv).",
    ],
    "departments.tsv": [
        "MedExtract entity dictionary: DEPARTMENT (units inside hospitals and health institutions), with IGNORE",
        "entries for discipline nouns and disease words that contain a department name.",
        "Sources: nhc_dept_codes (卫生机构（组织）科室分类与代码, government standard; codes are that standard's);",
        "  THUOCL_medical (thunlp/THUOCL, MIT); fudan specialty names (no licence stated: names only);",
        "  cmekg_medical_kg department_terms (PyCMeKG, MIT);",
        "  hand-curated names (Tools/dictionaries/curated/departments.tsv).",
    ],
    "procedures.tsv": [
        "MedExtract entity dictionary: PROCEDURE (operations, interventions, examinations, treatment modalities),",
        "with IGNORE entries for bare heads and care models. Codes are ICD-9-CM-3: the national clinical edition 1.x",
        "(51.2300, 93.3500x012) where known, else the Chinese alphabetic index (52.7).",
        "Sources: icd9cm3_clinical_v1 (windless1015/PatientCasesBrowser, 手术操作分类代码国家临床版, government standard,",
        "  no licence stated: names and codes as facts, normalised and selected); cmekg_medical_kg (PyCMeKG, MIT);",
        "  icd9cm3_cn_index (qweaszxcdf/icd9cm3-index, no licence stated: terms and codes as facts, cleaned",
        "  and selected); THUOCL_medical (thunlp/THUOCL, MIT); hand-curated names (Tools/dictionaries/curated/procedures.tsv).",
    ],
    "non_entities.tsv": [
        "MedExtract entity dictionary: IGNORE spans that are known not to be entities (generic hospital mentions,",
        "universities, institutes, associations, government bodies ...). A longer IGNORE match suppresses shorter",
        "entity candidates inside it.",
        "Sources: hand-curated (Tools/dictionaries/curated/non_entities.tsv); university/college names taken from",
        "  the hospital names of covid2020_hospitals (MIT) and the Fudan lists (names only).",
    ],
}




def main(doc=__doc__):
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    data, out = args.data, args.out
    os.makedirs(out, exist_ok=True)

    places, places_full = build_places(data)
    hosp_gen, hosp_stats, official = build_hospitals(data, places_full, places)
    dept_gen, dept_src, nhc_codes = build_departments(data)
    proc_gen, proc_src, icd_code = build_procedures(data)

    cur = {f: read_curated_entries(f) for f in ("hospitals.tsv", "departments.tsv", "procedures.tsv", "non_entities.tsv")}
    # one label per surface across curated files
    labels = {}
    for f, entries in cur.items():
        for s, (label, _, _) in entries.items():
            if s in labels and labels[s][0] != label:
                sys.exit("curated: %s is %s in %s and %s in %s" % (s, labels[s][0], labels[s][1], label, f))
            labels[s] = (label, f)
    curated_surfaces = set(labels)

    # fill codes of curated entries from the sources when not given
    def fill_dept(s, v):
        label, canon, code = v
        if label == "DEPARTMENT" and not code:
            code = nhc_codes.get(s, "") or nhc_codes.get(canon, "")
        return (label, canon, code)

    def fill_proc(s, v):
        label, canon, code = v
        if label == "PROCEDURE":
            found = icd_code.get(s, "") or icd_code.get(canon, "")
            # a national clinical code refines a curated 4-digit index code (39.95 -> 39.9500)
            if not code or (found and found.startswith(code) and len(found) > len(code)):
                code = found
        return (label, canon, code)

    files = {}
    # generated non-entities: universities etc. + department-derived IGNOREs
    univ_exclude = set(read_curated_list("universities_exclude.tsv"))
    gen_ignore = {u: ("IGNORE", "", "") for u in universities_from(official) if u not in univ_exclude}
    core = [s for s, (l, _, _) in cur["departments.tsv"].items()
            if l == "DEPARTMENT" and s.endswith("科") and len(s) <= 5 and "医学" not in s and "与" not in s]
    dept_ignore = dept_ignore_generated(core)

    def merge(generated, curated_here, fill=None):
        out = {}
        for s, v in generated.items():
            if s in curated_surfaces:
                continue
            out[s] = v
        for s, v in curated_here.items():
            out[s] = fill(s, v) if fill else v
        return out

    files["hospitals.tsv"] = merge(hosp_gen, cur["hospitals.tsv"])
    files["departments.tsv"] = merge({**dept_ignore, **dept_gen}, cur["departments.tsv"], fill_dept)
    files["procedures.tsv"] = merge(proc_gen, cur["procedures.tsv"], fill_proc)
    files["non_entities.tsv"] = merge(gen_ignore, cur["non_entities.tsv"])

    # one label per surface across generated files: earlier file wins
    owner = {}
    for f in ("hospitals.tsv", "departments.tsv", "procedures.tsv", "non_entities.tsv"):
        for s in sorted(files[f]):
            if s in owner and s not in cur[f]:
                del files[f][s]
            elif s in owner:
                # curated here but generated in an earlier file: curated wins
                del files[owner[s]][s]
                owner[s] = f
            else:
                owner[s] = f
    for f in files:
        for s in [s for s in files[f] if len(s) < 2]:
            del files[f][s]

    counts = {}
    for f, entries in files.items():
        rows = [(s,) + entries[s] for s in sorted(entries)]
        check_rows(f, rows)
        write_tsv(os.path.join(out, f), HEADERS[f], rows)
        counts[f] = Counter(r[1] for r in rows)
        counts[f]["_total"] = len(rows)

    stats = {
        "hospitals": hosp_stats,
        "dept_sources": Counter(x for s in files["departments.tsv"] for x in dept_src.get(s, ())),
        "proc_sources": Counter(x for s in files["procedures.tsv"] for x in proc_src.get(s, ())),
        "curated": {f: len(v) for f, v in cur.items()},
        "universities": sum(1 for s in gen_ignore if s in files["non_entities.tsv"] and s not in cur["non_entities.tsv"]),
        "dept_ignore": sum(1 for s in dept_ignore if s in files["departments.tsv"] and s not in cur["departments.tsv"]),
    }
    write_readme(os.path.join(out, "README.md"), counts, stats)
    for f in sorted(counts):
        c = counts[f]
        print("%-18s %6d  %s" % (f, c["_total"], ", ".join("%s=%d" % (k, v) for k, v in sorted(c.items()) if k != "_total")))


def write_readme(path, counts, stats):
    def cnt(f):
        c = counts[f]
        return "%d rows (%s)" % (c["_total"], ", ".join("%s %d" % (k, v) for k, v in sorted(c.items()) if k != "_total"))

    h = stats["hospitals"]
    text = README_TEMPLATE.format(
        hospitals=cnt("hospitals.tsv"),
        departments=cnt("departments.tsv"),
        procedures=cnt("procedures.tsv"),
        non_entities=cnt("non_entities.tsv"),
        h_official=h["official"],
        h_aliases=h["aliases"],
        h_amb=h["ambiguous_aliases_dropped"],
        h_src=", ".join("%s %d" % kv for kv in h["by_source"].items()),
        c_h=stats["curated"]["hospitals.tsv"],
        c_d=stats["curated"]["departments.tsv"],
        c_p=stats["curated"]["procedures.tsv"],
        c_n=stats["curated"]["non_entities.tsv"],
        d_src=", ".join("%s %d" % kv for kv in sorted(stats["dept_sources"].items())),
        p_src=", ".join("%s %d" % kv for kv in sorted(stats["proc_sources"].items())),
        n_univ=stats["universities"],
        n_dign=stats["dept_ignore"],
        h_renamed=h["renamed"],
        marker=README_MARKER,
    )
    # keep what other people appended below the marker
    kept = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            old = f.read()
        k = old.find(README_MARKER)
        if k >= 0:
            kept = old[k + len(README_MARKER) + 1:]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + kept)


README_MARKER = "<!-- end of the generated part; sections below are kept when regenerating -->"

README_TEMPLATE = """# MedExtract built-in dictionaries

Generated by `Tools/dictionaries/build_dictionaries.py` from the public data in
`shared/data` (see its `SOURCES.md`) and the hand-curated lists in
`Tools/dictionaries/curated/`. **Do not edit these files by hand**: change the
curated lists or the script and regenerate:

    python3 Tools/dictionaries/build_dictionaries.py            # default --data ../shared/data
    python3 Tools/dictionaries/build_dictionaries.py --data DIR  # another copy of the data

The script (`Tools/dictionaries/medextract_dicts/`, one module per source plus
a shared `core.py`) uses only the Python standard library and is
deterministic: rows are sorted by surface (code point order) and running it
twice gives identical files. It writes `hospitals.tsv`, `departments.tsv`,
`procedures.tsv`, `non_entities.tsv` and the part of this README above the
end marker; sections below the marker are kept as they are. Other files in this
directory are maintained separately and are not touched: `places.tsv` (the
gazetteer, `Tools/dictionaries/build_gazetteer.py`), `rule_lexicon.tsv`,
`figure_units.tsv`.

## Entity dictionary format

`hospitals.tsv`, `departments.tsv`, `procedures.tsv`, `non_entities.tsv`.

- UTF-8 without BOM, LF line ends. Lines starting with `#` are comments; blank
  lines are skipped.
- Each entry line has 2 to 4 TAB-separated columns:

      surface<TAB>label<TAB>canonical<TAB>code

- `surface`: the text to match. Non-empty, at least 2 characters, no whitespace,
  already normalised: full-width ASCII folded to half-width (`Ａ`→`A`, `１`→`1`,
  `（`→`(`), no spaces. Latin letters keep their usual case (`CT`, `MRI`, `PET-CT`).
- `label`: `HOSPITAL`, `DEPARTMENT`, `PROCEDURE` or `IGNORE`. `IGNORE` marks a
  span known **not** to be an entity (generic mentions such as `基层医院`,
  universities, discipline nouns such as `外科学`, disease words such as
  `妇科疾病`, bare heads such as `手术`); at extraction time a longer `IGNORE`
  match suppresses shorter entity candidates inside it.
- `canonical`: the canonical/full name; empty means the surface itself. Aliases
  carry the full official name (`北京同仁医院` → `首都医科大学附属北京同仁医院`,
  `PCI` → `经皮冠状动脉介入治疗`).
- `code`: optional. DEPARTMENT: the code of the national department
  classification 卫生机构（组织）科室分类与代码 (`呼吸内科` → `A03.01`);
  PROCEDURE: the code of 手术操作分类代码国家临床版 1.x (ICD-9-CM-3 national
  clinical edition: `51.2300`, extension codes `93.3500x012`) where the name or
  one of its variants is in it, else the 4-digit code of the Chinese alphabetic
  index (`52.7`), else empty;
  HOSPITAL: empty. Trailing empty columns are omitted.
- A surface appears at most once in a file, and has one label across all files.
  When two canonicals compete for one generated alias, the alias is dropped.

## Provenance

Licences are as stated by each source (see `shared/data/SOURCES.md`). Sources
without a stated licence were used as reference material only: we ship names of
institutions, terms and code numbers of public standards (facts), selected,
cleaned and typed by the script, never a source file as it is.

### hospitals.tsv — {hospitals}

- **covid2020_hospitals** (`hhui64/wuhan2020map`, MIT): official names of both
  files (`name`).
- **fudan_hospital_rankings** (`nsplup/fudanmed-ranking`, no licence stated;
  content by 复旦大学医院管理研究所) and **fudan_regional_2023**
  (`gausshuang/biomed123`, no licence stated; column `hospital_paren_fixed`):
  hospital names only.
- Derivation: whitespace and full-width forms normalised; trailing junk
  (`发热门诊`, `有限公司`, punctuation) removed; values split at `/`, `·`, `暨`;
  `A(B)`: `A` plus `B` when `B` is a hospital name (a leading `原` is dropped),
  `A`+`B` without brackets when `B` is a campus (`院区`, `分院`, `东院` …);
  only names ending in a treating-institution head (医院, 卫生院, 保健院,
  卫生服务中心, 医学中心, 门诊部, 诊所, 疗养院, 院区, 分院 …) are kept; institutes,
  CDCs, health commissions, companies, generic names (`第一医院`) and names
  listed in `curated/hospitals_exclude.tsv` are dropped, as are scraper
  concatenations of two names. {h_official} official names
  (per source: {h_src}).
- Generated aliases (canonical = full name): `中国人民解放军X` → `解放军X`,
  `中国人民武装警察部队X` → `武警X`; `X大学附属Y医院` → `Y医院` when `Y医院` starts
  with a place name and has ≥5 characters; `X省Y` → `Y` when `Y` has ≥5
  characters and is not generic; `X市第N(人民)医院` → `XN院`, `X市N院`. Aliases
  claimed by two institutions ({h_amb}) and aliases that are themselves an
  official name are dropped. Together with {c_h} curated entries
  (`curated/hospitals.tsv`: well-known short forms and nicknames such as
  `华西医院`, `301医院`, `北医三院`, `华西二院`) this gives {h_aliases} alias rows.
- Aliases the sources themselves give ({h_renamed} rows; the surface stays an
  official name, its canonical becomes the current full name): a Fudan name of
  some years that is another year's name minus its parent institution
  (`北京地坛医院` → `首都医科大学附属北京地坛医院`, `东部战区总医院` →
  `中国人民解放军东部战区总医院`), and former names given as `（原Y）` in the lists
  (`许昌县人民医院` → `许昌医院`). Campus forms `A（B院区）` become `AB院区` (above).

### departments.tsv — {departments}

- **nhc_dept_codes** (`hrms-program/hrms`; no licence stated for the repo; the
  content is the government standard 卫生机构（组织）科室分类与代码): every name
  that carries a unit suffix (科/室/部/中心/门诊/所 …), with its code; combined
  names are split (`药剂科(药房)` → `药剂科`, `药房`; `信息科(中心)` → `信息科`,
  `信息中心`). Grouping nodes marked 不可选 that are real department names
  (`内科` A03, `外科` A04 …) are kept. Names without a unit suffix
  (`肾病学`, `内分泌`, `放射治疗`) are not departments; their suffixed forms come
  from the curated list with the same code.
- **THUOCL_medical** (`thunlp/THUOCL`, MIT): words ending in
  科/医学科/中心/室/部/门诊/病房 minus `curated/departments_exclude.tsv`
  (body parts, taxonomy, institutions).
- **Fudan specialty names** (no licence stated): only the ones ending in 科.
- **cmekg_medical_kg** (PyCMeKG 0.2.5, MIT): `department_terms.tsv` values
  ending in 科 (就诊科室/所属科室), with the NHC code when the name is one.
- **Curated** ({c_d} entries, `curated/departments.tsv`): department names
  real Chinese hospitals use (clinical, sub-specialty, wards, rooms, clinics,
  administrative), with NHC codes where the mapping is clear, plus IGNORE
  entries for discipline nouns and disease/adjective words. {n_dign} further
  IGNORE entries `X疾病` are generated from the curated specialty names ending
  in 科 (`骨科疾病`, `眼科疾病` …).
- Rows per source (a row may have several): {d_src}.

### procedures.tsv — {procedures}

- **icd9cm3_cn_index** (`qweaszxcdf/icd9cm3-index`, no licence stated; an
  OCR extraction of the Chinese ICD-9-CM-3 alphabetic index): level-1 main terms
  that end in a procedure head (术, 切除, 成形, 造影, 检查, 治疗, 疗法, 移植, 穿刺 …)
  after removing cross-references (`—见 …`), bracketed glosses, `NEC`/`NOS`;
  terms with Latin letters (eponyms) contribute only their Chinese gloss; a
  level-2 approach modifier is combined with its parent (`腹腔镜的` +
  `阑尾切除术` → `腹腔镜阑尾切除术`; `部分的` + `肾切除术` → `肾部分切除术`;
  `膝` + `关节镜检查` → `膝关节镜检查`). Code: the term's most frequent code.
- **icd9cm3_clinical_v1** (`windless1015/PatientCasesBrowser`, 手术操作分类代码国家临床版
  1.x, no licence stated; a government coding standard used for names and codes):
  all 12,698 names (手术, 介入治疗, 治疗性操作, 诊断性操作, the 202 中医必选 items),
  normalised to running-text wording: `[...]` notes, `(...)` sizes, trailing
  `NOS`/`NEC`, a leading `其他` and everything after a comma are cut; names that
  are coding descriptions (`的`, `或`, `和`, `与`, `其他`, `未特指`, `伴`, `用于`, `/` …)
  are dropped; the rest must end in a procedure head (术, 切除, 置入, 检查, 造影,
  治疗, 移植, 透析, 通气, 复苏, 输血, 灸, 推拿, 刮痧, 拔罐 …; not 评估, 训练, 导管);
  the 93.39 named therapies need none (`三伏贴`, `穴位贴敷`). Variants of the same
  procedure: `置入` → `植入`; action + `术` also as action and action + `手术`
  (`脾切除术` → `脾切除`, `脾切除手术`; actions 切除, 置换, 成形, 移植, 修补, 吻合,
  植入, 融合, 消融 … — not 栓塞, which without 术 is a disease); a leading 无创/有创
  mode dropped; 中医必选 `X治疗` → `X` when X ends in a therapy noun (推拿, 刮痧,
  拔罐, …灸; `颈椎病推拿治疗` also gives `推拿`; needle, blade and stone names keep
  their 治疗 because they are also instruments; bare `贴敷` is never an entry).
  Names shorter than 4 characters only for therapies and tests (针灸, 艾灸, 心电图,
  输血). Code: the clinical code, base codes before extensions.
- **cmekg_medical_kg** (PyCMeKG 0.2.5, MIT): `procedure_terms.tsv` and
  `exam_entities.tsv` names without separators or brackets, 2–16 characters,
  ending in a procedure head (术, 检查, 检测, 测定, 造影, 监护, 插管, 移植, 治疗, 透析,
  通气, 输血, 反搏, CT, MRI, 超声 …) or, for examinations and laboratory tests, a
  test head (常规, 培养, 试验, 计数, 涂片, 筛查 …; not 功能, which names the body
  function as often as the test). Dropped: generic modifier + head
  (`实验室检查`, `手术治疗`, `抗感染治疗`), drug-class therapies, a disease + bare
  `治疗`, treatment-only `X治疗` whose X names no method, fragments with `的`, `等`,
  `不`, `进行` …, bare heads (`切除`, `造影`; 2-character names only for 透析, 输血,
  化疗, 放疗, 针灸, 艾灸, 洗胃, 吸氧, 彩超, B超, CT, MRI, 胸片 …). `X检查` also gives
  `X` when X names the exam by its record or modality (`肾图检查` → `肾图`,
  `头颅CT检查` → `头颅CT`). Generic modifier + bare head terms with a narrow
  modifier set (实验室, 辅助, 常规, 全身, 保守, 对症, 药物, 综合 …) become IGNORE.
- **THUOCL_medical** (`thunlp/THUOCL`, MIT): words ending in 术, 检查, 造影,
  治疗, 活检, 疗法, 透析, 麻醉, 移植, 穿刺, 插管, 监测, 电图, 扫描, minus
  `curated/procedures_exclude.tsv` (herbs, diseases, drugs, devices, generic
  words).
- **Curated** ({c_p} entries, `curated/procedures.tsv`): procedure names and
  modalities common in news (`CT`, `彩超`, `放化疗`, `射频消融`, `PCI` …; English
  abbreviations with the full name as canonical) and IGNORE entries for bare
  heads and care models (`手术`, `治疗`, `MDT`, `PDCA` …). Codes are filled
  from the clinical edition or the ICD index when the surface or canonical
  matches one of their terms; a clinical code also refines a curated 4-digit
  code (`39.95` → `39.9500`).
- Rows per source (a row may have several): {p_src}.

### non_entities.tsv — {non_entities}

- **Curated** ({c_n} entries, `curated/non_entities.tsv`): generic hospital
  mentions (`基层医院`, `三甲医院`, `公立医院` …), government bodies, CDCs,
  associations and societies, research institutes, universities.
- **Generated** ({n_univ} entries): university, college and academy names found
  as the prefix of a hospital name (`首都医科大学`, `华中科技大学同济医学院`).

{marker}
"""
