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

    /// An array of arrays of numbers (a matrix) keeps each row on one line; any other array, one item per line.
    func testCanonicalTextKeepsAMatrixRowOnOneLine() throws {
        let text = "{\n  \"m\": [\n    [980, 0, 1],\n    [2, 1.5, null]\n  ],\n  \"v\": [\n    1,\n    2\n  ]\n}\n"
        let value = try JSONValue(parsing: text)
        XCTAssertEqual(value, .object(["m": .array([.array([.int(980), .int(0), .int(1)]), .array([.int(2), .double(1.5), .null])]),
                                       "v": .array([.int(1), .int(2)])]))
        // A null is not a number: that matrix is written one item per line.
        let mixed = "{\n  \"m\": [\n    [\n      2,\n      null\n    ]\n  ]\n}\n"
        XCTAssertEqual(try JSONValue(parsing: mixed).canonicalText, mixed)
        let numbers = JSONValue.object(["m": .array([.array([.int(980), .int(0)]), .array([.double(2.5), .int(3)])])])
        XCTAssertEqual(numbers.canonicalText, "{\n  \"m\": [\n    [980, 0],\n    [2.5, 3]\n  ]\n}\n")
        XCTAssertEqual(try JSONValue(parsing: numbers.canonicalText), numbers)
    }

    /// Where people read a value (compare, diff), a large float takes its shortest form; resolved.json does not change.
    func testLeafTextOfALargeFloatIsItsShortestForm() {
        XCTAssertEqual(JSONValue.double(1e13).leafText, "1e+13")
        XCTAssertEqual(JSONValue.double(1e13).canonicalText, "10000000000000.0\n")
        XCTAssertEqual(JSONValue.double(-2.5e6).leafText, "-2.5e+06")
        XCTAssertEqual(JSONValue.double(1234567.0).leafText, "1234567.0")
        XCTAssertEqual(JSONValue.double(1000.0).leafText, "1000.0")
        XCTAssertEqual(JSONValue.double(255.0).leafText, "255.0")
        XCTAssertEqual(JSONValue.double(0.001).leafText, "0.001")
        XCTAssertEqual(JSONValue.double(1e16).leafText, "1e+16")
        XCTAssertEqual(JSONValue.double(1e30).leafText, "1e+30")
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
