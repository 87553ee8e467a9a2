import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// One expected figure: the text, the span it must contain, and its meaning.
struct FigureCase: Sendable, CustomTestStringConvertible {
    var text: String
    var span: String
    var kind: FigureKind
    var value: Double?
    var high: Double?
    var unit: String?
    var qualifier: FigureQualifier?

    init(_ text: String, _ span: String, _ kind: FigureKind, _ value: Double?, high: Double? = nil,
         unit: String?, _ qualifier: FigureQualifier? = nil) {
        self.text = text
        self.span = span
        self.kind = kind
        self.value = value
        self.high = high
        self.unit = unit
        self.qualifier = qualifier
    }

    var testDescription: String { "\(span) in \(text)" }
}

@Suite("FIGURE recogniser")
struct FigureTests {
    static let extractor: MedExtractor? = try? MedExtractor(configuration: ExtractorConfiguration(includeBuiltinDictionaries: false))

    static func figures(_ text: String) -> [Entity] {
        (extractor?.extract(from: text) ?? []).filter { $0.label == .figure }
    }

    static let positives: [FigureCase] = [
        // counts
        FigureCase("周末，180余名居民参加义诊", "180余名", .count, 180, unit: "名", .moreThan),
        FigureCase("上午共安排2台关节手术", "2台", .count, 2, unit: "台"),
        FigureCase("全体护士等300 余人参加培训", "300 余人", .count, 300, unit: "人", .moreThan),
        FigureCase("联盟已吸纳80余家基层机构", "80余家", .count, 80, unit: "家", .moreThan),
        FigureCase("开放床位 65 张。", "65 张", .count, 65, unit: "张"),
        FigureCase("邀请六位护理骨干授课", "六位", .count, 6, unit: "位"),
        FigureCase("为两名患者进行了手术", "两名", .count, 2, unit: "名"),
        FigureCase("药学部等12个相关科室", "12个", .count, 12, unit: "个"),
        FigureCase("全市参保人数 400 多\n\n万。", "400 多\n\n万", .count, 4_000_000, unit: nil, .moreThan),
        FigureCase("全国每年新发病例超 12 万例，", "超 12 万例", .count, 120_000, unit: "例", .moreThan),
        FigureCase("完成 1 个疗程的化疗", "1 个疗程", .count, 1, unit: "疗程"),
        FigureCase("东西南北四地的社区", "四地", .count, 4, unit: "地"),
        FigureCase("重点打造两大学科群", "两大", .count, 2, unit: "大"),
        FigureCase("病房墙上挂着六面锦旗", "六面", .count, 6, unit: "面"),
        FigureCase("老人每周复诊一次，即可", "一次", .count, 1, unit: "次"),
        FigureCase("活动周共有七\n\n场健康讲座", "七\n\n场", .count, 7, unit: "场"),
        FigureCase("医院完成手术1.5万台", "1.5万台", .count, 15_000, unit: "台"),
        FigureCase("共有二三十名医生参加", "二三十名", .count, 20, high: 30, unit: "名"),
        FigureCase("近百名专家", "近百名", .count, 100, unit: "名", .lessThan),
        FigureCase("接诊千余人次", "千余人次", .count, 1000, unit: "人次", .moreThan),
        FigureCase("累计培训1万余名学员", "1万余名", .count, 10_000, unit: "名", .moreThan),
        FigureCase("共有 48 支代表队参赛", "48 支", .count, 48, unit: "支"),
        // measures
        FigureCase("医疗队跋涉2000公里抵达", "2000公里", .measure, 2000, unit: "km"),
        FigureCase("术中失血不到10 毫升。", "不到10 毫升", .measure, 10, unit: "mL", .lessThan),
        FigureCase("累计输液15000mL，", "15000mL", .measure, 15000, unit: "mL"),
        FigureCase("累计输液15000 mL，", "15000 mL", .measure, 15000, unit: "mL"),
        FigureCase("伤口只有 0.5cm，恢复快", "0.5cm", .measure, 0.5, unit: "cm"),
        FigureCase("水温控制在50-70℃之间", "50-70℃", .measure, 50, high: 70, unit: "℃"),
        FigureCase("引流量不到 100ml，", "不到 100ml", .measure, 100, unit: "mL", .lessThan),
        FigureCase("肿物直径 5cm 左右，", "5cm 左右", .measure, 5, unit: "cm", .approximately),
        FigureCase("心率120次/分", "120次/分", .measure, 120, unit: "次/分"),
        FigureCase("体温38.5℃", "38.5℃", .measure, 38.5, unit: "℃"),
        FigureCase("血压180/100mmHg", "180/100mmHg", .measure, 180, unit: "mmHg"),
        FigureCase("血糖7.8mmol/L", "7.8mmol/L", .measure, 7.8, unit: "mmol/L"),
        FigureCase("步行5至10公里", "5至10公里", .measure, 5, high: 10, unit: "km"),
        // percents
        FigureCase("70%病人三年内好转", "70%", .percent, 70, unit: "%"),
        FigureCase("早期发现的病人90%以上能痊愈", "90%以上", .percent, 90, unit: "%", .atLeast),
        FigureCase("达标率只有 30%-40%，", "30%-40%", .percent, 30, high: 40, unit: "%"),
        FigureCase("患者中约\n\n80%是老人", "约\n\n80%", .percent, 80, unit: "%", .approximately),
        FigureCase("占百分之三十的比例", "百分之三十", .percent, 30, unit: "%"),
        FigureCase("下降了2个百分点", "2个百分点", .percent, 2, unit: "百分点"),
        // durations
        FigureCase("检测结果24小时内发出", "24小时", .duration, 24, unit: "小时"),
        FigureCase("连续工作四个半小\n\n时，终于完成", "四个半小\n\n时", .duration, 4.5, unit: "小时"),
        FigureCase("他行医近\n\n20 年，经验丰富", "近\n\n20 年", .duration, 20, unit: "年", .lessThan),
        FigureCase("从事护理工作三十余年的护士长", "三十余年", .duration, 30, unit: "年", .moreThan),
        FigureCase("讲座持续两个半小时", "两个半小时", .duration, 2.5, unit: "小时"),
        FigureCase("70%病人三年内好转", "三年", .duration, 3, unit: "年"),
        FigureCase("培训为期一天，", "一天", .duration, 1, unit: "天"),
        FigureCase("志愿者集训了一个月", "一个月", .duration, 1, unit: "月"),
        FigureCase("半年前，这位老人开始咳嗽", "半年", .duration, 0.5, unit: "年"),
        FigureCase("孩子住院10天后康复出院", "10天", .duration, 10, unit: "天"),
        FigureCase("等待了5个\n\n小时，", "5个\n\n小时", .duration, 5, unit: "小时"),
        FigureCase("从发病到入院不到 1 个小时", "不到 1 个小时", .duration, 1, unit: "小时", .lessThan),
        FigureCase("建院十周\n\n年，全院职工", "十周\n\n年", .duration, 10, unit: "周年"),
        FigureCase("王阿姨腰痛20余年，", "20余年", .duration, 20, unit: "年", .moreThan),
        FigureCase("出院两个月后，王阿姨", "两个月", .duration, 2, unit: "月"),
        FigureCase("住院三年半", "三年半", .duration, 3.5, unit: "年"),
        FigureCase("住院一个多月", "一个多月", .duration, 1, unit: "月", .moreThan),
        FigureCase("连续三年获得A级", "三年", .duration, 3, unit: "年"),
        FigureCase("每3~5天复查", "3~5天", .duration, 3, high: 5, unit: "天"),
        FigureCase("大约3周后复查", "大约3周", .duration, 3, unit: "周", .approximately),
        FigureCase("确保患者在黄金一小时内", "一小时", .duration, 1, unit: "小时"),
        // ages
        FigureCase("68岁的李奶奶", "68岁", .age, 68, unit: "岁"),
        FigureCase("面向全市18岁以下的儿童", "18岁以下", .age, 18, unit: "岁", .atMost),
        FigureCase("二十多岁的年轻人", "二十多岁", .age, 20, unit: "岁", .moreThan),
        // dates
        FigureCase("4 月 15 日上午，市卫健委", "4 月 15 日", .date, 4.15, unit: "日"),
        FigureCase("启动2023 年“优秀护士”评选", "2023 年", .date, 2023, unit: "年"),
        FigureCase("2023 年 5 月，市妇幼保健院", "2023 年 5 月", .date, 2023, unit: "月"),
        FigureCase("除夕前一天，腊月二十八，", "腊月二十八", .date, 12.28, unit: "日"),
        FigureCase("春节当天，大年初一，", "大年初一", .date, 1.01, unit: "日"),
        FigureCase("医院召开2024年度药事工作会", "2024年度", .date, 2024, unit: "年度"),
        FigureCase("六月的校园，绿树成荫", "六月", .date, 6, unit: "月"),
        FigureCase("在“2023 全国护理管理论坛”上", "2023", .date, 2023, unit: "年"),
        FigureCase("全市启动了2023\n\n年度家庭医生签约", "2023\n\n年度", .date, 2023, unit: "年度"),
        FigureCase("2021-2023年期间", "2021-2023年", .date, 2021, high: 2023, unit: "年"),
        FigureCase("二〇二三年春", "二〇二三年", .date, 2023, unit: "年"),
        FigureCase("于2023年10月9日开幕", "2023年10月9日", .date, 2023, unit: "日"),
        FigureCase("3月份以来", "3月份", .date, 3, unit: "月"),
        FigureCase("今年1-6月，门诊量增长", "1-6月", .date, 1, high: 6, unit: "月"),
        FigureCase("会议于6月22日-24日举行", "6月22日-24日", .date, 6.22, high: 6.24, unit: "日"),
        FigureCase("用时2分30秒", "2分30秒", .duration, 2.5, unit: "分钟"),
        FigureCase("他从医30载", "30载", .duration, 30, unit: "年"),
        // times
        FigureCase("上午9:55，患者入院", "9:55", .time, 9 + 55.0 / 60, unit: "时"),
        FigureCase("晚上22点，值班医生查房", "22点", .time, 22, unit: "时"),
        FigureCase("上午10时，会议开始", "10时", .time, 10, unit: "时"),
        FigureCase("凌晨三点半，手术结束", "三点半", .time, 3.5, unit: "时"),
        FigureCase("8点30分开始", "8点30分", .time, 8.5, unit: "时"),
        FigureCase("下午15点整到达", "15点整", .time, 15, unit: "时"),
        // compounds and big numbers
        FigureCase("手术历时3小时40分钟", "3小时40分钟", .duration, 3 + 40.0 / 60, unit: "小时"),
        FigureCase("患儿3岁6个月", "3岁6个月", .age, 3.5, unit: "岁"),
        FigureCase("至今已有25个年头", "25个年头", .duration, 25, unit: "年"),
        FigureCase("高血压患者约2.45亿", "约2.45亿", .count, 245_000_000, unit: nil, .approximately),
        FigureCase("住院一两天", "一两天", .duration, 1, high: 2, unit: "天"),
        // money
        FigureCase("捐赠5万元", "5万元", .money, 50_000, unit: "元"),
        FigureCase("费用约300元", "约300元", .money, 300, unit: "元", .approximately),
    ]

