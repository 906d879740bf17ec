@testable import ExperimentCompiler
import Foundation
import XCTest

/// The fast reader gives Foundation's values, but reads numbers correctly rounded, and refuses (so Foundation
/// reports) whatever is not plain JSON.
final class FastJSONTests: XCTestCase {
    func testSameValuesAsJSONValueParsing() throws {
        let texts = [
            #"{"a": 1, "b": -2, "c": 255.0, "d": 1e-07, "e": 0.25, "f": 18446744073709551615, "g": [true, false, null], "h": {}}"#,
            #"{"s": "caf\u00e9 \"q\" \\ / \n\t", "u": "naïve", "empty": "", "list": [[], [1.5, -0.25e3]]}"#,
            " [1, 2.5, \"x\"] ", "3", "\"text\"", #"{"big": 9223372036854775807, "neg": -12345678901}"#,
        ]
        for text in texts {
            let foundation = try JSONValue.parsedByFoundation(Data(text.utf8))
            if let fast = FastJSON.parse(Data(text.utf8)) { XCTAssertEqual(fast, foundation, text) }
        }
        XCTAssertNotNil(FastJSON.parse(Data(texts[0].utf8)))
        XCTAssertEqual(FastJSON.parse(Data(#"{"x": "a\nb"}"#.utf8)), .object(["x": .string("a\nb")]))
        // Correctly rounded: the canonical writer's shortest text reads back to the same double (Foundation's
        // reader gives 0.3000000000000001 here).
        XCTAssertEqual(FastJSON.parse(Data("0.30000000000000004".utf8)), .double(0.1 + 0.2))
        XCTAssertEqual(FastJSON.parse(Data("-9223372036854775808".utf8)), .int(Int.min))
    }

    /// What every reader of the runner's files gets: a loss as metrics.json writes it reads back to the same
    /// double (Foundation alone reads 2.5530841797590265, two units in the last place off).
    func testJSONValueParsingReadsWrittenDoublesBackExactly() throws {
        let loss = 2.5530841797590256
        XCTAssertEqual(try JSONValue(parsing: JSONValue.object(["loss": .double(loss)]).canonicalText)["loss"]?.number, loss)
        XCTAssertNotEqual(try JSONValue.parsedByFoundation(Data("2.5530841797590256".utf8)).number, loss,
                          "Foundation reads it exactly now: FastJSON's reason to exist is gone")
    }

    /// A hostile file nested a million deep is an error with a position, not a stack overflow.
    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
        XCTAssertNil(FastJSON.parse(Data(deep.utf8)))
        XCTAssertThrowsError(try JSONValue(parsing: deep)) { error in
            XCTAssertTrue("\(error)".contains("nested"), "\(error)")
        }
        let nested = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNotNil(FastJSON.parse(Data(nested.utf8)))
    }

    func testAnythingButPlainJSONIsLeftToFoundation() {
        for text in ["{\"a\": 1,}", "[01]", "{\"a\" 1}", "[1, ]", "\"a\u{01}b\"", "{\"epochs\": ", "nul", "1 2", "[.5]", "[1.]", "[-]"] {
            XCTAssertNil(FastJSON.parse(Data(text.utf8)), text)
        }
    }
}
