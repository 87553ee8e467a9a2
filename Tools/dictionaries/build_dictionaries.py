#!/usr/bin/env python3
"""Build MedExtract's entity dictionaries and gazetteer.

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
non_entities.tsv, places.tsv and README.md (format + provenance + counts).

The script uses only the Python standard library, is deterministic (rows are
sorted by surface, no timestamps) and fails loudly when a curated file is
malformed or two curated files give one surface different labels.
Running it twice gives byte-identical output.
"""

import argparse
import csv
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CURATED = os.path.join(HERE, "curated")
DEFAULT_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
DEFAULT_OUT = os.path.join(REPO, "Sources", "MedExtract", "Resources", "Dictionaries")

LABELS = ("HOSPITAL", "DEPARTMENT", "PROCEDURE", "IGNORE")
GENERATOR = "Tools/dictionaries/build_dictionaries.py"

# --------------------------------------------------------------------------
# text helpers


def normalize(s):
    """Full-width ASCII to half-width, ideographic space to space, then drop
    all whitespace (the layout inserts spaces inside names)."""
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        elif o == 0x3000:
            ch = " "
        out.append(ch)
    return re.sub(r"\s+", "", "".join(out))


CJK = r"\u3400-\u9fff"
NAME_OK = re.compile(r"^[" + CJK + r"0-9A-Za-z〇○()\-]+$")
HAS_LATIN = re.compile(r"[A-Za-z]")
CN_NUM = "一二三四五六七八九十"


