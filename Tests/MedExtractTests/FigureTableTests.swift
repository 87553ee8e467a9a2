import Foundation
import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// One row of the figure table: a sentence, the span of one figure in it and
/// everything the figure must carry.
struct FigureRow: Sendable, CustomTestStringConvertible {
    var text: String
    var span: String
    var kind: FigureKind
    var value: Double
    var high: Double?
    var second: Double?
    var unit: String?
    var qualifier: FigureQualifier?

    init(_ text: String, _ span: String, _ kind: FigureKind, _ value: Double, high: Double? = nil, second: Double? = nil,
         _ unit: String?, _ qualifier: FigureQualifier? = nil) {
        self.text = text
        self.span = span
        self.kind = kind
        self.value = value
        self.high = high
        self.second = second
        self.unit = unit
        self.qualifier = qualifier
    }

    var testDescription: String { "\(span) in \(text)" }
}

/// Issue 11: every number a reader of health news meets, with the right
/// value. All sentences are written for this table.
@Suite("FIGURE table")
struct FigureTableTests {
    static let extractor: MedExtractor? = try? MedExtractor(configuration: ExtractorConfiguration(includeBuiltinDictionaries: false))

    static func figures(_ text: String) -> [Entity] {
        (extractor?.extract(from: text) ?? []).filter { $0.label == .figure }
    }

