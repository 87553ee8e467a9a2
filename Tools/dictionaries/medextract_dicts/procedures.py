"""PROCEDURE names from the ICD-9-CM-3 alphabetic index and THUOCL."""

import os
import re
from collections import Counter, defaultdict

from .clinical import build_clinical
from .cmekg import build_cmekg, build_cmekg_generic
from .core import CJK, HAS_LATIN, normalize, read_curated_list, read_tsv


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

    # national clinical edition: its codes win over the alphabetic index's
    clinical, clinical_origin = build_clinical(data, exclude)
    for s, code in clinical.items():
        rows[s] = ("PROCEDURE", "", code)
        origin[s] |= clinical_origin[s]
        icd_code[s] = code
    for s, how in build_cmekg(data).items():
        if s in exclude:
            continue
        if s not in rows:
            rows[s] = ("PROCEDURE", "", icd_code.get(s, ""))
        origin[s] |= how
    for s in build_cmekg_generic(data):
        if s not in rows and s not in exclude:
            rows[s] = ("IGNORE", "", "")
            origin[s].add("cmekg-generic")
    return rows, origin, icd_code

