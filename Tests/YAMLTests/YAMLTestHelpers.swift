import XCTest
import YAML

/// The source name every test parses under, shaped like a real experiment path.
let source = "experiments/x.yaml"

/// The whole `file:line:col: error: message` line `Parser` throws for `bytes`; fails the test if it accepts them.
func refusal(_ bytes: [UInt8], limits: Parser.Limits = Parser.Limits(),
             file: StaticString = #filePath, line: UInt = #line) -> String? {
    do {
        let node = try Parser(limits: limits).parse(bytes, source: source)
        XCTFail("accepted: \(String(describing: node))", file: file, line: line)
        return nil
    } catch {
        return error.description
    }
}

func assertRefused(_ text: String, _ expected: String, limits: Parser.Limits = Parser.Limits(),
                   file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(refusal(Array(text.utf8), limits: limits, file: file, line: line), expected, file: file, line: line)
}

func assertRefused(_ bytes: [UInt8], _ expected: String, limits: Parser.Limits = Parser.Limits(),
                   file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(refusal(bytes, limits: limits, file: file, line: line), expected, file: file, line: line)
}

/// The document in `text`, which must hold one.
func document(_ text: String, limits: Parser.Limits = Parser.Limits(),
              file: StaticString = #filePath, line: UInt = #line) throws -> Node {
    let node = try Parser(limits: limits).parse(text, source: source)
    return try XCTUnwrap(node, "no document", file: file, line: line)
}

/// `line:column` of a node, for compact assertions.
func at(_ node: Node?) -> String {
    guard let node else { return "missing" }
    XCTAssertEqual(node.mark.source, source)
    return "\(node.mark.line):\(node.mark.column)"
}

/// Seconds `body` takes, printed so a slow machine's numbers show up in the log.
func seconds(_ label: String, _ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let elapsed = ContinuousClock.now - start
    let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    print("\(label): \(s) s")
    return s
}
