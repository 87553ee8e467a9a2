"""PROCEDURE (examinations, laboratory tests, treatments) and DEPARTMENT names
from CMeKG (PyCMeKG 0.2.5, MIT).

`procedure_terms.tsv` is noisy: its lab_test values include analytes
(`血糖`, `血红蛋白`), its treatment values care advice (`戒烟`, `休息`) and drug
classes. A term is kept only when

* it has no separator (`，、；`), no brackets, and 2-16 characters;
* it ends in a procedure head (``PROC_HEAD``), or, for exam/lab_test kinds, in
  a test head (``TEST_HEAD``: 常规, 功能, 培养, 试验 …) — analytes never end in
  one of these;
* it is not a bare head or a generic modifier + head (``GENERIC``:
  `实验室检查`, `手术治疗`, `药物治疗`, `对症治疗`, `抗感染治疗` …): these name
  no procedure;
* a treatment-only term is not a drug-class therapy (`抗…治疗`, `…激素治疗`).

`X检查` also gives `X` when X names the exam by its record or modality
(`肾图检查` -> `肾图`, `头颅CT检查` -> `头颅CT`).

`exam_entities.tsv` subjects are examinations by construction (they carry a
所属分类); they pass the same length, separator and generic filters, and need
no head. `department_terms.tsv` values ending in 科 are departments.
"""

import os
import re
from collections import defaultdict

from .core import CJK, normalize, read_tsv

PROC_HEAD = re.compile(
    "(术|检查|检测|测定|测量|造影|监护|监测|插管|置换|移植|治疗|疗法|镜检|活检|穿刺|透析|通气|复苏|输血|"
    "输注|引流|麻醉|扫描|成像|摄片|平片|胸片|超声|彩超|B超|CT|MRI|电图|心动图|描记|显像|消融|照射|反搏|"
    "灌肠|洗胃|导尿|吸氧|氧疗|起搏|除颤|置管|切除|切开|修补|吻合|缝合|针灸|艾灸|拔罐|推拿|刮痧|化疗|放疗)$"
)
# (not 功能: 肾功能, 肺功能 name the body function as often as the test)
TEST_HEAD = re.compile("(常规|培养|试验|计数|染色|分析|筛查|涂片|象检查|定量|定性)$")
# a modifier that with a head names no particular procedure
GENERIC = re.compile(
    "^(实验室|影像学?|辅助|其他|其它|相关|常规|一般|临床|特殊|专科|综合|系统|全面|必要|进一步|定期|"
    "手术|外科|内科|药物|局部|全身|保守|支持|对症|病因|病原|原发病|基础|早期|积极|规范|个体化|联合|"
    "非手术|非药物|中医|西医|中西医|中西医结合|中药|西药|替代|辅助性|姑息|根治|对症支持|一般支持|"
    "康复|营养|饮食|心理|行为|物理|化学|生物|免疫|靶向|内分泌|激素|抗感染|抗病毒|抗菌|抗炎|抗凝|"
    "抗生素|抗肿瘤|降压|降糖|止痛|镇痛|手术前|术前|术后|治疗前|治疗后|体格|化验|生化|病理|实验|"
    "器械|仪器|有创|无创|微创|介入|血液|尿液|粪便|体液|分子生物学|遗传学|细胞学|组织学|病原学|"
    "血清学|免疫学|细菌学|病毒学|血液学|生物化学|电生理|功能|诊断性|诊断|预防性|预防|紧急|急诊|急救|"
    ")?(检查|治疗|疗法|手术|检测|化验|处理|措施|诊疗|诊治|处置|疗程)$"
)
DRUG_THERAPY = re.compile("^(抗|降|升|止|利尿|补|口服|静脉用|外用|局部用|肌注|激素|糖皮质激素|.*药物?)|(激素|药)(治疗|疗法)$")


# 2-character names that are a procedure on their own; other bare heads
# (切除, 造影, 麻醉, 超声, 常规 …) name no procedure without a target
SHORT_OK = {"透析", "输血", "化疗", "放疗", "针灸", "艾灸", "洗胃", "吸氧", "氧疗", "彩超", "B超", "CT", "MRI", "OCT", "胸片"}
# a treatment-only `X治疗`/`X疗法` must name its method in X
METHOD = re.compile(
    "(激光|射频|微波|冷冻|热|光动力|高压氧|放射|放|化学|介入|透析|基因|细胞|靶向|雾化|针刺|手法|牵引|电刺激|"
    "磁|超声|光|溶栓|消融|栓塞|置换|吸入|灌注|输注|注射|封闭|音乐|作业|言语|氧|血浆|移植|起搏|支架|"
    "球囊|内镜|腔镜|针灸|推拿|艾灸|拔罐|刮痧|理疗|透热|离子导入|电|蜡|水|冲击波|粒子|质子|重离子)$")
