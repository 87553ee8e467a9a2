/// What a figure counts or measures.
public enum FigureKind: String, CaseIterable, Sendable, Hashable, Codable {
    /// A number of things: `260余名`, `2台`, `六位`.
    case count
    /// A physical measure: `2000公里`, `10毫升`, `50-70℃`.
    case measure
    /// A percentage: `70%`, `30%-40%`.
    case percent
    /// A length of time: `24小时`, `三十余年`.
    case duration
    /// An age: `71岁`.
    case age
    /// A calendar date or year: `6月22日`, `2023年`, `腊月二十八`.
    case date
    /// A clock time: `9:55`, `22点`.
    case time
    /// An amount of money: `5万元`.
    case money
}

/// How a bound word written next to a figure qualifies its value.
public enum FigureQualifier: String, CaseIterable, Sendable, Hashable, Codable {
    /// `约`, `左右`, `上下`, `大约`: about the value.
    case approximately
    /// `余`, `多`, `超`, `超过`, `逾`: more than the value.
    case moreThan = "more-than"
    /// `以上`: the value or more.
    case atLeast = "at-least"
    /// `以下`, `以内`: the value or less.
    case atMost = "at-most"
    /// `近`, `将近`, `不到`, `不足`: less than (close to) the value.
    case lessThan = "less-than"
}

/// The parsed meaning of a FIGURE entity.
public struct Figure: Sendable, Hashable, Codable {
    /// What the figure counts or measures.
    public var kind: FigureKind
    /// The numeric value; for a range, its lower end. `nil` when no value can be computed.
    public var value: Double?
    /// The upper end of a range (`50-70℃` → 70); `nil` for a single value.
    public var high: Double?
    /// The second reading of a pair written with one unit (`120/80mmHg` →
    /// value 120, second 80: systolic and diastolic, not a range); `nil` otherwise.
    public var second: Double?
    /// The unit or classifier as written in canonical form (`年`, `mL`, `℃`, `名`); `nil` when none.
    public var unit: String?
    /// The bound written next to the figure, if any.
    public var qualifier: FigureQualifier?

    /// Creates a figure.
    public init(kind: FigureKind, value: Double?, high: Double? = nil, unit: String? = nil, qualifier: FigureQualifier? = nil,
                second: Double? = nil) {
        self.kind = kind
        self.value = value
        self.high = high
        self.unit = unit
        self.qualifier = qualifier
        self.second = second
    }
}
