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
    /// Two-character words that begin with the last character of a department
    /// name and continue it into another word: 科学, 部长, 室友, 心城 (中心城区) …
    case departmentContinuation = "department-continuation"
    /// Three-character words that begin with the last character of a department
    /// name and show that it ends there after all: 科学科 (…外科 + 学科), 科技术.
    case departmentBoundary = "department-boundary"
    /// Last characters that make a department morpheme a whole name of its
    /// own before a connector (`妇产科和骨科`): 科, 部, 室, 诊.
    case departmentFinal = "department-final"
    /// Single characters that continue a procedure name ending in a Chinese
    /// character into another word: 组 (检查组), 室 (治疗室), 针 (活检针) …
    case procedureContinuation = "procedure-continuation"
    /// Hospital heads that carry a bare proper name without qualifiers:
    /// 分院, 院区, 诊所, 卫生院 … (`医院` is not one: `推动医院`).
    case hospitalNameHead = "hospital-name-head"
    /// Numerals of short hospital names (`长治二院`): 一 … 九, 十.
    case hospitalOrdinal = "hospital-ordinal"
    /// Two-character words starting with 院 that show `XX二院` is not a short
    /// hospital name: 院长, 院士, 院区, 院内 …
    case hospitalShortFormBlocker = "hospital-short-form-blocker"
    /// Endings of ignored organisation names that may still start a hospital
    /// name as its parent: 大学, 学院.
    case organizationSuffix = "organization-suffix"

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
