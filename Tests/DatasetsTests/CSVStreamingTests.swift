import Datasets
import Foundation
import TestSupport
import XCTest

/// The streamed byte reader (`CSVReader`) reads cells exactly as `Float(String)` did, across chunk boundaries,
/// and `sizes` (what `check` probes) agrees with `load` (what `run` trains on).
final class CSVStreamingTests: XCTestCase {
    func search(_ directory: TemporaryDirectory) -> DataSearch {
        DataSearch(dataDirectory: nil, currentDirectory: directory.path, executablePath: nil)
    }

    /// Each cell, bare and quoted, either loads as `Float(trimmed)` or is refused at its place as not a finite number.
    func testEveryCellReadsAsFloatOfItsTextDid() throws {
        let cells = ["1", " 1", "1 ", "\t2\t", "+1", "-0", ".5", "5.", "1e5", "1E-5", "1e", "e5", "0x1p3", "0x", "inf", "-inf",
                     "infinity", "nan", "NaN", "nan(1)", "1e39", "1e-46", "1e-45", "3.4028235e38", "3.4028236e38", "3.5e38",
                     "1.5f", "", "  ", "\u{0B}1", "1\u{0B}", "１", "1_000", "0b1", "00012", "1.17549435e-38", "1 2", "- 1", "--1",
                     "0.30000001192092896", "123456789012345678901234567890"]
        let directory = TemporaryDirectory()
        for (k, cell) in cells.enumerated() {
            for quoted in [false, true] {
                let field = quoted ? "\"\(cell)\"" : cell
                directory.write("c.csv", "x,y\n\(field),0\n0,1\n")
                let csv = CSVDatasetSource(path: "c.csv", label: "y", test: .fraction(0.5), seed: 1)
                let expected = Float(cell.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))).flatMap { $0.isFinite ? $0 : nil }
                do {
                    let dataset = try csv.load(search: search(directory))
                    let values = (0..<dataset.train.count).map { dataset.train.features($0)[0] }
                        + (0..<dataset.test.count).map { dataset.test.features($0)[0] }
                    XCTAssertNotNil(expected, "\(k): '\(cell)' (quoted: \(quoted)) loaded as \(values)")
                    if let expected { XCTAssertTrue(values.contains { $0.bitPattern == expected.bitPattern }, "\(k): '\(cell)' -> \(values)") }
                } catch {
                    XCTAssertNil(expected, "\(k): '\(cell)' (quoted: \(quoted)) refused: \(error)")
                    let shown = cell.isEmpty ? "an empty field" : "'\(cell)'"
                    XCTAssertEqual("\(error)", "c.csv:2:1: error: \(shown) in column 'x' is not a finite number; features must be numbers "
                        + "(missing values are not supported: fill or drop them first)", "\(k)")
                }
            }
        }
    }

    /// Lines longer than a chunk and rows across chunk boundaries; a bad cell far in is found at its line and column,
    /// counted in characters (a multi-byte name before it).
    func testRowsAcrossChunkBoundariesAndColumnsInCharacters() throws {
        let directory = TemporaryDirectory()
        let width = 70_000  // one line of about 2 x 140 KB: several rows per 1 MiB chunk, rows cut by every boundary
        let header = (0..<width).map { "f\($0)" }.joined(separator: ",") + ",y"
        var rows: [String] = []
        for r in 0..<20 { rows.append((0..<width).map { "\($0 % 7 + r).5" }.joined(separator: ",") + ",\(r % 3)") }
        directory.write("wide.csv", ([header] + rows).joined(separator: "\n") + "\n")
        let csv = CSVDatasetSource(path: "wide.csv", label: "y", test: .fraction(0.25), seed: 3)
        let dataset = try csv.load(search: search(directory))
        XCTAssertEqual(dataset.train.count + dataset.test.count, 20)
        let all = (0..<dataset.train.count).map { dataset.train.features($0) } + (0..<dataset.test.count).map { dataset.test.features($0) }
        let sums = Set(all.map { $0.reduce(0, +) })
        XCTAssertEqual(sums.count, 20, "each row's values are its own: \(sums.sorted())")
        XCTAssertTrue(all.allSatisfy { $0.count == width })
        let sizes = try csv.sizes(search: search(directory))
        XCTAssertEqual([sizes.trainCount, sizes.testCount, sizes.featureCount, sizes.classCount],
                       [dataset.train.count, dataset.test.count, width, dataset.classCount])

        directory.write("bad.csv", "é,ü,y\n1,2,0\n1,\"2\", 3x ,1\n")
        let bad = CSVDatasetSource(path: "bad.csv", label: "y", test: .fraction(0.5), seed: 3)
        XCTAssertThrowsError(try bad.load(search: search(directory))) { error in
            XCTAssertEqual("\(error)", "bad.csv:3:1: error: 4 fields but the header names 3 columns; every line needs one value per column")
        }
        directory.write("bad.csv", "é,ü,y\n1,2,0\n1,\" 3x \",1\n")
        XCTAssertThrowsError(try bad.load(search: search(directory))) { error in
            XCTAssertEqual("\(error)", "bad.csv:3:3: error: ' 3x ' in column 'ü' is not a finite number; features must be numbers "
                + "(missing values are not supported: fill or drop them first)")
        }
        directory.write("bad.csv", "é,ü,y\nà,\"2\"x,0\n")
        XCTAssertThrowsError(try bad.load(search: search(directory))) { error in
            XCTAssertEqual("\(error)", "bad.csv:2:6: error: unexpected text after a closing quote; a field is either quoted whole or not at all")
        }
    }
}
