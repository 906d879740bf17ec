import Datasets
import TestSupport
import XCTest

final class GatherTests: XCTestCase {
    private func dataset() throws -> LoadedDataset {
        let directory = TemporaryDirectory()
        let folder = Fixtures.writeDataset(in: directory, gzipped: true, trainLabels: [0, 1, 2, 1, 0])
        return try LoadedDataset.load(DatasetCatalog.folder(folder), search: Fixtures.search(currentDirectory: "/"))
    }

    private func gather(_ source: BatchSource, _ indices: [Int32]) -> (images: [Float], labels: [Int32]) {
        var images = [Float](repeating: -1, count: indices.count * source.featureCount)
        var labels = [Int32](repeating: -1, count: indices.count)
        indices.withUnsafeBufferPointer { order in
            images.withUnsafeMutableBufferPointer { imageBuffer in
                labels.withUnsafeMutableBufferPointer { labelBuffer in
                    source.gather(indices: order, images: imageBuffer.baseAddress!, labels: labelBuffer.baseAddress!)
                }
            }
        }
        return (images, labels)
    }

    func testGatherScalesByDivisionInTheGivenOrder() throws {
        let source = try dataset().train.preprocessed(Preprocessing(flatten: true, scale: 255))
        XCTAssertEqual(source.inputShape, [6])
        let (images, labels) = gather(source, [4, 0, 2])
        XCTAssertEqual(labels, [0, 0, 2])
        // Image i holds bytes (7i + k) for k in 0..<6 (Fixtures.images).
        let expected = [28, 29, 30, 31, 32, 33, 0, 1, 2, 3, 4, 5, 14, 15, 16, 17, 18, 19].map { Float($0) / 255 }
        XCTAssertEqual(images, expected)
        XCTAssertEqual(images[1], 29 / 255 as Float)
    }

    func testGatherWithoutScaleKeepsRawValues() throws {
        let source = try dataset().test.preprocessed(Preprocessing())
        XCTAssertEqual(source.inputShape, [2, 3], "the declared shape stays an image; the buffer is the same rows")
        let (images, labels) = gather(source, [1])
        XCTAssertEqual(labels, [0])
        XCTAssertEqual(images, [7, 8, 9, 10, 11, 12])
    }

    func testGatherFromASliceUsesSliceIndices() throws {
        let train = try dataset().train
        let (_, validation) = try ValidationSplit.split(train, fraction: 0.4)  // samples 3 and 4
        let (images, labels) = gather(validation.preprocessed(Preprocessing(scale: 2)), [1, 0])
        XCTAssertEqual(labels, [0, 1])
        XCTAssertEqual(Array(images.prefix(2)), [14, 14.5])  // sample 4: bytes 28, 29
        XCTAssertEqual(images[6], 10.5)                       // sample 3: byte 21
    }

    func testDivisionMatchesNumpyNotReciprocalMultiplication() {
        // numpy's float32 x / 255 is the correctly rounded quotient; x * (1/255) is not for 126 of 256 bytes.
        let differing = (0...255).filter { Float($0) / 255 != Float($0) * (1 / 255 as Float) }
        XCTAssertEqual(differing.count, 126)
    }
}
