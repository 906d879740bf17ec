import XCTest
import YAML

/// YAML 1.2 core-schema typing (https://yaml.org/spec/1.2.2/#1023-core-schema) of parsed scalars.
final class ScalarTests: XCTestCase {
    /// The value of `v` in `v: <yaml>`, so style and tag come from libyaml as in a real file.
    private func value(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> Scalar.Value {
        let node = try document("v: \(yaml)\n", file: file, line: line)["v"]
        return try XCTUnwrap(node?.scalar, "not a scalar", file: file, line: line).value
    }

    func testIntegers() throws {
        XCTAssertEqual(try value("10"), .int(10))
        XCTAssertEqual(try value("-7"), .int(-7))
        XCTAssertEqual(try value("+12"), .int(12))
        XCTAssertEqual(try value("012"), .int(12), "1.2 has no leading-zero octal")
        XCTAssertEqual(try value("0x1F"), .int(31))
        XCTAssertEqual(try value("0o17"), .int(15))
        XCTAssertEqual(try value("-9223372036854775808"), .int(Int.min))
    }

    func testIntegerTooLargeForInt64() throws {
        XCTAssertEqual(try value("9223372036854775808"), .integerOutOfRange("9223372036854775808"))
        XCTAssertEqual(try value("0x1FFFFFFFFFFFFFFFF"), .integerOutOfRange("0x1FFFFFFFFFFFFFFFF"))
    }

    func testQuotedNumbersAreStrings() throws {
        XCTAssertEqual(try value("\"10\""), .string("10"))
        XCTAssertEqual(try value("'10'"), .string("10"))
        XCTAssertEqual(try value("|\n  10"), .string("10\n"))
    }

    func testFloats() throws {
        XCTAssertEqual(try value("10.5"), .float(10.5))
        XCTAssertEqual(try value("1e-3"), .float(0.001))
        XCTAssertEqual(try value(".5"), .float(0.5))
        XCTAssertEqual(try value("-2.5E+2"), .float(-250))
        XCTAssertEqual(try value("1."), .float(1))
        XCTAssertEqual(try value(".inf"), .float(.infinity))
        XCTAssertEqual(try value("-.inf"), .float(-.infinity))
        guard case .float(let nan) = try value(".nan") else { return XCTFail(".nan is not a float") }
        XCTAssertTrue(nan.isNaN)
    }

    func testBooleans() throws {
        XCTAssertEqual(try value("true"), .bool(true))
        XCTAssertEqual(try value("True"), .bool(true))
        XCTAssertEqual(try value("FALSE"), .bool(false))
    }

    /// YAML 1.1 resolvers read these as booleans; the core schema keeps them strings.
    func testYAML11BooleansAreStrings() throws {
        for word in ["yes", "no", "on", "off", "Yes", "ON", "y", "n"] {
            XCTAssertEqual(try value(word), .string(word))
        }
    }

    func testNulls() throws {
        XCTAssertEqual(try value("~"), .null)
        XCTAssertEqual(try value("null"), .null)
        XCTAssertEqual(try value(""), .null)
        XCTAssertEqual(try value("\"\""), .string(""))
    }

    func testStringsThatLookAlmostNumeric() throws {
        for text in ["1_000", "0x", "0o8", ".", "1e", "1.2.3", "relu", "inf", "nan"] {
            XCTAssertEqual(try value(text), .string(text))
        }
    }

    func testStringAccessorOnlyForStrings() throws {
        let root = try document("a: \"true\"\nb: true\nc: relu\n")
        XCTAssertEqual(root["a"]?.scalar?.string, "true")
        XCTAssertNil(root["b"]?.scalar?.string)
        XCTAssertEqual(root["c"]?.scalar?.string, "relu")
    }
}
