@testable import Datasets
import XCTest

final class IDXFileTests: XCTestCase {
    func testReadsImagesAndLabels() throws {
        let images = try IDXFile(path: "i", bytes: Fixtures.images(count: 4), role: .trainImages)
        XCTAssertEqual(images.dimensions, [4, 2, 3])
        XCTAssertEqual(images.count, 4)
        XCTAssertEqual(images.sampleShape, [2, 3])
        XCTAssertEqual(images.dataOffset, 16)
        XCTAssertEqual(Array(images.bytes[16 + 6..<16 + 12]), [7, 8, 9, 10, 11, 12])
        let labels = try IDXFile(path: "l", bytes: Fixtures.labels([3, 1]), role: .testLabels)
        XCTAssertEqual(labels.dimensions, [2])
        XCTAssertEqual(labels.dataOffset, 8)
    }

    func testWrongMagic() {
        XCTAssertDatasetError(
            "x/train-images: error: not an IDX file: it starts with 89 50 4e 47, an IDX file starts with 00 00 08 and "
                + "its dimension count; check that the file is the IDX file (or its .gz) and not another format"
        ) { try IDXFile(path: "x/train-images", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1, 5], role: .trainImages) }
    }

    func testWrongTypeByte() {
        XCTAssertDatasetError(
            "f: error: IDX type byte 0x0d (32-bit float) is not supported: only 0x08 (unsigned byte) images and labels are"
        ) { try IDXFile(path: "f", bytes: Fixtures.idx(type: 0x0D, dimensions: [1], data: [0, 0, 0, 0]), role: .trainLabels) }
    }

    func testWrongDimensionCountForImages() {
        XCTAssertDatasetError(
            "f: error: the test images file has 1 dimension, expected 3 (count x rows x columns); is this the right file?"
        ) { try IDXFile(path: "f", bytes: Fixtures.labels([1, 2]), role: .testImages) }
    }

    func testWrongDimensionCountForLabels() {
        XCTAssertDatasetError(
            "f: error: the training labels file has 3 dimensions, expected 1 (count); is this the right file?"
        ) { try IDXFile(path: "f", bytes: Fixtures.images(count: 1), role: .trainLabels) }
    }

    func testTruncatedData() {
        let bytes = Fixtures.images(count: 3)
        XCTAssertDatasetError(
            "f: error: truncated IDX file: the header declares 18 bytes of data, the file holds 13; "
                + "the file was cut short, copy it again"
        ) { try IDXFile(path: "f", bytes: Array(bytes.dropLast(5)), role: .trainImages) }
    }

    func testTruncatedHeader() {
        XCTAssertDatasetError(
            "f: error: truncated IDX file: the header declares 16 bytes of data, the file holds 10; "
                + "the file was cut short, copy it again"
        ) { try IDXFile(path: "f", bytes: Array(Fixtures.images(count: 3).prefix(10)), role: .trainImages) }
        XCTAssertDatasetError(
            "f: error: truncated IDX file: the header declares 4 bytes of data, the file holds 0; "
                + "the file was cut short, copy it again"
        ) { try IDXFile(path: "f", bytes: [], role: .trainImages) }
    }

    func testTrailingBytes() {
        XCTAssertDatasetError(
            "f: error: IDX file too long: the header declares 2 bytes of data, the file holds 3; "
                + "this is not a well-formed IDX file, copy it again"
        ) { try IDXFile(path: "f", bytes: Fixtures.labels([1, 2]) + [9], role: .trainLabels) }
    }

    func testEmptyDimension() {
        XCTAssertDatasetError(
            "f: error: the IDX header declares dimensions 0 x 28 x 28: "
                + "a dataset needs at least one sample of at least one pixel"
        ) { try IDXFile(path: "f", bytes: Fixtures.idx(dimensions: [0, 28, 28], data: []), role: .trainImages) }
    }

    func testImpossibleSizeIsRefusedWithoutTrapping() {
        let huge = Fixtures.idx(dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], data: [1, 2])
        XCTAssertThrowsError(try IDXFile(path: "f", bytes: huge, role: .trainImages)) { error in
            guard case .truncatedFile(_, let expected, let actual) = error as? DatasetError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(expected, Int.max)
            XCTAssertEqual(actual, 2)
        }
    }
}