    static let rows: [FigureRow] = [
        // Digit grouping
        FigureRow("去年共完成1,000例手术", "1,000例", .count, 1000, "例"),
        FigureRow("约10,000名志愿者报名", "约10,000名", .count, 10000, "名", .approximately),
        FigureRow("项目总投资12,345.6万元", "12,345.6万元", .money, 123_456_000, "元"),
        FigureRow("全省登记2,500,000人", "2,500,000人", .count, 2_500_000, "人"),
        FigureRow("设备采购花费3,200元", "3,200元", .money, 3200, "元"),
        FigureRow("病床从800张增至1,200张", "1,200张", .count, 1200, "张"),
        FigureRow("门诊量达15,000人次", "15,000人次", .count, 15000, "人次"),
        FigureRow("分别有3,4,5人入选", "5人", .count, 5, "人"),
        // Signs
        FigureRow("利润同比增长负3.9%", "负3.9%", .percent, -3.9, "%"),
        FigureRow("室外气温-5℃，注意保暖", "-5℃", .measure, -5, "℃"),
        FigureRow("夜里最低零下2℃", "零下2℃", .measure, -2, "℃"),
        FigureRow("冷库保持在零下18℃", "零下18℃", .measure, -18, "℃"),
        FigureRow("同比变化为-1.5%。", "-1.5%", .percent, -1.5, "%"),
        FigureRow("体温负担不重，仅37℃", "37℃", .measure, 37, "℃"),
        // Chinese numerals: decimals
        FigureRow("全程一千二百三十四点五六公里", "一千二百三十四点五六公里", .measure, 1234.56, "km"),
        FigureRow("这台机器重三点五吨", "三点五吨", .measure, 3.5, "t"),
        FigureRow("每天步行五点二公里", "五点二公里", .measure, 5.2, "km"),
        FigureRow("体重增加了二点五公斤", "二点五公斤", .measure, 2.5, "kg"),
        FigureRow("增幅达到十二点五%", "十二点五%", .percent, 12.5, "%"),
        // Chinese numerals: traditional forms
        FigureRow("院方派出三個醫療隊", "三個", .count, 3, "个"),
        FigureRow("住院兩個月後出院", "兩個月", .duration, 2, "月"),
        FigureRow("共募得三萬元善款", "三萬元", .money, 30000, "元"),
        FigureRow("累計服務一億人次", "一億人次", .count, 100_000_000, "人次"),
        FigureRow("孩子今年五歲", "五歲", .age, 5, "岁"),
        FigureRow("全長三點五公里", "三點五公里", .measure, 3.5, "km"),
        // Chinese numerals: 半 after a unit
        FigureRow("这批物资有一吨半", "一吨半", .measure, 1.5, "t"),
        FigureRow("康复训练持续了一年半", "一年半", .duration, 1.5, "年"),
        FigureRow("宝宝已经两个半月大", "两个半月", .duration, 2.5, "月"),
        FigureRow("买了一斤半鸡蛋", "一斤半", .measure, 1.5, "斤"),
        FigureRow("他走了三公里半", "三公里半", .measure, 3.5, "km"),
        FigureRow("孩子三岁半时确诊", "三岁半", .age, 3.5, "岁"),
        FigureRow("手术用了两个半小时", "两个半小时", .duration, 2.5, "小时"),
        // Chinese numerals: approximate
        FigureRow("每晚醒来数十次", "数十次", .count, 10, "次", .moreThan),
        FigureRow("坚守岗位几十年", "几十年", .duration, 10, "年", .moreThan),
        FigureRow("现场来了十几人", "十几人", .count, 10, "人", .moreThan),
        FigureRow("团队做过上千例手术", "上千例", .count, 1000, "例", .approximately),
        FigureRow("邀请了近百名专家", "近百名", .count, 100, "名", .lessThan),
        FigureRow("吸引数百人参加义诊", "数百人", .count, 100, "人", .moreThan),
        FigureRow("义诊服务上万人次", "上万人次", .count, 10000, "人次", .approximately),
        FigureRow("走访了几百户家庭", "几百户", .count, 100, "户", .moreThan),
        FigureRow("护理了二十几位老人", "二十几位", .count, 20, "位", .moreThan),
        // Ages by decade
        FigureRow("一位八旬老人摔倒", "八旬", .age, 80, "岁"),
        FigureRow("九旬老人突发胸痛", "九旬", .age, 90, "岁"),
        FigureRow("年过七旬仍坚持锻炼", "七旬", .age, 70, "岁"),
        FigureRow("六旬患者术后恢复良好", "六旬", .age, 60, "岁"),
        // Shares
        FigureRow("约占总人口的三分之一", "三分之一", .percent, 33.3, "%"),
        FigureRow("有五分之二的病例", "五分之二", .percent, 40, "%"),
        FigureRow("超过三成患者复发", "超过三成", .percent, 30, "%", .moreThan),
        FigureRow("八成以上的家庭受益", "八成以上", .percent, 80, "%", .atLeast),
        FigureRow("近四分之三的床位已满", "近四分之三", .percent, 75, "%", .lessThan),
        FigureRow("两成居民有此习惯", "两成", .percent, 20, "%"),
        FigureRow("仅一成患者需要再次住院", "一成", .percent, 10, "%"),
        FigureRow("七八成的床位已满", "七八成", .percent, 70, high: 80, "%"),
        FigureRow("每片含零点五毫克", "零点五毫克", .measure, 0.5, "mg"),
        FigureRow("十分之一的样本异常", "十分之一", .percent, 10, "%"),
        FigureRow("约3分之2的患者好转", "约3分之2", .percent, 66.7, "%", .approximately),
        FigureRow("患病率为百分之十五", "百分之十五", .percent, 15, "%"),
        FigureRow("仅有千分之三", "千分之三", .percent, 3, "‰"),
        // Compound and vital-sign units
        FigureRow("入院时脉搏96次/min，", "96次/min", .measure, 96, "次/分"),
        FigureRow("呼吸20次/分，律齐", "20次/分", .measure, 20, "次/分"),
        FigureRow("心率110次/分钟", "110次/分钟", .measure, 110, "次/分"),
        FigureRow("空腹血糖6.1mmol/L", "6.1mmol/L", .measure, 6.1, "mmol/L"),
        FigureRow("血红蛋白98g/L，偏低", "98g/L", .measure, 98, "g/L"),
        FigureRow("测得血压120/80mmHg", "120/80mmHg", .measure, 120, second: 80, "mmHg"),
        FigureRow("血压高达190/110 mmHg", "190/110 mmHg", .measure, 190, second: 110, "mmHg"),
        FigureRow("身高168CM，体重60KG", "168CM", .measure, 168, "cm"),
        FigureRow("身高168CM，体重60KG", "60KG", .measure, 60, "kg"),
        FigureRow("每次抽血5ML", "5ML", .measure, 5, "mL"),
        FigureRow("肿块约3Cm大小", "约3Cm", .measure, 3, "cm", .approximately),
        FigureRow("每日服用500MG", "500MG", .measure, 500, "mg"),
        FigureRow("体温39.2℃", "39.2℃", .measure, 39.2, "℃"),
        FigureRow("白细胞12.5×10^9/L，", "12.5×10^9/L", .measure, 12.5, "×10^9/L"),
        FigureRow("体重指数28kg/m2", "28kg/m2", .measure, 28, "kg/m²"),
        FigureRow("测得压力15cmH2O", "15cmH2O", .measure, 15, "cmH2O"),
        FigureRow("切口长约2cm", "约2cm", .measure, 2, "cm", .approximately),
        // Currencies
        FigureRow("一盒药售价$20", "$20", .money, 20, "美元"),
        FigureRow("挂号费￥300起", "￥300", .money, 300, "元"),
        FigureRow("医保支出5306亿台币", "5306亿台币", .money, 530_600_000_000, "新台币"),
        FigureRow("一支只卖4人民币", "4人民币", .money, 4, "元"),
        FigureRow("耗资约¥1.5万", "约¥1.5万", .money, 15000, "元", .approximately),
        FigureRow("捐款300美元", "300美元", .money, 300, "美元"),
        FigureRow("花费两万多元", "两万多元", .money, 20000, "元", .moreThan),
        FigureRow("每人补贴5万元", "5万元", .money, 50000, "元"),
        FigureRow("门票€15，", "€15", .money, 15, "欧元"),
        // Dates: years
        FigureRow("医院始建于1899年", "1899年", .date, 1899, "年"),
        FigureRow("这所学堂1862年开办", "1862年", .date, 1862, "年"),
        FigureRow("2024年新增床位", "2024年", .date, 2024, "年"),
        FigureRow("2019年至2021年间", "2019年", .date, 2019, "年"),
        FigureRow("二〇一九年秋天", "二〇一九年", .date, 2019, "年"),
        FigureRow("2022年度先进个人", "2022年度", .date, 2022, "年度"),
        FigureRow("2016-2020年规划", "2016-2020年", .date, 2016, high: 2020, "年"),
        FigureRow("上世纪80年代建成", "80年代", .date, 1980, "年代"),
        FigureRow("进入21世纪以后", "21世纪", .date, 21, "世纪"),
        // Dates: numeric and labelled
        FigureRow("发布于2010.01.29的通知", "2010.01.29", .date, 2010, "日"),
        FigureRow("更新 29.09.2020 ，", "29.09.2020", .date, 2020, "日"),
        FigureRow("截至2021-03-15，", "2021-03-15", .date, 2021, "日"),
        FigureRow("日期：11-20 作者", "11-20", .date, 11.2, "日"),
        FigureRow("发布时间：05-23", "05-23", .date, 5.23, "日"),
        FigureRow("时间:3-8，地点", "3-8", .date, 3.08, "日"),
        // Dates: months and days
        FigureRow("会议于5月29、30日召开", "5月29", .date, 5.29, "日"),
        FigureRow("会议于5月29、30日召开", "30日", .date, 30, "日"),
        FigureRow("义诊定在12、13日", "12", .date, 12, "日"),
        FigureRow("义诊定在12、13日", "13日", .date, 13, "日"),
        FigureRow("3月8日上午举行", "3月8日", .date, 3.08, "日"),
        FigureRow("10月下旬开始接种", "10月", .date, 10, "月"),
        FigureRow("八月十五那天", "八月十五", .date, 8.15, "日"),
        FigureRow("5月3日至5日", "5月3日至5日", .date, 5.03, high: 5.05, "日"),
        FigureRow("2023年4月", "2023年4月", .date, 2023, "月"),
        FigureRow("于2021年6月1日启用", "2021年6月1日", .date, 2021, "日"),
        FigureRow("正月初八开工", "正月初八", .date, 1.08, "日"),
        FigureRow("今年1-3月，", "1-3月", .date, 1, high: 3, "月"),
        FigureRow("15日凌晨", "15日", .date, 15, "日"),
        // Times
        FigureRow("于当天14:45分送达", "14:45分", .time, 14.75, "时"),
        FigureRow("晚上11点多钟到家", "11点多钟", .time, 11, "时", .moreThan),
        FigureRow("跨年夜零点开始", "零点", .time, 0, "时"),
        FigureRow("今晨5点接到电话", "5点", .time, 5, "时"),
        FigureRow("约定11点3刻见面", "11点3刻", .time, 11.75, "时"),
        FigureRow("于16时40分50秒完成", "16时40分50秒", .time, 16 + 40.0 / 60 + 50.0 / 3600, "时"),
        FigureRow("上午8:30开诊", "8:30", .time, 8.5, "时"),
        FigureRow("下午三点半出发", "三点半", .time, 3.5, "时"),
        FigureRow("早上7点整集合", "7点整", .time, 7, "时"),
        FigureRow("18点准时开始", "18点", .time, 18, "时"),
        FigureRow("晚上八点一刻", "八点一刻", .time, 8.25, "时"),
        FigureRow("9:00-11:30开放", "9:00-11:30", .time, 9, high: 11.5, "时"),
        FigureRow("凌晨2时许", "2时", .time, 2, "时"),
        // Counts
        FigureRow("共有48名护士", "48名", .count, 48, "名"),
        FigureRow("三位专家会诊", "三位", .count, 3, "位"),
        FigureRow("全院12个科室", "12个", .count, 12, "个"),
        FigureRow("接诊300余人", "300余人", .count, 300, "人", .moreThan),
        FigureRow("新增两台设备", "两台", .count, 2, "台"),
        FigureRow("培训1万余名", "1万余名", .count, 10000, "名", .moreThan),
        FigureRow("年门诊量超过50万人次", "超过50万人次", .count, 500_000, "人次", .moreThan),
        FigureRow("患者约2.45亿", "约2.45亿", .count, 245_000_000, nil, .approximately),
        FigureRow("挂一次号", "一次", .count, 1, "次"),
        FigureRow("一二百名群众", "一二百名", .count, 100, high: 200, "名"),
        // Measures
        FigureRow("出血量不足10毫升", "不足10毫升", .measure, 10, "mL", .lessThan),
        FigureRow("切口仅1.5cm", "1.5cm", .measure, 1.5, "cm"),
        FigureRow("步行3-5公里", "3-5公里", .measure, 3, high: 5, "km"),
        FigureRow("水温40℃左右", "40℃左右", .measure, 40, "℃", .approximately),
        FigureRow("输液500 mL", "500 mL", .measure, 500, "mL"),
        // Percents
        FigureRow("治愈率达95%", "95%", .percent, 95, "%"),
        FigureRow("90%以上的患者", "90%以上", .percent, 90, "%", .atLeast),
        FigureRow("占比20%-30%", "20%-30%", .percent, 20, high: 30, "%"),
        FigureRow("提高了3个百分点", "3个百分点", .percent, 3, "百分点"),
        FigureRow("下降约5‰", "约5‰", .percent, 5, "‰", .approximately),
        // Durations and ages
        FigureRow("连续工作36小时", "36小时", .duration, 36, "小时"),
        FigureRow("治疗三年内", "三年", .duration, 3, "年"),
        FigureRow("住院一个多月", "一个多月", .duration, 1, "月", .moreThan),
        FigureRow("从医30余年", "30余年", .duration, 30, "年", .moreThan),
        FigureRow("手术历时2小时30分钟", "2小时30分钟", .duration, 2.5, "小时"),
        FigureRow("病程1年多", "1年多", .duration, 1, "年", .moreThan),
        FigureRow("用时3分20秒", "3分20秒", .duration, 3 + 20.0 / 60, "分钟"),
        FigureRow("半年后复查", "半年", .duration, 0.5, "年"),
        FigureRow("56岁的李先生", "56岁", .age, 56, "岁"),
        FigureRow("患儿2岁6个月", "2岁6个月", .age, 2.5, "岁"),
        FigureRow("十八岁以下儿童", "十八岁以下", .age, 18, "岁", .atMost),
        FigureRow("三十多岁的女性", "三十多岁", .age, 30, "岁", .moreThan),
        FigureRow("发热3d入院", "3d", .duration, 3, "天"),
        FigureRow("腹痛1周", "1周", .duration, 1, "周"),
        FigureRow("就诊于30年及以上的老医生", "30年及以上", .duration, 30, "年", .atLeast),
    ]

