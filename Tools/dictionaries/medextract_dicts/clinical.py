"""PROCEDURE names from icd9cm3_clinical_v1 (手术操作分类代码国家临床版 1.x),
with their clinical codes (`51.2300`, `93.3500x012`).

The coding names are normalised to how running text writes a procedure:
coding qualifiers are cut (`NOS`, `[...]` notes, `(...)` sizes, a leading
`其他`, everything after a comma), names that are coding-style descriptions
rather than names are dropped (`的`, `或`, `未特指`, `伴`, `/` …), and the
everyday variants that name the same procedure are generated:

* a leading mode `无创`/`有创` dropped (`无创呼吸机辅助通气` -> `呼吸机辅助通气`);
* `置入` <-> `植入` (the standard writes 置入, news mostly 植入);
* an action + `术` also without `术` and with `手术` (`脾切除术` -> `脾切除`,
  `脾切除手术`), for the action heads in ``ACTION_HEADS``;
* `X治疗` -> `X` for the named TCM therapies of the 中医必选 subset when `X`
  itself ends in a therapy noun (`刮痧治疗` -> `刮痧`, `电针治疗` -> `电针`).

A name must end in a procedure head after cleaning (``HEAD``; assessments
and training - 评估, 训练 - and devices - 导管 - are not heads); the named
physical/TCM therapies of 93.39 (三伏贴, 三九贴) need none. Names shorter than 4
characters are kept only for therapies and tests (针灸, 刮痧, 心电图, 透析, 输血).
"""

import os
import re
from collections import defaultdict

from .core import CJK, normalize, read_curated_list, read_tsv

# heads a cleaned name must end in
HEAD = re.compile(
    "(术|切除|置换|置入|植入|成形|活检|造影|检查|治疗|疗法|移植|吻合|修补|缝合|切开|引流|插管|穿刺|透析|"
    "麻醉|扫描|监测|监护|测定|测量|描记|电图|心动图|镜检|显像|成像|照相|摄影|注射|输注|输血|通气|复苏|"
    "起搏|除颤|消融|栓塞|灌注|灌洗|冲洗|复位|固定|松解|结扎|扩张|封堵|减压|清创|剥离|摘除|刮除|取出|"
    "探查|重建|修复|矫正|去除|置管|导管|灸|推拿|刮痧|拔罐|针刺|电针|头针|火针|针刀|贴敷|热敷|熏蒸|熏洗|"
    "超声|射频|碎石|洗胃|导尿|灌肠|吸痰|吸氧|给氧|分娩|助产|接生|切片|筛查|反搏)$"
)
# action words before 术 that also stand alone / with 手术 in running text
ACTION_HEADS = (
    "切除", "置换", "成形", "移植", "修补", "吻合", "切开", "引流", "植入", "置入", "穿刺", "缝合",
    "复位", "固定", "融合", "消融", "剥除", "清除", "摘除", "重建", "修复", "矫正", "松解",
    "减压", "清创", "结扎", "分流", "搭桥", "碎石", "取石", "探查", "活检", "造口", "扩张", "封堵",
)
# (栓塞 is left out: 静脉栓塞, 肺栓塞 without 术 are diseases)
# qualifiers that mark a coding description rather than a name
DESCRIPTIVE = re.compile("(的|或|和|与|及|其他|未特指|特指|未提及|伴|用于|经由|除外|不包括|以外|任何|/|、|NOS|NEC|其他部位|多个|单个)")
# TCM therapy nouns: `X治疗` also as `X` when X ends in one of these
# (needle, blade and stone names - 火针, 针刀, 砭石 - are also instruments, so they keep their 治疗)
TCM_THERAPY = re.compile("(推拿|刮痧|拔罐|灸|捏脊|膏摩|放痧|撮痧|熏蒸|熏洗|埋线|烫熨)$")
# bare actions the spec does not tag on their own
BARE_TCM = {"贴敷", "冷敷", "热敷", "敷贴", "熏药", "淋洗", "塌渍"}


def clean_name(name):
    """A coding name as running text would write it, or '' when it is a
    description rather than a name."""
    s = normalize(name)
    s = re.sub(r"\[[^\]]*\]", "", s)
    s = re.sub(r"\([^()]*\)", "", s)
    s = re.sub(r"\([^()]*\)", "", s)
    s = re.split("[,，;；:：]", s)[0]
    s = re.sub("(NOS|NEC)$", "", s)
    s = re.sub("^其他(的)?", "", s)
    s = s.strip()
    if DESCRIPTIVE.search(s):
        return ""
    if not re.fullmatch("[" + CJK + "0-9A-Za-z\\-]+", s):
        return ""
    if not HEAD.search(s):
        return ""
    return s


def variants(s, tcm=False):
    """Everyday forms of one cleaned name (the name itself first)."""
    out = [s]
    # the ventilation/monitoring mode is a qualifier: 无创呼吸机辅助通气 is also 呼吸机辅助通气
    m = re.match("^(无创|有创)(.{4,})$", s)
    if m:
        out.append(m.group(2))
    if "置入" in s:
        out.append(s.replace("置入", "植入"))
    for v in list(out):
        for a in ACTION_HEADS:
            if v.endswith(a + "术") and len(v) - 1 >= 4:
                out.append(v[:-1])
                out.append(v[:-1] + "手术")
                break
    if tcm and s.endswith("治疗"):
        base = s[:-2]
        m = TCM_THERAPY.search(base)
        if len(base) >= 2 and m and base not in BARE_TCM:
            out.append(base)
            # the therapy noun of a disease-specific item (颈椎病推拿治疗 -> 推拿)
            if len(m.group(1)) >= 2 and m.group(1) not in BARE_TCM:
                out.append(m.group(1))
    seen, res = set(), []
    for v in out:
        if v not in seen:
            seen.add(v)
            res.append(v)
    return res


def code_key(code):
    """Order codes so that a base 6-digit code precedes its extensions."""
    return ("x" in code, code)


def build_clinical(data, exclude):
    """surface -> (code, kinds) for the national clinical edition."""
    _, rows = read_tsv(os.path.join(data, "icd9cm3_clinical_v1", "icd9cm3_clinical_v1_all.tsv"))
    found = defaultdict(list)  # surface -> [codes]
    origin = defaultdict(set)
    for r in sorted(rows, key=lambda r: code_key(r[0])):
        code, name, option = r[0], r[2], r[4]
        tcm = option == "中医必选"
        s = clean_name(name)
        short_ok = False
        if not s and code.startswith("93.39"):
            short_ok = True
            # named physical/TCM therapies without a head word (三伏贴)
            s = normalize(name) if re.fullmatch("[" + CJK + "]{3,8}", normalize(name)) else ""
        if not s:
            continue
        for k, v in enumerate(variants(s, tcm)):
            if v in exclude or v in BARE_TCM:
                continue
            # 2-3 character names only for therapies and tests (针灸, 刮痧, 心电图, 透析)
            if len(v) < 4 and not short_ok and not (TCM_THERAPY.search(v) or v == "针灸" or re.search("(电图|透析|插管|造影|活检|输血)$", v)):
                continue
            if len(v) > 24:
                continue
            found[v].append(code)
            origin[v].add("icd-clinical" if k == 0 else "icd-clinical-variant")
    codes = {s: sorted(c, key=code_key)[0] for s, c in found.items()}
    return codes, origin
