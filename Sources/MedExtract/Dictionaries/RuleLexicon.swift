/// A class of words the structural rules use (see `rule_lexicon.tsv`).
enum RuleClass: String, CaseIterable, Sendable, Hashable {
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

    /// The bit of this class in ``LexiconValue/classes``.
    var bit: UInt16 { UInt16(1) << UInt16(RuleClass.allCases.firstIndex(of: self) ?? 0) }
}

/// The rule lexicon file format: `surface<TAB>class`, class one of
/// ``RuleClass``'s raw values; comments, BOM and CRLF as in dictionaries.
enum RuleLexiconFile {
    /// The built-in rule lexicon's file name.
    static let builtinName = "rule_lexicon.tsv"

    /// Parses the contents of a rule lexicon; `path` names it in errors.
    static func parse(_ contents: String, path: String) throws(MedExtractError) -> [(surface: String, ruleClass: RuleClass)] {
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
