@testable import RunStore
import TestSupport
import XCTest

/// history.csv as Keras' CSVLogger writes it, and each way it can be corrupted.
final class RunFolderContentsHistoryTests: XCTestCase {
    private let file = URL(fileURLWithPath: "r/history.csv")

    private func parse(_ text: String) throws -> [String: [Double?]] {
        try RunFolderContents.parseHistoryCSV(Data(text.utf8), file: file)
    }

    private func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    private let advice = "; the history is damaged: run the experiment again with --force to rewrite the run folder"

    func testReadsRowsEmptyFieldsAndTheFixturesFile() throws {
        XCTAssertEqual(try parse("epoch,loss,val_loss\n0,0.5,\n1,0.25,1e-07\n"), ["loss": [0.5, 0.25], "val_loss": [nil, 1e-07]])
        XCTAssertEqual(try parse("epoch,loss\n"), ["loss": []])
        XCTAssertEqual(try parse("epoch,loss\r\n0,0.5\r\n"), ["loss": [0.5]])
        XCTAssertEqual(try parse("epoch,loss\n0,0.5"), ["loss": [0.5]], "a missing last LF loses nothing")
        let fixture = RunFolderFixture(runID: "x")
        XCTAssertEqual(try parse(fixture.historyCSV),
                       ["accuracy": [0.9, 0.96], "loss": [0.35, 0.13], "val_accuracy": [0.94, 0.965], "val_loss": [0.2, 0.11]])
    }

    func testBadHeader() {
        XCTAssertEqual(error(""), "r/history.csv: error: line 1: the header must start with 'epoch' (epoch,accuracy,loss,...)" + advice)
        XCTAssertEqual(error("loss,epoch\n"), "r/history.csv: error: line 1: the header must start with 'epoch' (epoch,accuracy,loss,...)" + advice)
        XCTAssertEqual(error("epoch,loss,,acc\n"), "r/history.csv: error: line 1: column 3 of the header has no name" + advice)
        XCTAssertEqual(error("epoch,loss,loss\n"), "r/history.csv: error: line 1: the header names a column twice" + advice)
    }

    func testWrongFieldCount() {
        XCTAssertEqual(error("epoch,loss,val_loss\n0,0.5,0.4\n1,0.3\n"), "r/history.csv: error: line 3: 2 fields, but the header has 3" + advice)
        XCTAssertEqual(error("epoch,loss\n0,0.5\n\n1,0.3\n"), "r/history.csv: error: line 3: 1 fields, but the header has 2" + advice)
    }

    func testNonNumbers() {
        XCTAssertEqual(error("epoch,loss\n0,0.5\n1,abc\n"), "r/history.csv: error: line 3: 'abc' in column loss is not a number" + advice)
        XCTAssertEqual(error("epoch,loss\nfirst,0.5\n"), "r/history.csv: error: line 2: epoch 'first' is not a whole number" + advice)
    }

    func testEpochsCountFromZeroWithoutGaps() {
        XCTAssertEqual(error("epoch,loss\n1,0.5\n"), "r/history.csv: error: line 2: epoch is 1, expected 0" + advice)
        XCTAssertEqual(error("epoch,loss\n0,0.5\n0,0.4\n"), "r/history.csv: error: line 3: epoch is 0, expected 1" + advice)
    }

    func testCorruptCSVIsReportedEvenBesideAGoodJSON() {
        let root = TemporaryDirectory()
        let folder = RunFolderFixture(runID: "3fa9c21b").write(under: root.url)
        try! Data("epoch,accuracy,loss,val_accuracy,val_loss\n0,0.9,0.35,0.94,0.2\n1,0.96,0.1".utf8)
            .write(to: folder.appendingPathComponent("history.csv"))
        XCTAssertThrowsError(try RunFolderContents.load(folder)) { error in
            XCTAssertEqual("\(error)", "\(folder.path)/history.csv: error: line 3: 3 fields, but the header has 5" + advice)
        }
    }
}
