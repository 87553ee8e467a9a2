"""Place names derived from covid2020_hospitals (province/city/county columns
and hospital-name prefixes) plus curated/places.tsv.

Used only inside the build, to generate hospital aliases (`X省Y` -> `Y` needs
to know which `Y` start with a place name). The shipped gazetteer
`places.tsv` is NOT written here any more (see build_gazetteer.py)."""

import os
import re
import sys
from collections import Counter, defaultdict

from .core import CJK, normalize, read_curated, read_curated_list, read_tsv



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