def read_tsv(path):
    """Rows of a source TSV as lists (header row dropped)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def read_curated(name, ncols=(2, 4)):
    """Rows of a curated file (comments/blank lines skipped)."""
    path = os.path.join(CURATED, name)
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            while cols and cols[-1] == "":
                cols.pop()
            if not (ncols[0] <= len(cols) <= ncols[1]):
                sys.exit("%s:%d: expected %d-%d columns, got %d" % (path, lineno, ncols[0], ncols[1], len(cols)))
            cols = [c.strip() for c in cols]
            cols[0] = normalize(cols[0])
            rows.append((lineno, cols))
    return rows


def read_curated_list(name):
    """A one-column curated list (first column only)."""
    return [cols[0] for _, cols in read_curated(name, (1, 9))]


def read_curated_entries(name):
    """Curated 2-4 column entries -> dict surface -> (label, canonical, code)."""
    out = {}
    for lineno, cols in read_curated(name):
        surface, label = cols[0], cols[1]
        canonical = cols[2] if len(cols) > 2 else ""
        code = cols[3] if len(cols) > 3 else ""
        if label not in LABELS:
            sys.exit("curated/%s:%d: bad label %r" % (name, lineno, label))
        if len(surface) < 2:
            sys.exit("curated/%s:%d: surface shorter than 2 characters" % (name, lineno))
        if surface in out and out[surface] != (label, canonical, code):
            sys.exit("curated/%s:%d: %s given twice with different values" % (name, lineno, surface))
        out[surface] = (label, canonical if canonical != surface else "", code)
    return out


# --------------------------------------------------------------------------
# places


PROVINCE_SUFFIXES = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"]
ETHNIC = sorted("""土家族 苗族 哈萨克 白族 哈尼族 彝族 傣族 藏族 蒙古族 蒙古 回族 柯尔克孜
景颇族 傈僳族 朝鲜族 壮族 布依族 侗族 羌族 黎族 瑶族 畲族 维吾尔 满族 纳西族 土族 撒拉族
东乡族 保安族 仡佬族 水族 拉祜族 佤族 达斡尔族 鄂温克族 鄂伦春族 锡伯族 仫佬族 毛南族 京族
普米族 怒族 独龙族 基诺族 德昂族 布朗族 阿昌族 裕固族 塔吉克 各族""".split(), key=len, reverse=True)
CITY_SUFFIXES = ["自治州", "地区", "林区", "盟", "市"]
COUNTY_SUFFIXES = ["自治县", "自治旗", "新区", "县", "区", "旗", "市"]


def strip_ethnic(s):
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if s.endswith(e) and len(s) - len(e) >= 2:
                s = s[: -len(e)]
                changed = True
                break
    return s


def short_form(name, suffixes):
    """The short form of a place name, or None."""
    for suf in suffixes:
        if name.endswith(suf) and len(name) > len(suf):
            rest = name[: -len(suf)]
            if "自治" in suf:
                rest = strip_ethnic(rest)
            if len(rest) >= 2:
                return rest
            return None
    return None


def build_places(data):
    """Gazetteer rows (surface, level, canonical)."""
    junk = set(read_curated_list("places_exclude.tsv"))
    full = {}  # canonical -> level
    level_rank = {"province": 0, "city": 1, "county": 2}

    def add_full(name, level):
        name = normalize(name).rstrip(".")
        if not name or name in junk or len(name) < 2:
            return
        if not re.match("^[" + CJK + "]+$", name):
            return
        if name in full and level_rank[full[name]] <= level_rank[level]:
            return
        full[name] = level

    _, fever = read_tsv(os.path.join(data, "covid2020_hospitals", "fever_clinics_and_designated_2020-02-11.tsv"))
    _, js = read_tsv(os.path.join(data, "covid2020_hospitals", "hospital_js_list.tsv"))
    all_names = [normalize(r[5]) for r in fever] + [normalize(r[4]) for r in js]
    provinces = set()
    for r in fever + js:
        prov, city = normalize(r[1]), normalize(r[3])
        if prov.endswith(("省", "自治区", "市")):
            add_full(prov, "province")
            provinces.add(prov)
        if city == prov:
            continue
        if city.endswith(("市", "自治州", "地区", "盟", "林区")):
            add_full(city, "city")
        elif city.endswith(("县", "区")):
            add_full(city, "county")
    for r in fever:
        prov, city, county = normalize(r[1]), normalize(r[3]), normalize(r[4]).rstrip(".")
        if not county or county == city or county in junk:
            continue
        if city and county.startswith(city) and len(county) > len(city):
            county = county[len(city):]
        if county.endswith(("县", "区", "旗", "市")):
            if county.endswith("新区") and county not in ("浦东新区", "滨海新区"):
                continue
            if any(w in county for w in ("开发区", "风景区", "管理区", "园区", "市区", "城区", "特区")) and county not in ("城区",):
                continue
            add_full(county, "county")
        else:
            # a short form without suffix (东城, 海淀): find its full form in
            # a hospital name of the same data set
            for suf in ("区", "县", "市"):
                if any((county + suf) in n for n in all_names):
                    add_full(county + suf, "county")
                    break
    # county names found at the start of hospital names, alone or after a
    # province and/or city: 平遥县人民医院, 长治市潞州区人民医院
    prov_names = sorted((n for n, l in full.items() if l == "province"), key=len, reverse=True)
    city_names = sorted((n for n, l in full.items() if l == "city" and n.endswith("市")), key=len, reverse=True)
    county_bad = re.compile("(开发|新区|园区|城区|矿区|郊区|市区|高新|经开|管理|风景|街道|社区|镇|乡|村|医|院|中心|集团|"
                            "农场|林区|大学|战区|军区|地区|港区|[东西南北]区|自治区)")
    prov_prefixes = prov_names + sorted(
        (s for s in (short_form(n, PROVINCE_SUFFIXES) for n in prov_names) if s), key=len, reverse=True)
    found = Counter()
    for n in all_names:
        rest, after_city = n, False
        for p in prov_prefixes:
            if rest.startswith(p):
                rest = rest[len(p):]
                break
        for c in city_names:
            if rest.startswith(c):
                rest, after_city = rest[len(c):], True
                break
        m = re.match("^([" + CJK + "]{1,4}?(?:自治县|自治旗|县|区|旗" + ("|市" if after_city else "") + "))", rest)
        if m:
            cand = m.group(1)
            if cand.endswith("旗") and len(cand) < 3:
                continue
            if len(cand) >= 2 and cand not in junk and not county_bad.search(cand) and cand not in full:
                found[cand] += 2 if after_city else 1
    for cand, k in sorted(found.items()):
        if k >= 2:  # after a city name, or seen in two hospital names
            add_full(cand, "county")
    for lineno, cols in read_curated("places.tsv", (3, 3)):
        if cols[1] not in level_rank:
            sys.exit("curated/places.tsv:%d: bad level" % lineno)
        full[cols[2]] = cols[1]
    short_stop = set(read_curated_list("places_short_exclude.tsv"))
    surfaces = defaultdict(set)  # surface -> {(level, canonical)}
    for name, level in full.items():
        surfaces[name].add((level, name))
        sufs = {"province": PROVINCE_SUFFIXES, "city": CITY_SUFFIXES, "county": COUNTY_SUFFIXES}[level]
        s = short_form(name, sufs)
        if s and s not in short_stop:
            surfaces[s].add((level, name))
    rows = []
    for surface, cands in surfaces.items():
        if surface in full:  # a full name is always itself
            rows.append((surface, full[surface], surface))
            continue
        best = min(level_rank[l] for l, _ in cands)
        top = sorted(c for l, c in cands if level_rank[l] == best)
        if len(top) == 1:
            rows.append((surface, [l for l, c in cands if c == top[0]][0], top[0]))
    rows.sort()
    return rows, full


# --------------------------------------------------------------------------
# hospitals

HOSPITAL_HEAD = re.compile(
    "(医院|卫生院|保健院|妇保院|妇幼院|防治院|防治所|疗养院|康复院|传染病院|分院|院区|医疗区|门诊部|诊所|卫生所|"
    "卫生服务站|社区服务站|医学中心|医疗中心|卫生服务中心|社区服务中心|精神卫生中心|心理卫生中心|临床中心|"
    "救治中心|抢救中心|急救中心|眼科中心|防治中心|诊疗中心|康复中心|体检中心|健康管理中心|保健中心|"
    "计划生育服务中心|计划服务中心|计生服务中心|计生中心|[" + CN_NUM + "]院|附院|[东西南北]院)$"
)
GENERIC_TOKENS = sorted(
    """第一 第二 第三 第四 第五 第六 第七 第八 第九 第十 人民 中西医结合 中医
    民族医 蒙医 藏医 维吾尔医 哈萨克医 妇幼保健计划生育服务中心 妇幼保健 计划生育 妇幼 儿童 妇女 妇产 妇婴 肿瘤 口腔
    眼科 耳鼻喉 耳鼻咽喉 五官 皮肤病 性病 传染病 精神病 精神卫生 精神 心理 胸科 肺科 脑科 骨科 骨伤 结核病 职业病
    康复 老年病 老年 中心 总 医院 卫生院 保健院 社区卫生服务中心 卫生服务中心 服务中心 医学中心 医疗中心 临床中心
    公共卫生 救治 定点 附属 分院 院区 门诊部 诊所 专科 综合 集团 市 县 区 省 镇 乡 城区 城关 中心卫生院 中心
    国际 人民 工人 职工 铁路 矿 煤矿 第 一 二 三 四 五 六 七 八 九 十 〇 0 1 2 3 4 5 6 7 8 9""".split(),
    key=len, reverse=True,
)


def is_generic(name):
    """True when nothing specific is left after removing generic words."""
    rest = name
    changed = True
    while changed and rest:
        changed = False
        for t in GENERIC_TOKENS:
            if t in rest:
                rest = rest.replace(t, "", 1)
                changed = True
                break
    return len(rest) < 2


SEPARATORS = re.compile(r"[/／·・]|暨")


def split_brackets(s):
    """Split 'A(B)C(D)' into a list of ('text', str) / ('br', str) parts."""
    parts, buf, depth, br = [], "", 0, ""
    for ch in s:
        if ch == "(":
            if depth == 0:
                if buf:
                    parts.append(("text", buf))
                buf, br = "", ""
            else:
                br += ch
            depth += 1
        elif ch == ")":
            if depth == 0:
                continue  # stray
            depth -= 1
            if depth == 0:
                parts.append(("br", br))
            else:
                br += ch
        elif depth > 0:
            br += ch
        else:
            buf += ch
    if depth > 0 and br:
        parts.append(("br", br))  # unclosed bracket at the end
    if buf:
        parts.append(("text", buf))
    return parts


CAMPUS = re.compile("(院区|分院|^[东南西北中新老本总主]院)$")


def expand_raw_name(raw):
    """Candidate official names from one source value."""
    s = normalize(raw)
    s = re.sub(r"[:;,.。，；：、]+$", "", s)
    s = re.sub("(发热门诊|发热哨点诊室)$", "", s)
    s = re.sub("(股份有限公司|有限责任公司|有限公司)$", "", s)
    out = []
    # top-level separators (not inside brackets)
    pieces, depth, buf = [], 0, ""
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and SEPARATORS.match(s, i):
            pieces.append(buf)
            buf = ""
            i += 1
            continue
        buf += ch
        i += 1
    pieces.append(buf)
    for piece in pieces:
        parts = split_brackets(piece)
        # index of the last text part: brackets after it are trailing
        last_text = max([k for k, (t, _) in enumerate(parts) if t == "text"], default=-1)
        if last_text < 0:
            # only brackets: '（山东省立医院）'
            for t, v in parts:
                out.append(re.sub("^(暨|原)", "", v))
            continue
        base_with, base_without = "", ""
        for k, (t, v) in enumerate(parts[: last_text + 1]):
            if t == "text":
                base_with += v
                base_without += v
            else:
                if not re.fullmatch("[0-9]+", v):
                    base_with += v
        bases = [base_with] if base_with == base_without else [base_with, base_without]
        out.extend(bases)
        for t, v in parts[last_text + 1:]:
            for b in re.split("[、,，]", v):
                b = re.sub("^(暨|原)", "", b)
                if not b:
                    continue
                if CAMPUS.search(b) and "医院" not in b and "卫生院" not in b:
                    out.extend(x + b for x in bases)
                else:
                    out.append(b)
    return out


def valid_hospital(name, exclude):
    if len(name) < 4 or name in exclude:
        return False
    if not NAME_OK.match(name) or "(" in name or ")" in name or "--" in name:
        return False
    if not HOSPITAL_HEAD.search(name):
        return False
    if re.search("(研究所|研究院|研究中心|疾病预防控制|疾控|卫生健康委|卫健委|卫生局|监督所|学院$|大学$|ICP|版权|备案)", name):
        return False
    if name[0] in "县区市省镇乡州":
        return False
    if is_generic(name):
        return False
    return True


def build_hospitals(data, places_full, gazetteer_rows):
    exclude = set(read_curated_list("hospitals_exclude.tsv"))
    raw = []
    _, fever = read_tsv(os.path.join(data, "covid2020_hospitals", "fever_clinics_and_designated_2020-02-11.tsv"))
    _, js = read_tsv(os.path.join(data, "covid2020_hospitals", "hospital_js_list.tsv"))
    _, fudan = read_tsv(os.path.join(data, "fudan_hospital_rankings", "fudan_rankings_2009_2021.tsv"))
    _, regional = read_tsv(os.path.join(data, "fudan_regional_2023", "fudan_regional_specialty_2023.tsv"))
    raw += [("covid2020_hospitals", r[5]) for r in fever]
    raw += [("covid2020_hospitals", r[4]) for r in js]
    raw += [("fudan_hospital_rankings", r[4]) for r in fudan]
    raw += [("fudan_regional_2023", r[5]) for r in regional]  # hospital_paren_fixed
    official = {}
    for src, value in raw:
        for name in expand_raw_name(value):
            if valid_hospital(name, exclude):
                official.setdefault(name, set()).add(src)
    # scraper concatenations: 'X医院Y医院' where X and Y are both names
    for name in sorted(official):
        for k in range(4, len(name) - 3):
            if name[:k] in official and name[k:] in official:
                del official[name]
                break

    # ---- aliases
    alias = defaultdict(set)  # surface -> {canonical}
    place_surfaces = set(s for s, _, _ in gazetteer_rows)
    provinces_full = sorted((n for n, l in places_full.items() if l == "province"), key=len, reverse=True)

    local_places = set(s for s, lvl, _ in gazetteer_rows if lvl != "province")

    def starts_with_place(s):
        return any(s.startswith(p) for p in place_surfaces if len(p) >= 2)

    def starts_with_local_place(s):
        return any(s.startswith(p) for p in local_places if len(p) >= 2)

    for name in sorted(official):
        if name.startswith("中国人民解放军") and len(name) - 4 >= 5:
            alias["解放军" + name[7:]].add(name)
        if name.startswith("中国人民武装警察部队") and len(name) - 8 >= 5:
            alias["武警" + name[10:]].add(name)
        m = re.match("^(.{2,}?(?:大学|医学院|医科大学|中医药大学|医学高等专科学校))(?:医学院)?附属(.+)$", name)
        if m:
            rest = m.group(2)
            if len(rest) >= 5 and rest.endswith("医院") and starts_with_place(rest) and not is_generic(rest):
                alias[rest].add(name)
        for p in provinces_full:
            if p.endswith(("省", "自治区")) and name.startswith(p):
                rest = name[len(p):]
                if len(rest) >= 5 and HOSPITAL_HEAD.search(rest) and not is_generic(rest) and starts_with_local_place(rest):
                    alias[rest].add(name)
                break
        m = re.match("^(.+?)市第([" + CN_NUM + "]{1,2})(?:人民)?医院$", name)
        if m and (m.group(1) + "市") in places_full:
            city = m.group(1)
            if len(city) >= 2:
                alias[city + m.group(2) + "院"].add(name)
                alias[city + "市" + m.group(2) + "院"].add(name)

    rows = {}
    for name in official:
        rows[name] = ("HOSPITAL", "", "")
    dropped_alias = 0
    for a, canon in alias.items():
        if a in official or len(a) < 4:
            continue
        if len(canon) != 1:
            dropped_alias += 1
            continue
        rows[a] = ("HOSPITAL", next(iter(canon)), "")
    # provenance counts
    src_counts = Counter()
    for name, srcs in official.items():
        for s in srcs:
            src_counts[s] += 1
    stats = {
        "official": len(official),
        "aliases": len(rows) - len(official),
        "ambiguous_aliases_dropped": dropped_alias,
        "by_source": dict(sorted(src_counts.items())),
    }
    return rows, stats, official


def universities_from(official):
    """IGNORE entries for universities/colleges/academies named in hospital names."""
    out = set()
    pat = re.compile("(大学|医学院|学院|科学院|医学部|专科学校|医专)")
    for name in official:
        for m in pat.finditer(name):
            end = m.end()
            if end >= len(name):
                continue
            prefix = name[:end]
            if len(prefix) >= 4 and not HOSPITAL_HEAD.search(prefix) and "医院" not in prefix:
                out.add(prefix)
                # inner institution after another one: 华中科技大学同济医学院 -> 同济医学院
                inner = re.sub("^.*?(大学|科学院)", "", prefix)
                if inner != prefix and len(inner) >= 4:
                    out.add(inner)
    return out


# --------------------------------------------------------------------------
# departments

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
    return rows, src, codes


def dept_ignore_generated(core):
    """IGNORE entries for disease/discipline words built on a department name."""
    out = {}
    for d in core:
        for suf in ("疾病",):
            out[d + suf] = ("IGNORE", "", "")
    return out


# --------------------------------------------------------------------------
# procedures

PROC_SUFFIX = re.compile(
    "(术|切除|置换|成形|活检|造影|检查|治疗|疗法|移植|吻合|修补|切开|引流|置入|植入|插管|穿刺|透析|麻醉|"
    "照相|扫描|监测|描记|电图|心动图|镜检)$"
)


def clean_icd(t):
    t = normalize(t)
    t = re.sub(r"[—\-一]+另?见.*$", "", t)
    t = re.sub(r"\([^()]*\)", "", t)
    t = re.sub(r"\([^()]*\)", "", t)
    t = re.sub(r"\[[^\]]*\]", "", t)
    t = re.sub("(NEC|NOS)", "", t)
    return t.strip(" ,，")


def build_procedures(data):
    header, rows_in = read_tsv(os.path.join(data, "icd9cm3_cn_index", "icd9cm3_cn_alphabetic_index.tsv"))
    exclude = set(read_curated_list("procedures_exclude.tsv"))
    found = defaultdict(list)  # surface -> [code...] in file order
    origin = defaultdict(set)

    short_codes = defaultdict(list)  # 2-3 character terms: codes only (e.g. 心电图)

    def add(s, code, how):
        if s in exclude or re.match("^(伴|用于|通过|作为|为|于|和|或|及)", s):
            return
        if not re.match("^[" + CJK + "]+$", s) or not PROC_SUFFIX.search(s):
            return
        code = code.split("[")[0].strip()
        if not re.fullmatch(r"[0-9]{2}(\.[0-9]{1,2})?", code):
            code = ""
        if len(s) < 4:
            if len(s) >= 2:
                short_codes[s].append(code)
            return
        found[s].append(code)
        origin[s].add(how)

    approach = {
        "腹腔镜的": "腹腔镜", "腹腔镜": "腹腔镜", "腹腔镜辅助": "腹腔镜", "腹腔镜辅助的": "腹腔镜",
        "胸腔镜的": "胸腔镜", "胸腔镜": "胸腔镜", "经皮": "经皮", "经皮的": "经皮",
        "经尿道": "经尿道", "经尿道的": "经尿道", "根治性": "根治性", "根治": "根治性",
    }
    joints = set("髋膝肩肘踝腕")
    for r in rows_in:
        level, chinese, code, parent = r[1], r[2], r[4], r[5]
        if level == "1":
            if HAS_LATIN.search(chinese):
                # eponym: keep a Chinese gloss naming the procedure
                for g in re.findall(r"[(（]([^()（）]+)[)）]", chinese):
                    g = normalize(g)
                    if len(g) >= 4:
                        add(g, code, "icd-gloss")
                continue
            if re.search("[,，]", re.sub(r"\([^)]*\)", "", normalize(chinese))):
                continue
            add(clean_icd(chinese), code, "icd-main")
        elif level == "2" and parent and " > " not in parent and not HAS_LATIN.search(parent):
            p = clean_icd(parent)
            if re.search("[,，]", p) or not PROC_SUFFIX.search(p):
                continue
            c = clean_icd(chinese)
            c0 = re.sub(r"\s", "", c)
            if c0 in approach:
                add(approach[c0] + p, code, "icd-combined")
            elif re.fullmatch("部分(的)?", c0) and p.endswith("切除术"):
                add(p[: -3] + "部分切除术", code, "icd-combined")
            elif p.startswith("关节") and c0.rstrip("的") in joints:
                add(c0.rstrip("的") + p, code, "icd-combined")
    icd_code = {}
    for s, codes in list(found.items()) + list(short_codes.items()):
        cs = Counter(c for c in codes if c)
        if cs:
            best = max(cs.values())
            icd_code[s] = [c for c in codes if c and cs[c] == best][0]
        else:
            icd_code[s] = ""
    rows = {s: ("PROCEDURE", "", icd_code[s]) for s in found}

    _, thu = read_tsv(os.path.join(data, "thuocl_medical", "THUOCL_medical.tsv"))
    thu_suffix = re.compile("(术|检查|造影|治疗|活检|疗法|透析|麻醉|移植|穿刺|插管|监测|电图|心动图|扫描)$")
    for r in thu:
        w = normalize(r[0])
        if thu_suffix.search(w) and len(w) >= 3 and w not in exclude and not w.endswith("技术"):
            if w not in rows:
                rows[w] = ("PROCEDURE", "", icd_code.get(w, ""))
            origin[w].add("thuocl")
    return rows, origin, icd_code


# --------------------------------------------------------------------------
# output


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
        "  hand-curated names (Tools/dictionaries/curated/departments.tsv).",
    ],
    "procedures.tsv": [
        "MedExtract entity dictionary: PROCEDURE (operations, interventions, examinations, treatment modalities),",
        "with IGNORE entries for bare heads and care models. Codes are ICD-9-CM-3 (Chinese edition, alphabetic index).",
        "Sources: icd9cm3_cn_index (qweaszxcdf/icd9cm3-index, no licence stated: terms and codes as facts, cleaned",
        "  and selected); THUOCL_medical (thunlp/THUOCL, MIT); hand-curated names (Tools/dictionaries/curated/procedures.tsv).",
    ],
    "non_entities.tsv": [
        "MedExtract entity dictionary: IGNORE spans that are known not to be entities (generic hospital mentions,",
        "universities, institutes, associations, government bodies ...). A longer IGNORE match suppresses shorter",
        "entity candidates inside it.",
        "Sources: hand-curated (Tools/dictionaries/curated/non_entities.tsv); university/college names taken from",
        "  the hospital names of covid2020_hospitals (MIT) and the Fudan lists (names only).",
    ],
    "places.tsv": [
        "MedExtract gazetteer: surface<TAB>level<TAB>canonical, level in {province, city, county}.",
        "Sources: province/city/county columns of covid2020_hospitals (hhui64/wuhan2020map, MIT), short forms",
        "  derived by rule; hand-curated additions (Tools/dictionaries/curated/places.tsv).",
    ],
}


def write_tsv(path, header_lines, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write("# " + h + "\n")
        f.write("# Generated by " + GENERATOR + " — do not edit by hand.\n")
        for r in rows:
            while len(r) > 2 and r[-1] == "":
                r = r[:-1]
            f.write("\t".join(r) + "\n")


def check_rows(name, rows):
    seen = set()
    for r in rows:
        s = r[0]
        assert s and not re.search(r"\s", s), (name, r)
        assert len(s) >= 2, (name, r)
        assert s not in seen, (name, s)
        seen.add(s)
        for c in r:
            assert "\t" not in c and "\n" not in c, (name, r)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
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
        if label == "PROCEDURE" and not code:
            code = icd_code.get(s, "") or icd_code.get(canon, "")
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
    check_rows("places.tsv", places)
    write_tsv(os.path.join(out, "places.tsv"), HEADERS["places.tsv"], [list(r) for r in places])
    counts["places.tsv"] = Counter(r[1] for r in places)
    counts["places.tsv"]["_total"] = len(places)

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
        places=cnt("places.tsv"),
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
    )
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


README_TEMPLATE = """# MedExtract built-in dictionaries

