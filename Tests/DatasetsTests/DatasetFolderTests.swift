@testable import Datasets
import TestSupport
import XCTest

/// Loading a folder of IDX files, and every defect that spans files.
final class DatasetFolderTests: XCTestCase {
    private let directory = TemporaryDirectory()

    private func load(_ folder: String) throws -> LoadedDataset {
        try LoadedDataset.load(DatasetCatalog.folder(folder), search: Fixtures.search(currentDirectory: directory.path))
    }

    func testLoadsPlainAndGzippedFoldersAlike() throws {
        Fixtures.writeDataset(in: directory, folder: "plain")
        Fixtures.writeDataset(in: directory, folder: "gz", gzipped: true)
        for folder in ["plain", "gz"] {
            let dataset = try load(folder)  // relative: resolved against the search's current directory
            XCTAssertEqual(dataset.name, folder)
            XCTAssertEqual(dataset.train.count, 5)
            XCTAssertEqual(dataset.test.count, 3)
            XCTAssertEqual(dataset.sampleShape, [2, 3])
            XCTAssertEqual(dataset.train.featureCount, 6)
            XCTAssertEqual(dataset.classCount, 3)
            XCTAssertEqual((0..<5).map { dataset.train.label($0) }, [0, 1, 2, 1, 0])
            XCTAssertEqual(Array(dataset.train.pixels(1)), [7, 8, 9, 10, 11, 12])
            XCTAssertEqual(dataset.train.imagesPath, directory.path + "/\(folder)/train-images-idx3-ubyte" + (folder == "gz" ? ".gz" : ""))
        }
    }

    func testAcceptsTestPrefixForTestFiles() throws {
        directory.write("k/train-images-idx3-ubyte", Fixtures.images(count: 2))
        directory.write("k/train-labels-idx1-ubyte", Fixtures.labels([0, 1]))
        directory.write("k/test-images-idx3-ubyte.gz", Fixtures.gzip(Fixtures.images(count: 1)))
        directory.write("k/test-labels-idx1-ubyte", Fixtures.labels([1]))
        let dataset = try load(directory.path + "/k")
        XCTAssertEqual(dataset.test.count, 1)
        XCTAssertEqual(dataset.test.imagesPath, directory.path + "/k/test-images-idx3-ubyte.gz")
    }