DISEASE_END = re.compile("(症|病|炎|瘤|癌|痛|伤|期|灶|疾病|综合征|感染|损害|出血|血栓|骨折|畸形|衰竭)$")


def _ok_shape(t):
    if re.search("[，、；,;:：/()（）\"“”\\[\\]]", t) or re.search("(及|和|与|或|的|等|某些|一般|自检|随访|可疑|不|进行|利用|应用|采用|需要|建议|联合|住院|门诊|退热|试验性|传统|经典)", t):
        return False
    if not (2 <= len(t) <= 16):
        return False
    return bool(re.fullmatch("[" + CJK + "0-9A-Za-z\\-]+", t))


def _ok_head(t, kinds):
    """The head has a real target or method in front of it."""
    if re.fullmatch("[A-Za-z0-9\\-]+(成像|技术)", t):
        return False  # MRI成像: the modality is the name
    if len(t) == 2 or (len(t) <= 3 and re.fullmatch("[A-Z]+", t)):
        return t in SHORT_OK
    m = PROC_HEAD.search(t) or TEST_HEAD.search(t)
    stem = t[: m.start()] if m else t
    if t.endswith("术") and (PROC_HEAD.fullmatch(t[:-1]) or len(t) <= 3):
        return False  # 切除术, 修复术: an action without a target
    if not stem:
        return False
    if re.search("(治疗|疗法)$", t):
        if DISEASE_END.search(stem):
            return False  # a disease followed by a bare 治疗
        if kinds <= {"treatment", "chemotherapy", "anaesthesia"} and not METHOD.search(stem):
            return False
    return True


def _short_forms(t):
    """`X检查` -> `X` when X already names the examination by its record or
    modality (肾图检查 -> 肾图, 静脉尿路造影检查 -> 静脉尿路造影, 头颅CT检查 -> 头颅CT)."""
    m = re.match("^(.{2,}(?:电图|图|造影|CT|MRI|B超|彩超|超声|心动图|扫描|显像))(?:检查|检测)$", t)
    if m and not GENERIC.match(m.group(1) + "检查"):
        return [m.group(1)]
    return []


def build_cmekg(data):
    """surface -> origin set, for CMeKG procedure and exam names."""
    _, terms = read_tsv(os.path.join(data, "cmekg_medical_kg", "procedure_terms.tsv"))
    _, exams = read_tsv(os.path.join(data, "cmekg_medical_kg", "exam_entities.tsv"))
    out = defaultdict(set)
    for r in terms:
        t, kinds, sep = normalize(r[0]), set(r[1].split("|")), r[4]
        if sep == "yes" or not _ok_shape(t) or GENERIC.match(t):
            continue
        testy = bool(kinds & {"exam", "lab_test", "imaging", "pathology", "endoscopy"})
        if not (PROC_HEAD.search(t) or (testy and TEST_HEAD.search(t))):
            continue
        if kinds <= {"treatment", "chemotherapy"} and DRUG_THERAPY.search(t):
            continue
        if not _ok_head(t, kinds):
            continue
        out[t].add("cmekg-terms")
        for v in _short_forms(t):
            out[v].add("cmekg-variant")
    for r in exams:
        t = normalize(r[0])
        if not _ok_shape(t) or GENERIC.match(t):
            continue
        if not (PROC_HEAD.search(t) or TEST_HEAD.search(t)) or not _ok_head(t, {"exam"}):
            continue
        out[t].add("cmekg-exams")
        for v in _short_forms(t):
            out[v].add("cmekg-variant")
    return out


# the modifiers that leave a head bare (not 微创, 根治, 靶向, 血液 …: those name a kind)
BARE_MODIFIER = re.compile(
    "^(实验室|影像学?|辅助|相关|常规|一般|临床|特殊|专科|综合|系统|全面|进一步|药物|局部|全身|保守|支持|"
    "对症|对症支持|病因|基础|规范化?|个体化|非手术|非药物|西医|中医|内科|外科|联合|替代|急救|紧急|术后)"
    "(检查|检测|治疗|疗法|处理|措施)$")


def build_cmekg_generic(data):
    """CMeKG terms that are a generic modifier + bare head (实验室检查, 手术治疗,
    药物治疗): IGNORE entries, they name no procedure."""
    _, terms = read_tsv(os.path.join(data, "cmekg_medical_kg", "procedure_terms.tsv"))
    out = set()
    for r in terms:
        t = normalize(r[0])
        if r[4] != "yes" and 4 <= len(t) <= 8 and re.fullmatch("[" + CJK + "]+", t) and BARE_MODIFIER.match(t):
            out.add(t)
    return out


def build_cmekg_departments(data):
    """Department names (ending in 科) from department_terms.tsv."""
    _, rows = read_tsv(os.path.join(data, "cmekg_medical_kg", "department_terms.tsv"))
    return [normalize(r[0]) for r in rows if normalize(r[0]).endswith("科") and _ok_shape(normalize(r[0]))]