Generated by `Tools/dictionaries/build_dictionaries.py` from the public data in
`shared/data` (see its `SOURCES.md`) and the hand-curated lists in
`Tools/dictionaries/curated/`. **Do not edit these files by hand**: change the
curated lists or the script and regenerate:

    python3 Tools/dictionaries/build_dictionaries.py            # default --data ../shared/data
    python3 Tools/dictionaries/build_dictionaries.py --data DIR  # another copy of the data

The script uses only the Python standard library and is deterministic: rows are
sorted by surface (code point order) and running it twice gives identical files.
It writes `hospitals.tsv`, `departments.tsv`, `procedures.tsv`,
`non_entities.tsv`, `places.tsv` and this README; other files in this directory
(such as `rule_lexicon.tsv`) are maintained separately and are not touched.

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
  PROCEDURE: the ICD-9-CM-3 code from the Chinese alphabetic index (`52.7`);
  HOSPITAL: empty. Trailing empty columns are omitted.
- A surface appears at most once in a file, and has one label across all files.
  When two canonicals compete for one generated alias, the alias is dropped.

## Gazetteer format

`places.tsv`: `surface<TAB>level<TAB>canonical`, level one of `province`,
`city`, `county` (e.g. `山西	province	山西省`, `晋城	city	晋城市`,
`肃州	county	肃州区`). Same comment/encoding rules.

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
  `华西医院`, `301医院`, `北医三院`, `中山一院`) this gives {h_aliases} alias rows.

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
- **THUOCL_medical** (`thunlp/THUOCL`, MIT): words ending in 术, 检查, 造影,
  治疗, 活检, 疗法, 透析, 麻醉, 移植, 穿刺, 插管, 监测, 电图, 扫描, minus
  `curated/procedures_exclude.tsv` (herbs, diseases, drugs, devices, generic
  words).
