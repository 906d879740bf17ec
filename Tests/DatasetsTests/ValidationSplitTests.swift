import Datasets
import TestSupport
import XCTest

final class ValidationSplitTests: XCTestCase {
    func testKerasBoundary() throws {
        XCTAssertEqual(try ValidationSplit.boundary(count: 60000, fraction: 0.1), 54000)
        XCTAssertEqual(try ValidationSplit.boundary(count: 10, fraction: 0.25), 7)  // floor(7.5)
        XCTAssertEqual(try ValidationSplit.boundary(count: 3, fraction: 0.5), 1)
    }

    func testTakesTheLastFractionBeforeShuffling() throws {
        let directory = TemporaryDirectory()
        let folder = Fixtures.writeDataset(in: directory, trainLabels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], testLabels: [0])
        let dataset = try LoadedDataset.load(DatasetCatalog.folder(folder), search: Fixtures.search(currentDirectory: "/"))
        let (train, validation) = try ValidationSplit.split(dataset.train, fraction: 0.2)
        XCTAssertEqual(train.count, 8)
        XCTAssertEqual(validation.count, 2)
        XCTAssertEqual((0..<2).map { validation.label($0) }, [8, 9])
        XCTAssertEqual(validation.pixels(0), dataset.train.pixels(8))
        XCTAssertEqual((0..<8).map { train.label($0) }, [0, 1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(validation.withLabelBytes { Array($0) }, [8, 9])
    }

    func testTooSmallASplitIsAnError() {
        let message = "error: validation_split 0.95 of 10 training samples leaves no training or no validation sample; "
            + "give a fraction strictly between 0 and 1 that leaves at least one sample on each side, or more data"
        XCTAssertDatasetError(message) { try ValidationSplit.boundary(count: 10, fraction: 0.95) }
        XCTAssertThrowsError(try ValidationSplit.boundary(count: 10, fraction: 1e-20))  // 1 - 1e-20 == 1: no validation
        XCTAssertThrowsError(try ValidationSplit.boundary(count: 10, fraction: 0))
        XCTAssertThrowsError(try ValidationSplit.boundary(count: 10, fraction: 1))
        XCTAssertThrowsError(try ValidationSplit.boundary(count: 10, fraction: .nan))
    }
}
