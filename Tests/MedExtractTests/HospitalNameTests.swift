import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// Canonical full names the linking pass gives short forms and prefixed
/// aliases (``HospitalNames``), and registered bracketed names. All names
/// below are made up for these tests unless they come from the built-in
/// dictionaries.
@Suite("Links: canonical hospital names")
struct HospitalNameTests {
    static let extractor = try? MedExtractor()

    let names = HospitalNames(names: [
        ("甲乙大学附属第一医院", nil), ("甲乙大学第一附属医院", nil), ("甲乙大学附属第二医院", nil),
        ("丙丁医科大学第二附属医院", nil), ("丙丁医科大学附属第二医院", nil), ("戊己市第三人民医院", nil),
        ("戊己三院", "戊己市第三人民医院"),
    ])

    @Test func affiliatedShortFormTakesTheFormItIsWrittenIn() {
        #expect(names.expandAffiliated(Array("甲乙一院".utf16)) == "甲乙大学附属第一医院")
        #expect(names.expandAffiliated(Array("甲乙一附院".utf16)) == "甲乙大学第一附属医院")
        #expect(names.expandAffiliated(Array("丙医附二院".utf16)) == "丙丁医科大学附属第二医院")
        #expect(names.expandAffiliated(Array("丙医二附院".utf16)) == "丙丁医科大学第二附属医院")
    }

    @Test func noUniversityNoOrdinalNoExpansion() {
        #expect(names.expandAffiliated(Array("甲乙三院".utf16)) == nil)
        #expect(names.expandAffiliated(Array("乙甲一院".utf16)) == nil)
        #expect(names.expandAffiliated(Array("甲乙医院".utf16)) == nil)
    }

    @Test func aliasAndSuffixLookups() {
        #expect(names.isKnown("戊己三院"))
        #expect(names.canonical(of: "戊己三院") == "戊己市第三人民医院")
        #expect(names.names(endingWith: Array("附属第二医院".utf16)).sorted() == ["丙丁医科大学附属第二医院", "甲乙大学附属第二医院"])
    }

    @Test func builtInShortFormGetsTheFullName() throws {
        let extractor = try #require(Self.extractor)
        let hospital = try #require(extractor.extract(from: "患者转至西安交大二附院治疗。").first { $0.label == .hospital })
        #expect(hospital.text == "西安交大二附院")
        #expect(hospital.attributes.canonical == "西安交通大学第二附属医院")
    }

    @Test func placeAndNicknameGetTheNicknamesCanonicalWhenThePlacesAgree() throws {
        let extractor = try #require(Self.extractor)
        let linker = try #require(extractor.linker)
        #expect(linker.fullName(of: "北京301医院", hint: nil) == "中国人民解放军总医院")
        #expect(linker.fullName(of: "上海301医院", hint: nil) == nil)
    }

    @Test func placeAndKnownEndingGetTheOneRegisteredHospitalThere() throws {
        let extractor = try #require(Self.extractor)
        let base = try #require(extractor.linker)
        let registry = HospitalRegistry([("甲乙大学附属协和医院", "420102"), ("丙丁大学附属协和医院", "350102")])
        let linker = DocumentLinker(places: Array(extractor.lexicon.places), registry: registry, words: base.words)
            .with(hospitalNames: HospitalNames(names: [("甲乙大学附属协和医院", nil), ("丙丁大学附属协和医院", nil)]))
        #expect(linker.fullName(of: "武汉协和医院", hint: nil) == "甲乙大学附属协和医院")
        #expect(linker.fullName(of: "福州协和医院", hint: nil) == "丙丁大学附属协和医院")
        #expect(linker.fullName(of: "太原协和医院", hint: nil) == nil)
    }

    @Test func namesEndingWithARestAreLongerAndEndWithItsBytes() {
        let names = HospitalNames(names: [("甲乙市协和医院", nil), ("协和医院", nil), ("甲乙市协和医院分院", nil), ("丙丁市协和医院", nil)])
        // Longer names that end with the rest; not the rest itself.
        #expect(names.names(endingWith: Array("协和医院".utf16)).sorted() == ["丙丁市协和医院", "甲乙市协和医院"])
        #expect(names.names(endingWith: Array("市协和医院".utf16)).sorted() == ["丙丁市协和医院", "甲乙市协和医院"])
        #expect(names.names(endingWith: Array("乙市协和医院".utf16)) == ["甲乙市协和医院"])
        #expect(names.names(endingWith: Array("戊市协和医院".utf16)).isEmpty)
        "协和医院".utf8.withContiguousStorageIfAvailable { suffix in
            #expect(HospitalNames.hasLongerByteSuffix("某协和医院", suffix))
            #expect(!HospitalNames.hasLongerByteSuffix("协和医院", suffix))
            #expect(!HospitalNames.hasLongerByteSuffix("和医院", suffix))
            #expect(!HospitalNames.hasLongerByteSuffix("协和医院东", suffix))
        }
    }

    @Test func bracketedRegisteredNamePlacesTheHospital() {
        let registry = HospitalRegistry([("甲乙大学附属第一医院(东湖医院)", "420100"), ("丙丁医院(原戊己医院)", "350100")])
        #expect(registry.bracketedCode(of: "东湖医院") == "420100")
        #expect(registry.bracketedCode(of: "庚辛军医大学东湖医院") == "420100")
        #expect(registry.bracketedCode(of: "戊己医院") == "350100")
        #expect(registry.bracketedCode(of: "南湖医院") == nil)
    }
}
