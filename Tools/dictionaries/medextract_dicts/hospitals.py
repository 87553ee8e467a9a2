"""HOSPITAL names from covid2020_hospitals and the two Fudan lists, with
generated aliases; university names found in hospital names (IGNORE)."""

import os
import re
from collections import Counter, defaultdict

from .core import CJK, CN_NUM, NAME_OK, normalize, read_curated_list, read_tsv


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

    # names the Fudan rankings give one hospital in different years: the short
    # form of one year is the full name of another minus its parent institution
    # (南方医院 2009-2010, 南方医科大学南方医院 2011-): the short one is an alias
    years = defaultdict(set)
    for r in fudan:
        for name in expand_raw_name(r[4]):
            if name in official:
                years[name].add(r[0])
    renamed = {}
    for a in sorted(years):
        longer = [b for b in years if b != a and b.endswith(a) and not (years[a] & years[b])
                  and re.search("(附属|医学科学院|科学院|大学|医学院|中国人民解放军)$", b[: -len(a)])]
        if len(longer) == 1 and len(a) >= 4:
            renamed[a] = longer[0]

    # former names the lists give in brackets: 许昌医院（原许昌县人民医院） ->
    # 许昌县人民医院 is an alias of 许昌医院
    former = defaultdict(set)
    for _, value in raw:
        v = normalize(value)
        m = re.match(r"^(.+?)(?:\([^()]*\))*\(原([^()]+)\)$", v)
        if m:
            cur = [n for n in expand_raw_name(m.group(1)) if n in official]
            old = m.group(2)
            if len(cur) == 1 and old in official and old != cur[0]:
                former[old].add(cur[0])
    for old, cur in former.items():
        if len(cur) == 1 and old not in renamed:
            renamed[old] = next(iter(cur))

    rows = {}
    for name in official:
        rows[name] = ("HOSPITAL", renamed.get(name, ""), "")
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
        "aliases": len(rows) - len(official) + len(renamed),
        "renamed": len(renamed),
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