    @Test(arguments: positives)
    func recognises(_ c: FigureCase) throws {
        let found = Self.figures(c.text)
        let entity = try #require(found.first { $0.text == c.span }, "found: \(found.map(\.text))")
        let figure = try #require(entity.attributes.figure)
        #expect(figure.kind == c.kind)
        if let value = c.value {
            #expect(abs((figure.value ?? .nan) - value) <= 1e-6 * max(1, abs(value)), "value \(String(describing: figure.value))")
        } else {
            #expect(figure.value == nil)
        }
        #expect(figure.high == c.high)
        #expect(figure.unit == c.unit)
        #expect(figure.qualifier == c.qualifier)
        #expect(entity.attributes.source == "rule")
        // The span is where the text says it is.
        let scalars = Array(c.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[entity.scalarOffsets])) == c.span)
    }

    /// Texts with a number in them that has no figure at all.
    static let negatives: [String] = [
        "一位医生说", "一场盛会", "一名患者", "新的一年", "荣获第二名", "术后第 5天", "首批", "第四届", "第一",
        "5G远程手术", "二十大", "十四五规划", "1+N模式", "三会一课", "T4N3M0", "Lenke3CN", "3D打印",
        "四级手术", "三级甲等医院", "三甲", "5.12汶川地震", "4.14玉树地震", "三五成群", "千里迢迢", "万千",
        "百年名院", "一带一路", "一线", "一体化", "统一", "唯一", "一些", "一起", "一直", "一定", "十分",
        "万一", "一流", "一年级", "2024 级学生", "初一学生", "COVID-19患者", "ICD-10编码", "H7N9",
        "共30", "是一次难得的机会", "一次性付清", "上半年", "半月板损伤", "十大名医",
        "四面八方", "90后", "二次感染", "二项分布", "十万火急", "三倍体", "一元化", "3点建议", "12床患者", "增速保持两位数", "3号楼", "2型糖尿病", "12345热线", "120急救", "有一天", "千万不要",
    ]

    @Test(arguments: negatives)
    func rejects(_ text: String) {
        #expect(Self.figures(text).map(\.text) == [])
    }

    /// The scan's table of units a number can start at agrees with the
    /// predicate for every code unit.
    @Test func numberStartTableMatchesThePredicate() {
        let table = FigureScanner.numberStarts
        let mismatched = (0 ... 0xFFFF).filter { u in
            (table[u >> 6] & (1 << UInt64(u & 63)) != 0) != FigureScanner.startsNumber(UInt16(u))
        }
        #expect(mismatched.isEmpty)
        #expect(FigureScanner.startsNumber(0x35) && FigureScanner.startsNumber(0x4E09) && FigureScanner.startsNumber(0x534A))
        #expect(!FigureScanner.startsNumber(0x533B))
    }

    @Test func boundWordsOutsideTheSpan() {
        #expect(Self.figures("三年内复发").map(\.text) == ["三年"])
        #expect(Self.figures("24小时内共计接诊").map(\.text) == ["24小时"])
        #expect(Self.figures("一年来，与社区").map(\.text) == ["一年"])
        #expect(Self.figures("共48人参加").map(\.text) == ["48人"])
        #expect(Self.figures("最近3年").map(\.text) == ["3年"])
        #expect(Self.figures("接近90%").map(\.text) == ["90%"])
    }

    @Test func timeOfDayWordIsNotPartOfADate() {
        let text = "4月 15日上午，市体育馆"
        let found = Self.figures(text)
        #expect(found.map(\.text) == ["4月 15日"])
        #expect(found.first?.scalarOffsets == 0 ..< 6)
    }

    @Test func severalFiguresInOneSentence() {
        let found = Self.figures("病区现有职工 42\n\n人，其中医生 14人，护士 28人。")
        #expect(found.map(\.text) == ["42\n\n人", "14人", "28人"])
        #expect(found.compactMap(\.attributes.figure?.value) == [42, 14, 28])
    }

    @Test func numberInsideADictionaryNameIsNotAFigure() throws {
        let extractor = try MedExtractor(configuration: ExtractorConfiguration(
            userEntries: [DictionaryEntry(surface: "解放军总医院第七医学中心", label: .entity(.hospital))],
            includeBuiltinDictionaries: false
        ))
        let entities = extractor.extract(from: "解放军总医院第七医学中心的3名专家")
        #expect(entities.map(\.text) == ["解放军总医院第七医学中心", "3名"])
    }

    @Test func chineseNumeralValues() {
        let cases: [(String, Double)] = [
            ("三十余", 30), ("两", 2), ("四个半", 4.5), ("一百二十", 120), ("1.5万", 15000), ("31万", 310_000),
            ("0.5", 0.5), ("两千", 2000), ("廿", 20), ("廿八", 28), ("一百零五", 105), ("三万五千", 35000),
            ("一万二", 12000), ("十二", 12), ("二〇二三", 2023), ("十万", 100_000), ("一亿三千万", 130_000_000),
        ]
        for (text, value) in cases {
            #expect(ChineseNumeral.value(of: text) == value, "\(text)")
        }
        for text in ["十四五", "三五", "千百", "十十", "", "abc"] {
            #expect(ChineseNumeral.value(of: text) == nil, "\(text)")
        }
    }

    @Test func malformedUnitsFileThrows() {
        #expect(throws: MedExtractError.self) { try FigureRecognizer(unitsFile: "个\tcount\n", path: "x.tsv") }
        #expect(throws: MedExtractError.self) { try FigureRecognizer(unitsFile: "个\tbogus\t个\n", path: "x.tsv") }
        #expect(throws: MedExtractError.self) { try FigureRecognizer(unitsFile: "个\tcount\t个\tweird\n", path: "x.tsv") }
    }

    @Test func builtinUnitsLoad() throws {
        let units = try FigureUnits.builtin()
        #expect(units.units.contains { $0.surface == "毫升" && $0.canonical == "mL" && $0.kind == .measure })
        #expect(units.units.contains { $0.surface == "例" && $0.kind == .count })
        #expect(!units.units.contains { $0.surface == "把" })
    }

    @Test func neverTrapsOnOddInput() throws {
        let recognizer = try FigureRecognizer()
        let pool = Array("0123456789.-/:%~ 一二两三十百千万亿零〇廿半余多几个月年日号点时分之第初腊大正度岁名cmL℃以上下左右约近超不到".utf16)
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 2000 {
            let length = Int.random(in: 0 ... 12, using: &generator)
            let units = (0 ..< length).map { _ in pool[Int.random(in: 0 ..< pool.count, using: &generator)] }
            for found in recognizer.figures(in: units) {
                #expect(found.start >= 0 && found.start < found.end && found.end <= units.count)
            }
        }
        // Edges: numbers and bounds at the very start and end.
        for text in ["1", "一", "半", "2023", "约", "12:", "12:3", "3月", "百分之", "腊月", "1/", "5-", "第"] {
            let units = Array(text.utf16)
            for found in recognizer.figures(in: units) {
                #expect(found.end <= units.count)
            }
        }
    }
}
