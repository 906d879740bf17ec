import XCTest
import YAML

/// Every node, keys included, carries the 1-based line and column where it starts.
final class MarkTests: XCTestCase {
    func testKeysAndValues() throws {
        let root = try document("name: mnist\nfit:\n  epochs: 3\n")
        XCTAssertEqual(at(root), "1:1")
        let pairs = try XCTUnwrap(root.mapping)
        XCTAssertEqual(pairs.map { at($0.key) }, ["1:1", "2:1"])
        XCTAssertEqual(at(pairs[0].value), "1:7")
        XCTAssertEqual(at(root["fit"]), "3:3")
        XCTAssertEqual(root["fit"]?.mapping.map { at($0[0].key) }, "3:3")
        XCTAssertEqual(at(root["fit"]?["epochs"]), "3:11")
    }

    func testNestedSequences() throws {
        let root = try document("layers:\n  - [1, 22]\n  - - a\n    - b\n")
        let layers = try XCTUnwrap(root["layers"]?.sequence)
        XCTAssertEqual(at(root["layers"]), "2:3")
        XCTAssertEqual(layers.map(at), ["2:5", "3:5"])
        XCTAssertEqual(layers[0].sequence?.map(at), ["2:6", "2:9"])
        XCTAssertEqual(layers[1].sequence?.map(at), ["3:7", "4:7"])
    }

    func testColumnsCountCharactersNotBytes() throws {
        let root = try document("größe: 5\nk: [é, 🙂, 日本, x]\n")
        XCTAssertEqual(at(root["größe"]), "1:8")
        XCTAssertEqual(root["k"]?.sequence?.map(at), ["2:5", "2:8", "2:11", "2:15"])
    }

    func testFileStartingWithComment() throws {
        let root = try document("# experiment\n\nname: x\n")
        XCTAssertEqual(root.mapping.map { at($0[0].key) }, "3:1")
        XCTAssertEqual(at(root["name"]), "3:7")
    }

    func testCRLFLineEndings() throws {
        let root = try document("a: 1\r\nb:\r\n  c: 2\r\n")
        XCTAssertEqual(root.mapping?.map { at($0.key) }, ["1:1", "2:1"])
        XCTAssertEqual(at(root["b"]?["c"]), "3:6")
        XCTAssertEqual(root["a"]?.scalar?.value, .int(1))
    }

    func testByteOrderMarkIsNotAColumn() throws {
        let root = try XCTUnwrap(Parser().parse([0xEF, 0xBB, 0xBF] + Array("a: 1\nb: 2\n".utf8), source: source))
        XCTAssertEqual(root.mapping?.map { at($0.key) }, ["1:1", "2:1"])
        XCTAssertEqual(at(root["a"]), "1:4")
        XCTAssertEqual(root.mapping?.first?.key.scalar?.string, "a")
    }

    func testMappingKeysInFileOrder() throws {
        let root = try document("z: 1\na: 2\nm: 3\nb: 4\n")
        XCTAssertEqual(root.mapping?.compactMap { $0.key.scalar?.string }, ["z", "a", "m", "b"])
    }

    func testAliasResolvesToAnchoredContentWithItsOwnMark() throws {
        let root = try document("base: &b {units: 10, activation: relu}\nlayer: *b\nwidth: &w 5\nagain: *w\n")
        let layer = try XCTUnwrap(root["layer"])
        XCTAssertEqual(at(layer), "2:8")
        XCTAssertEqual(layer.mapping?.compactMap { $0.key.scalar?.string }, ["units", "activation"])
        XCTAssertEqual(layer["units"]?.scalar?.value, .int(10))
        // Inside the alias, nodes keep the anchored positions: that is where the text is.
        XCTAssertEqual(at(layer["units"]), "1:18")
        XCTAssertEqual(at(root["again"]), "4:8")
        XCTAssertEqual(root["again"]?.scalar?.value, .int(5))
    }

    func testEmptyStreamsHaveNoDocument() throws {
        XCTAssertNil(try Parser().parse("", source: source))
        XCTAssertNil(try Parser().parse("# only\n# comments\n", source: source))
        XCTAssertNil(try Parser().parse("\n\n", source: source))
        XCTAssertNil(try Parser().parse([0xEF, 0xBB, 0xBF], source: source))
    }

    func testExplicitEmptyDocumentIsNull() throws {
        let root = try document("---\n")
        XCTAssertEqual(root.scalar?.value, .null)
        XCTAssertEqual(at(root), "2:1")
    }

    func testSourceNameIsCarried() throws {
        let node = try XCTUnwrap(Parser().parse("[1]", source: "--set compile.metrics=[1]"))
        XCTAssertEqual(node.sequence?.first?.mark.description, "--set compile.metrics=[1]:1:2")
    }
}
