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
    /// Numerals of numbered units (`骨科一病区`, `外二科`): 一 … 九, 十.
    case departmentOrdinal = "department-ordinal"
    /// One-character specialties of numbered units (`外二科`, `内一科`, `儿四科`):
    /// 内, 外, 儿, 妇, 骨 …
    case departmentShort = "department-short"
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
    /// Administrative levels written alone before a hospital name that stand
    /// for the document's own place: 省, 市, 县, 区 (`县人民医院`, `市第四医院`).
    case hospitalLevel = "hospital-level"
    /// Qualifiers that are proper names of their own, so that a bare
    /// `协和医院`, `同仁医院` names one institution: 协和, 同仁, 友谊, 湘雅 …
    case hospitalProperName = "hospital-proper-name"
    /// Heads that carry the type of the institution themselves, so that a
    /// level alone before them names one (`县中医院`): 中医院, 蒙医院, 藏医院.
    case hospitalTypedHead = "hospital-typed-head"
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
    /// Tails of an approach that cannot start a name without their guide: 引导下, 辅助下.
    case approachTail = "approach-tail"
    /// Words that make the procedure name after them part of a technology or
    /// system name (`5G远程手术示教`): 5G, 互联网 …
    case technologyPrefix = "technology-prefix"

    /// The bit of this class in a lexicon value's class set (its ordinal in `allCases`).
    @inline(__always)
    public var bit: UInt64 { UInt64(1) << UInt64(ordinal) }

    /// The case's position in `allCases`, without searching it: Swift stores
    /// a payload-free enum as the index of its case in declaration order,
    /// the order `allCases` lists (a test checks both agree).
    @inline(__always)
    var ordinal: Int { Int(withUnsafeBytes(of: self) { $0[0] }) }
}

/// The rule lexicon file format: `surface<TAB>class`, class one of
/// ``RuleClass``'s raw values; comments, BOM and CRLF as in dictionaries.
public enum RuleLexiconFile {
    /// The built-in rule lexicon's file name.
    public static let builtinName = "rule_lexicon.tsv"

    /// Parses the contents of a rule lexicon; `path` names it in errors.
    public static func parse(_ contents: String, path: String) throws(MedExtractError) -> [(surface: String, ruleClass: RuleClass)] {
        let pairs: [(word: String, wordClass: RuleClass)] = try ClassedWordFile.parse(contents, path: path, wordColumn: "surface")
        return pairs.map { (surface: $0.word, ruleClass: $0.wordClass) }
    }
}
