import XCTest
import YAML

/// What `Parser` refuses on its own account: duplicate keys, several documents, the limits, unknown aliases.
final class ParserRefusalTests: XCTestCase {
    func testDuplicateKey() {
        assertRefused("a: 1\nb: 2\na: 3\n",
                      "experiments/x.yaml:3:1: error: duplicate key 'a' (first defined at line 1, column 1)")
    }

    func testPlainAndQuotedKeysAreTheSameString() {
        assertRefused("a: 1\n\"a\": 2\n",
                      "experiments/x.yaml:2:1: error: duplicate key 'a' (first defined at line 1, column 1)")
        assertRefused("{'a': 1, a: 2}",
                      "experiments/x.yaml:1:10: error: duplicate key 'a' (first defined at line 1, column 2)")
    }

    func testDuplicateKeyInNestedMapping() {
        assertRefused("model:\n  layers: 1\n  units: 2\n  layers: 3\n",
                      "experiments/x.yaml:4:3: error: duplicate key 'layers' (first defined at line 2, column 3)")
    }

    func testSameKeyInSiblingMappingsAndDifferentTypesAreAccepted() throws {
        let root = try document("a: {x: 1}\nb: {x: 2}\nc: {1: one, \"1\": string one}\n")
        XCTAssertEqual(root["c"]?.mapping?.count, 2)
    }

    func testSecondDocument() {
        assertRefused("a: 1\n---\nb: 2\n",
                      "experiments/x.yaml:2:1: error: a second document starts here; an experiment file holds exactly one")
    }

    func testSecondDocumentAfterDocumentEnd() {
        assertRefused("a: 1\n...\n---\nb: 2\n",
                      "experiments/x.yaml:3:1: error: a second document starts here; an experiment file holds exactly one")
    }

    func testOneDocumentWithMarkersIsAccepted() throws {
        XCTAssertEqual(try document("---\na: 1\n...\n")["a"]?.scalar?.value, .int(1))
    }

    func testFlowNesting20000LevelsIsRefusedAtTheLimit() {
        var message: String?
        let time = seconds("20,000 flow levels") {
            message = refusal(Array((String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)).utf8))
        }
        XCTAssertEqual(message, "experiments/x.yaml:1:65: error: nesting is deeper than 64 levels")
        XCTAssertLessThan(time, 5)
        assertRefused(String(repeating: "{a: ", count: 20_000),
                      "experiments/x.yaml:1:257: error: nesting is deeper than 64 levels")
    }

    func testBlockNesting20000LevelsIsRefusedAtTheLimit() {
        assertRefused(String(repeating: "- ", count: 20_000) + "x\n",
                      "experiments/x.yaml:1:129: error: nesting is deeper than 64 levels")
        let mappings = (0..<200).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        assertRefused(mappings, "experiments/x.yaml:65:65: error: nesting is deeper than 64 levels")
    }

    func testNestingAtTheLimitIsAcceptedAndFreed() throws {
        var node: Node? = try document(String(repeating: "[", count: 64) + "1" + String(repeating: "]", count: 64))
        var depth = 0
        var cursor = node
        while let items = cursor?.sequence {
            depth += 1
            cursor = items.first
        }
        XCTAssertEqual(depth, 64)
        XCTAssertEqual(cursor?.scalar?.value, .int(1))
        node = nil
        XCTAssertNil(node)
        assertRefused(String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
                      "experiments/x.yaml:1:65: error: nesting is deeper than 64 levels")
    }

    func testAliasCannotNestDeeperThanTheLimit() throws {
        let anchored = "a: &a " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        let deep = anchored + "b: " + String(repeating: "[", count: 30) + "*a" + String(repeating: "]", count: 30) + "\n"
        assertRefused(deep, "experiments/x.yaml:2:34: error: nesting is deeper than 64 levels (through alias '*a')")
        let shallow = anchored + "b: " + String(repeating: "[", count: 20) + "*a" + String(repeating: "]", count: 20) + "\n"
        XCTAssertNotNil(try document(shallow)["b"])
    }

    /// Each line repeats the previous one nine times: 9^9 strings if expanded.
    func testBillionLaughsIsRefusedByCountingBeforeCopying() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        var message: String?
        let time = seconds("billion laughs") { message = refusal(Array(text.utf8)) }
        // Sizes 10, 91, 820, 7,381 and 66,430 nodes: line 6's first '*e' takes the count past 100,000.
        XCTAssertEqual(message, "experiments/x.yaml:6:8: error: document expands to more than 100000 nodes (aliases count each time they are used)")
        XCTAssertLessThan(time, 5, "hang guard only; the refusal comes from counting, not copying")
    }

    func testAliasesWithinTheBudgetExpand() throws {
        let root = try document("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n")
        let leaves = root["c"]?.sequence?.flatMap { $0.sequence ?? [] }.flatMap { $0.sequence ?? [] }
        XCTAssertEqual(leaves?.count, 27)
        XCTAssertEqual(leaves?.allSatisfy { $0.scalar?.string == "x" }, true)
    }

    func testNodeBudgetBoundary() throws {
        let limits = Parser.Limits(maxNodes: 10)
        XCTAssertEqual(try document("[1, 2, 3, 4, 5, 6, 7, 8, 9]", limits: limits).sequence?.count, 9)
        assertRefused("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]",
                      "experiments/x.yaml:1:29: error: document expands to more than 10 nodes (aliases count each time they are used)",
                      limits: limits)
    }

    /// 99,999 items is within the node budget; building the tree must stay linear.
    func testLargestAllowedListIsFast() throws {
        let text = "[" + Array(repeating: "1", count: 99_999).joined(separator: ",") + "]"
        var count: Int?
        let time = seconds("99,999-item list") { count = (try? document(text))?.sequence?.count }
        XCTAssertEqual(count, 99_999)
        XCTAssertLessThan(time, 5)
    }

    func testUnknownAlias() {
        assertRefused("a: &x 1\nb: *y\n",
                      "experiments/x.yaml:2:4: error: unknown alias '*y'; define '&y' before using it")
    }

    func testAliasBeforeItsAnchor() {
        assertRefused("a: *x\nb: &x 1\n",
                      "experiments/x.yaml:1:4: error: unknown alias '*x'; define '&x' before using it")
    }

    func testFileOverTheByteLimit() {
        let text = "a: 1\n#" + String(repeating: "x", count: (1 << 20) - 5)
        XCTAssertEqual(text.utf8.count, (1 << 20) + 1)
        assertRefused(text, "experiments/x.yaml:1:1: error: file is 1048577 bytes; an experiment file may have at most 1048576")
    }

    func testFileAtTheByteLimitIsAccepted() throws {
        let text = "a: 1\n#" + String(repeating: "x", count: (1 << 20) - 6)
        XCTAssertEqual(text.utf8.count, 1 << 20)
        XCTAssertEqual(try document(text)["a"]?.scalar?.value, .int(1))
    }
}