    func testFolderNotFound() {
        XCTAssertDatasetError(
            "\(directory.path)/nowhere: error: dataset folder not found; give a folder holding train-images-idx3-ubyte, "
                + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may be .gz)"
        ) { try load("nowhere") }
    }

    func testMissingFile() throws {
        let folder = Fixtures.writeDataset(in: directory)
        try FileManager.default.removeItem(atPath: folder + "/t10k-labels-idx1-ubyte")
        XCTAssertDatasetError(
            "\(folder): error: missing the test labels file: none of t10k-labels-idx1-ubyte, t10k-labels-idx1-ubyte.gz, "
                + "test-labels-idx1-ubyte, test-labels-idx1-ubyte.gz exists in this folder; "
                + "put the IDX file there (plain or gzipped)"
        ) { try load(folder) }
    }

    func testTruncatedFileInFolder() {
        let folder = Fixtures.writeDataset(in: directory)
        directory.write("set/train-images-idx3-ubyte", Array(Fixtures.images(count: 5).dropLast(1)))
        XCTAssertDatasetError(
            "\(folder)/train-images-idx3-ubyte: error: truncated IDX file: the header declares 30 bytes of data, "
                + "the file holds 29; the file was cut short, copy it again"
        ) { try load(folder) }
    }

    func testTruncatedGzipInFolder() {
        let folder = Fixtures.writeDataset(in: directory, gzipped: true)
        let gz = Fixtures.gzip(Fixtures.images(count: 3))
        directory.write("set/t10k-images-idx3-ubyte.gz", Array(gz.prefix(gz.count - 10)))
        XCTAssertDatasetError(
            "\(folder)/t10k-images-idx3-ubyte.gz: error: truncated gzip file: the compressed stream ends early; "
                + "the file was cut short, copy it again"
        ) { try load(folder) }
    }

    func testImageCountDiffersFromLabelCount() {
        let folder = Fixtures.writeDataset(in: directory)
        directory.write("set/train-labels-idx1-ubyte", Fixtures.labels([0, 1, 2, 1]))
        XCTAssertDatasetError(
            "\(folder)/train-images-idx3-ubyte: error: 5 images but \(folder)/train-labels-idx1-ubyte holds 4 labels; "
                + "the images and labels files must come from the same split of the same dataset"
        ) { try load(folder) }
    }

    func testImageShapesDiffer() {
        let folder = Fixtures.writeDataset(in: directory)
        directory.write("set/t10k-images-idx3-ubyte", Fixtures.images(count: 3, rows: 3, columns: 2))
        XCTAssertDatasetError(
            "\(folder)/t10k-images-idx3-ubyte: error: test images are 3 x 2 but the training images in "
                + "\(folder)/train-images-idx3-ubyte are 2 x 3; both splits must come from the same dataset"
        ) { try load(folder) }
    }

    func testTestLabelOutOfRange() {
        let folder = Fixtures.writeDataset(in: directory, testLabels: [2, 7, 1])
        XCTAssertDatasetError(
            "\(folder)/t10k-labels-idx1-ubyte: error: label 7 at index 1 is out of range: the training labels define "
                + "3 classes (0...2); the test labels must come from the same dataset"
        ) { try load(folder) }
    }

    func testWrongMagicInFolderNamesTheFile() {
        let folder = Fixtures.writeDataset(in: directory)
        directory.write("set/train-labels-idx1-ubyte", "label,image\n")
        XCTAssertDatasetError(
            "\(folder)/train-labels-idx1-ubyte: error: not an IDX file: it starts with 6c 61 62 65, an IDX file starts "
                + "with 00 00 08 and its dimension count; check that the file is the IDX file (or its .gz) and not another format"
        ) { try load(folder) }
    }

    func testUnreadableFile() {
        XCTAssertDatasetError("\(directory.path): error: cannot read the file: not a regular file") {
            try DatasetFile.read(directory.path)
        }
        XCTAssertDatasetError("\(directory.path)/none: error: cannot read the file: No such file or directory") {
            try DatasetFile.read(directory.path + "/none")
        }
    }

    func testDanglingLinkCountsAsMissing() throws {
        let folder = Fixtures.writeDataset(in: directory)
        let path = folder + "/train-images-idx3-ubyte"
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: directory.path + "/gone")
        // A dangling link is no file: the folder lookup reports the file as missing, naming every candidate.
        XCTAssertThrowsError(try load(folder)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(folder): error: missing the training images file"), "\(error)")
        }
    }

    func testFirstBadFileInRoleOrderIsReported() {
        let folder = Fixtures.writeDataset(in: directory)
        directory.write("set/t10k-labels-idx1-ubyte", [1, 2, 3, 4])
        directory.write("set/train-labels-idx1-ubyte", [9, 9, 9, 9])
        XCTAssertThrowsError(try load(folder)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(folder)/train-labels-idx1-ubyte: error: not an IDX file"), "\(error)")
        }
    }

    func testShapeQueryMatchesTheLoadedDataset() throws {
        let folder = Fixtures.writeDataset(in: directory, gzipped: true, trainLabels: [0, 3, 1, 1, 2, 0, 1])
        let shape = try DatasetCatalog.folder(folder).sizes(search: Fixtures.search(currentDirectory: "/"))
        XCTAssertEqual(shape, DatasetSizes(sampleShape: [2, 3], trainCount: 7, testCount: 3, classCount: 4))
        XCTAssertEqual(shape.featureCount, 6)
        let dataset = try load(folder)
        XCTAssertEqual(dataset.classCount, shape.classCount)
    }

    func testShapeQueryReportsHeaderDefects() {
        let folder = Fixtures.writeDataset(in: directory)
        directory.write("set/t10k-images-idx3-ubyte", Fixtures.idx(type: 0x0B, dimensions: [3, 2, 3], data: []))
        XCTAssertDatasetError(
            "\(folder)/t10k-images-idx3-ubyte: error: IDX type byte 0x0b (16-bit integer) is not supported: "
                + "only 0x08 (unsigned byte) images and labels are"
        ) { try DatasetCatalog.folder(folder).sizes(search: Fixtures.search(currentDirectory: "/")) }
    }
}
