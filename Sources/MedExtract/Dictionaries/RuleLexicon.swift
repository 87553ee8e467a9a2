/// A class of words the structural rules use (see `rule_lexicon.tsv`).
public enum RuleClass: String, CaseIterable, Sendable, Hashable {
    /// Head nouns of health-care institutions: 医院, 保健院, 卫生院, 分院, 院区 …
    case hospitalHead = "hospital-head"
    /// Name parts between a place and a head: 人民, 中医, 第一, 附属 …
    case hospitalQualifier = "hospital-qualifier"
    /// Words that make a hospital mention generic when they start it: 基层, 三甲, 该 …
    case hospitalGeneric = "hospital-generic"
    /// Parent organisations that may start a hospital name: 大学, 医学院, 解放军 …
    case organization
    /// Function words and verbs a name never extends across: 在, 来自, 与 …
    case stop
    /// Unit suffixes of departments: 科, 医学科, 室, 部, 中心, 门诊, 病房 …
    case departmentSuffix = "department-suffix"
    /// Specialty and function morphemes of department names: 骨, 脊柱, 微创, 护理 …
    case departmentMorpheme = "department-morpheme"
    /// Words ending in a department suffix that are not departments: 科室, 学科 …
    case departmentGeneric = "department-generic"
    /// Heads of procedure names: 术, 切除, 置换, 活检, 检查, 治疗 …
    case procedureHead = "procedure-head"
    /// Approaches, targets and actions of procedure names: 腹腔镜, 胰十二指肠, 经皮 …
    case procedureMorpheme = "procedure-morpheme"
    /// Procedure heads that say nothing on their own: 治疗, 检查, 技术, 手术 …
    case procedureGenericHead = "procedure-generic-head"
    /// Heads that only repeat a complete procedure name before them: 治疗, 检查.
    case procedureFollowUpHead = "procedure-follow-up-head"
    /// Last characters of disease words a procedure name may start with: 癌, 瘤, 炎 …
    case diseaseEnding = "disease-ending"
    /// Endings that close a complete procedure name: 术, 治疗.
    case procedureFinal = "procedure-final"
    /// Endings of surgery heads, which a disease name may stand before: 术 (乳腺癌手术).
    case surgeryFinal = "surgery-final"
    /// Words after 术 that make it part of a time word (术后, 术前, 术中): 后, 前, 中.
    case surgeryTime = "surgery-time"
    /// Qualifiers that extend a procedure name leftward but make no name on their
    /// own: 单孔, 3D, 高清, 人工, 左侧, 改良, 机器人辅助下 …
    case procedureQualifier = "procedure-qualifier"
    /// Setting words that name a kind of procedure: 急诊, 择期, 床旁 (急诊手术, 急诊PCI).
    case procedureSetting = "procedure-setting"
    /// Heads of technique names (技术), which a department name does not take.
    case techniqueHead = "technique-head"
    /// Heads that name a measurement or check: 检测, 监测, 检查, 测定 …
    case measurementHead = "measurement-head"
    /// What a measurement measures: 血压, 血糖, 视力, 体温 …
    case measurementTarget = "measurement-target"
    /// Verbs of a measurement that take its target after them: 测, 量, 测量, 检测 …
    case measurementVerb = "measurement-verb"
    /// Verbs of an operation that take its target after them: 切除, 植入, 置换 …
    case operationVerb = "operation-verb"
    /// Targets of an operation verb: organs, joints, lesions and implants (息肉, 髋关节, 支架 …).
    case operationTarget = "operation-target"
    /// Heads that name a procedure on their own: 造影, 透析, 消融, 麻醉.
    case procedureStandaloneHead = "procedure-standalone-head"

    /// The bit of this class in ``LexiconValue/classes``.
    public var bit: UInt32 { UInt32(1) << UInt32(RuleClass.allCases.firstIndex(of: self) ?? 0) }
}

/// The rule lexicon file format: `surface<TAB>class`, class one of
/// ``RuleClass``'s raw values; comments, BOM and CRLF as in dictionaries.
public enum RuleLexiconFile {
    /// The built-in rule lexicon's file name.
    public static let builtinName = "rule_lexicon.tsv"

    /// Parses the contents of a rule lexicon; `path` names it in errors.
    public static func parse(_ contents: String, path: String) throws(MedExtractError) -> [(surface: String, ruleClass: RuleClass)] {
        var words: [(surface: String, ruleClass: RuleClass)] = []
        for row in TSVReader.rows(contents) {
            guard row.fields.count == 2 else {
                throw .malformedDictionaryLine(path: path, line: row.line, reason: "expected 2 tab-separated columns (surface, class), found \(row.fields.count)")
            }
            let surface = row.fields[0].trimmingSpaces
            guard !surface.isEmpty else { throw .malformedDictionaryLine(path: path, line: row.line, reason: "empty surface") }
            guard let ruleClass = RuleClass(rawValue: String(row.fields[1].trimmingSpaces)) else {
                throw .malformedDictionaryLine(path: path, line: row.line, reason: "unknown class '\(row.fields[1])'")
            }
            words.append((String(surface), ruleClass))
        }
        return words
    }
}
