import XCTest
import YAML

/// The scalar length and node count limits, at their boundaries, with the whole diagnostic line.
final class ParserLimitTests: XCTestCase {
    func testScalarAtTheLimitIsAccepted() throws {
        let value = String(repeating: "x", count: 4096)
        XCTAssertEqual(try document("v: \(value)\n")["v"]?.scalar?.string, value)
    }

    func testPlainScalarOverTheLimit() {
        assertRefused("v: " + String(repeating: "x", count: 4097) + "\n",
                      "experiments/x.yaml:1:4: error: this scalar is 4097 bytes long; a key or value may have at most 4096")
    }

    /// libyaml itself refuses an implicit key over 1024 characters; an explicit `? key` has no such bound.
    func testKeyOverTheLimit() {
        assertRefused("name: x\n? " + String(repeating: "k", count: 5000) + "\n: 1\n",
                      "experiments/x.yaml:2:3: error: this scalar is 5000 bytes long; a key or value may have at most 4096")
    }

    /// libyaml gives up on an implicit key 1024 characters after its start with "could not find expected ':'";
    /// that is said plainly, at the key. A key of exactly 1024 characters is read.
    func testAnImplicitKeyOverLibyamlsLimitIsNamedAtTheKey() throws {
        let message = "error: a mapping key is longer than 1024 characters, the most YAML allows before its ':'; "
            + "no setting's name is that long, so shorten the key (or add the missing ': ')"
        assertRefused("name: x\n" + String(repeating: "k", count: 5000) + ": 1\n", "experiments/x.yaml:2:1: " + message)
        assertRefused("name: x\ndata:\n  " + String(repeating: "k", count: 1025) + ": 1\n", "experiments/x.yaml:3:3: " + message)
        assertRefused("- " + String(repeating: "é", count: 2000) + ": 1\n", "experiments/x.yaml:1:3: " + message)
        let key = String(repeating: "k", count: 1024)
        XCTAssertEqual(try document("name: x\n\(key): 1\n")[key]?.scalar?.text, "1")
    }

    /// A missing ':' on the next line keeps libyaml's own message.
    func testAMissingColonOnAShortKeyKeepsLibyamlsMessage() {
        assertRefused("name: x\nseed\n", "experiments/x.yaml:3:1: error: could not find expected ':' (while scanning a simple key from line 2, column 1)")
    }

    /// The limit is on the value libyaml hands over: escapes are counted as the bytes they stand for.
    func testLengthIsCountedAfterEscapes() throws {
        let escapes = String(repeating: "\\u00e9", count: 2048)  // 12,288 bytes of text, 4096 bytes of value
        XCTAssertEqual(try document("v: \"\(escapes)\"\n")["v"]?.scalar?.string.map { $0.utf8.count }, 4096)
        assertRefused("v: \"\(escapes)\\u00e9\"\n",
                      "experiments/x.yaml:1:4: error: this scalar is 4098 bytes long; a key or value may have at most 4096")
    }

    func testFoldedScalarOverManyLinesIsMeasuredWhole() {
        let lines = Array(repeating: "  " + String(repeating: "w", count: 99), count: 41).joined(separator: "\n")
        // 41 lines of 99 bytes folded with single spaces and a final newline: 41 * 100 = 4100 bytes.
        assertRefused("v: >\n" + lines + "\n",
                      "experiments/x.yaml:1:4: error: this scalar is 4100 bytes long; a key or value may have at most 4096")
    }

    func testScalarLimitCanBeLowered() throws {
        let limits = Parser.Limits(maxScalarBytes: 3)
        XCTAssertEqual(try document("abc: xyz", limits: limits)["abc"]?.scalar?.string, "xyz")
        assertRefused("abc: wxyz", "experiments/x.yaml:1:6: error: this scalar is 4 bytes long; a key or value may have at most 3",
                      limits: limits)
    }

    /// A list of 100,000 items is 100,001 nodes with the list itself: one over the default budget.
    func testDefaultNodeBudgetRefusesTheNodeAfterTheLimit() {
        let text = "[" + Array(repeating: "1", count: 100_000).joined(separator: ",") + "]"
        assertRefused(text, "experiments/x.yaml:1:200000: error: document expands to more than 100000 nodes (aliases count each time they are used)")
    }
}
