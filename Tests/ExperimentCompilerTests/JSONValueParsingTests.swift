@testable import ExperimentCompiler
import XCTest

final class JSONValueParsingTests: XCTestCase {
    func testNumbersKeepTheirKind() throws {
        let value = try JSONValue(parsing: #"{"a": 1, "b": 1.0, "c": 255.0, "d": true, "e": 0, "f": 1e-07, "g": null, "h": -3, "i": false, "j": "x", "k": [1, 2.5]}"#)
        XCTAssertEqual(value, .object([
            "a": .int(1), "b": .double(1), "c": .double(255), "d": .bool(true), "e": .int(0), "f": .double(1e-07),
            "g": .null, "h": .int(-3), "i": .bool(false), "j": .string("x"), "k": .array([.int(1), .double(2.5)]),
        ]))
    }

    func testIntegersAboveIntMaxStayUnsigned() throws {
        XCTAssertEqual(try JSONValue(parsing: "18446744073709551615"), .uint(UInt64.max))
    }

    func testCanonicalTextRoundTrips() throws {
        let text = "{\n  \"a\": [\n    0.001,\n    1e-07,\n    255.0\n  ],\n  \"b\": {\n    \"c\": 42\n  }\n}\n"
        XCTAssertEqual(try JSONValue(parsing: text).canonicalText, text)
    }

    func testErrorsGiveLineAndColumn() {
        XCTAssertThrowsError(try JSONValue(parsing: "{\n  \"a\": 1,\n  \"b\": x\n}\n")) { error in
            XCTAssertEqual("\(error)", "line 3, column 8: invalid value")
        }
    }

    func testEmptyText() {
        XCTAssertThrowsError(try JSONValue(parsing: "")) { error in
            XCTAssertEqual("\(error)", "line 1, column 1: unexpected end of file during JSON parse")
        }
    }

    func testTruncatedText() {
        XCTAssertThrowsError(try JSONValue(parsing: "{\n  \"a\": [1,")) { error in
            XCTAssertEqual("\(error)", "line 2, column 11: unexpected end of file during JSON parse")
        }
    }
}
