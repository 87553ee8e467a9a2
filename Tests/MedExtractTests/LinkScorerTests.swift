import Foundation
import Testing
@testable import MedExtractTesting

/// The link scorer on a hand-made gold/links/prediction triple
/// (Fixtures/links/small.*.jsonl). Worked out by hand:
///
/// - DEPARTMENT.hospital: judged 3 (the department of document b is predicted
///   with a wrong span, one of a has no gold, document c is not in the gold).
///   Right: a place prefix of at most 6 characters is the same hospital
///   (`山西省甲市第一医院` = `甲市第一医院`), whitespace is ignored (`乙县　人民医院`);
///   wrong: a hospital where the gold says null. acc 2/3, P 2/3, R 2/2, F1 0.8.
/// - HOSPITAL.province: judged 3; right 2 (a province where the gold is null is
///   wrong). acc 2/3, P 2/3, R 1, F1 0.8.
/// - HOSPITAL.city: judged 3; right 2 (null = null is right, a missing city is
///   wrong); P 1/1, R 1/2, F1 2/3.
@Suite("Link scorer: score_links.py's numbers")
struct LinkScorerTests {
    static let directory = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/links")

    func scores() throws -> [LinkFieldScore] {
        let directory = try #require(Self.directory)
        return LinkScorer.score(
            gold: try LinkScorer.loadGold(directory.appendingPathComponent("small.gold.jsonl").path),
            links: try LinkScorer.loadLinks(directory.appendingPathComponent("small.links.jsonl").path),
            predictions: try LinkScorer.loadPredictions(directory.appendingPathComponent("small.pred.jsonl").path)
        )
    }

    @Test func tableIsByteIdenticalToScoreLinks() throws {
        let lines = LinkScorer.tableLines(try scores())
        #expect(lines == [
            "link                 judged     acc       P       R      F1",
            "DEPARTMENT.hospital       3   0.667   0.667   1.000   0.800",
            "HOSPITAL.province         3   0.667   0.667   1.000   0.800",
            "HOSPITAL.city             3   0.667   1.000   0.500   0.667",
        ])
    }

    @Test func jsonIsScoreLinksJSON() throws {
        #expect(LinkScorer.json(try scores()) == #"{"DEPARTMENT.hospital": {"judged": 3, "accuracy": 0.6667, "precision": 0.6667, "recall": 1.0, "f1": 0.8}, "HOSPITAL.province": {"judged": 3, "accuracy": 0.6667, "precision": 0.6667, "recall": 1.0, "f1": 0.8}, "HOSPITAL.city": {"judged": 3, "accuracy": 0.6667, "precision": 1.0, "recall": 0.5, "f1": 0.6667}}"#)
    }

    @Test func placePrefixRuleIsBounded() {
        #expect(LinkScorer.sameValue("hospital", "县人民医院", "邯郸市馆陶县人民医院"))
        #expect(!LinkScorer.sameValue("hospital", "医院", "山西省晋城市泽州县医院"))
        #expect(!LinkScorer.sameValue("city", "晋城市", "山西省晋城市"))
    }

    @Test func badLineNamesFileAndLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("medextract-links-\(UUID().uuidString).jsonl")
        try Data("{\"id\": \"a\", \"links\": []}\n\nnot json\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try LinkScorer.loadLinks(url.path)
            Issue.record("a malformed line must throw")
        } catch {
            #expect(error.description == "\(url.path):3: not a JSON object")
        }
    }
}
