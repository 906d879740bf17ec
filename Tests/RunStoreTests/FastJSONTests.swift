import ExperimentCompiler
import Foundation
@testable import RunStore
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
            let foundation = try JSONValue(parsing: Data(text.utf8))
            if let fast = FastJSON.parse(Data(text.utf8)) { XCTAssertEqual(fast, foundation, text) }
        }
        XCTAssertNotNil(FastJSON.parse(Data(texts[0].utf8)))
        XCTAssertEqual(FastJSON.parse(Data(#"{"x": "a\nb"}"#.utf8)), .object(["x": .string("a\nb")]))
        // Correctly rounded: the canonical writer's shortest text reads back to the same double (Foundation's
        // reader gives 0.3000000000000001 here).
        XCTAssertEqual(FastJSON.parse(Data("0.30000000000000004".utf8)), .double(0.1 + 0.2))
        XCTAssertEqual(FastJSON.parse(Data("-9223372036854775808".utf8)), .int(Int.min))
    }

    func testAnythingButPlainJSONIsLeftToFoundation() {
        for text in ["{\"a\": 1,}", "[01]", "{\"a\" 1}", "[1, ]", "\"a\u{01}b\"", "{\"epochs\": ", "nul", "1 2", "[.5]", "[1.]", "[-]"] {
            XCTAssertNil(FastJSON.parse(Data(text.utf8)), text)
        }
    }
}