- **Curated** ({c_p} entries, `curated/procedures.tsv`): procedure names and
  modalities common in news (`CT`, `彩超`, `放化疗`, `射频消融`, `PCI` …; English
  abbreviations with the full name as canonical) and IGNORE entries for bare
  heads and care models (`手术`, `治疗`, `MDT`, `PDCA` …). Codes are filled
  from the ICD index when the surface or canonical matches one of its terms.
- Rows per source (a row may have several): {p_src}.

### non_entities.tsv — {non_entities}

- **Curated** ({c_n} entries, `curated/non_entities.tsv`): generic hospital
  mentions (`基层医院`, `三甲医院`, `公立医院` …), government bodies, CDCs,
  associations and societies, research institutes, universities.
- **Generated** ({n_univ} entries): university, college and academy names found
  as the prefix of a hospital name (`首都医科大学`, `华中科技大学同济医学院`).

### places.tsv — {places}

- **covid2020_hospitals** (MIT): the `province`, `city` and `county` columns,
  junk values dropped (`开发区`, `市直`, `市本级` …, `curated/places_exclude.tsv`);
  suffix-less county values (`海淀`) are completed from the hospital names
  (`海淀区`); a county value prefixed by its city is cut. County names are also
  taken from the start of hospital names (`平遥县人民医院` → `平遥县`,
  `长治市潞州区人民医院` → `潞州区`) when they follow a city name or occur in
  two names.
- **Curated** (`curated/places.tsv`, general knowledge): all province-level
  and prefecture-level divisions (full forms).
- Short forms: 省/市/自治区/壮族自治区/回族自治区/维吾尔自治区/特别行政区 (province),
  市/自治州 (with the ethnic names)/地区/盟/林区 (city), 县/区/旗/市/自治县/新区
  (county) are stripped when at least two characters remain. Short forms that
  are common words (`和平`, `光明`, `城关` …, `curated/places_short_exclude.tsv`)
  are left out; a short form claimed by several places goes to the highest level
  (province over city over county) and is dropped when that is still ambiguous.
"""

if __name__ == "__main__":
    main()