    @Test(arguments: rows)
    func row(_ c: FigureRow) throws {
        let found = Self.figures(c.text)
        let entity = try #require(found.first { $0.text == c.span }, "found: \(found.map(\.text))")
        let figure = try #require(entity.attributes.figure)
        #expect(figure.kind == c.kind)
        #expect(abs((figure.value ?? .nan) - c.value) <= 1e-6 * max(1, abs(c.value)), "value \(String(describing: figure.value))")
        #expect(figure.high == c.high)
        #expect(figure.second == c.second)
        #expect(figure.unit == c.unit)
        #expect(figure.qualifier == c.qualifier)
        let scalars = Array(c.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[entity.scalarOffsets])) == c.span)
    }

    @Test func tableHasAtLeast150Rows() {
        #expect(Self.rows.count >= 150)
    }

    /// Sentences whose numbers are not figures (or not the figure they seem).
    static let notFigures: [(text: String, spans: [String])] = [
        ("链接为%28abc%29%20", []),
        ("地址 www.x.cn/a%2Fb%3D12", []),
        ("阅读量: 1102", []),
        ("浏览:1650", []),
        ("评论 0", []),
        ("热度:395", []),
        ("共有12条评论", []),
        ("人气：88", []),
        ("咨询电话：0351-1234567", []),
        ("服务热线12345", []),
        ("拨打120求助", []),
        ("邮编 030001", []),
        ("型号X200", []),
        ("术后第3天", []),
        ("第二名", []),
        ("荣获2023届优秀", []),
        ("一年级学生", []),
        ("打八折", []),
        ("七一医院", []),
        ("十四五规划", []),
        ("5G网络", []),
        ("零点几秒", []),
        ("数据库", []),
        ("分享至", []),
        ("全市参保人数 400 多万", ["400 多万"]),
        ("共收治患者1,200例，随访3,4,5次", ["1,200例", "5次"]),
    ]

    @Test func numbersThatAreNotFigures() {
        for c in Self.notFigures {
            #expect(Self.figures(c.text).map(\.text) == c.spans, "\(c.text)")
        }
    }

    /// Every figure carries a value: a fixed set of mixed sentences.
    @Test func everyFigureHasAValue() {
        let text = Self.rows.map(\.text).joined(separator: "。")
        let found = Self.figures(text)
        #expect(found.count > 100)
        for entity in found {
            #expect(entity.attributes.figure?.value != nil, "\(entity.text)")
        }
    }

    @Test func figureWordsFileIsStrict() {
        #expect(throws: MedExtractError.self) { try FigureVocabulary(contents: "bogus\tx\n", path: "w.tsv") }
        #expect(throws: MedExtractError.self) { try FigureVocabulary(contents: "prefix\t约\tabout\n", path: "w.tsv") }
        #expect(throws: MedExtractError.self) { try FigureVocabulary(contents: "hours\t天\tmany\n", path: "w.tsv") }
        let builtin = try? FigureVocabulary.builtin()
        #expect(builtin?.bounds.prefixes.first?.units.count == 2)
        #expect(builtin?.durationHours["天"] == 24)
    }

    @Test func secondReadingIsInTheJSONOutput() throws {
        let figure = Figure(kind: .measure, value: 120, unit: "mmHg", second: 80)
        let data = try JSONEncoder().encode(figure)
        let decoded = try JSONDecoder().decode(Figure.self, from: data)
        #expect(decoded.second == 80)
        #expect(decoded.high == nil)
    }
}
