import Datasets
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The bundled MNIST, found the way the runner finds it.
final class MNISTTests: XCTestCase {
    /// The checkout this test file belongs to: Tests/DatasetsTests/ is two levels below it.
    private let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    func testLoadsTheBundledMNISTAndVerifiesItsChecksums() throws {
        let search = Fixtures.search(currentDirectory: checkout)
        let start = DispatchTime.now()
        let dataset = try LoadedDataset.load(DatasetCatalog.mnist, search: search)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        print("MNIST load (decompress 4 files, SHA-256 of each): \(String(format: "%.3f", seconds)) s")
        XCTAssertEqual(dataset.name, "mnist")
        XCTAssertEqual(dataset.train.count, 60000)
        XCTAssertEqual(dataset.test.count, 10000)
        XCTAssertEqual(dataset.sampleShape, [28, 28])
        XCTAssertEqual(dataset.classCount, 10)
        XCTAssertEqual(dataset.train.label(0), 5)
        XCTAssertEqual(dataset.test.label(0), 7)
        XCTAssertEqual(dataset.train.imagesPath, checkout + "/data/mnist/train-images-idx3-ubyte.gz")
        // The first training image, a 5, as Python's gzip module reads it: its first ink at row 5, column 12.
        let first = dataset.train.pixels(0)
        XCTAssertEqual(first.firstIndex { $0 != 0 }, 5 * 28 + 12)
        XCTAssertEqual(Array(first[5 * 28 + 12..<5 * 28 + 16]), [3, 18, 18, 18])
        XCTAssertEqual(first.reduce(0) { $0 + Int($1) }, 27525)
    }

    func testShapeQueryOfMNIST() throws {
        let shape = try DatasetCatalog.mnist.sizes(search: Fixtures.search(currentDirectory: checkout + "/Sources"))
        XCTAssertEqual(shape, DatasetSizes(sampleShape: [28, 28], trainCount: 60000, testCount: 10000, classCount: 10))
        XCTAssertEqual(shape.featureCount, 784)
    }

    /// `dataset: mnist` from another working directory: through RUNNER_DATA_DIR, through a parent of the
    /// working directory, and through the executable's folder (this test binary lives in the checkout's .build).
    func testLookupFromOtherWorkingDirectories() throws {
        let saved = getenv(DataSearch.environmentVariable).map { String(cString: $0) }
        let savedDirectory = FileManager.default.currentDirectoryPath
        defer {
            if let saved { setenv(DataSearch.environmentVariable, saved, 1) } else { unsetenv(DataSearch.environmentVariable) }
            FileManager.default.changeCurrentDirectoryPath(savedDirectory)
        }
        let elsewhere = TemporaryDirectory()
        let expected = checkout + "/data/mnist"

        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(elsewhere.path))
        setenv(DataSearch.environmentVariable, checkout + "/data", 1)
        XCTAssertEqual(try DataSearch.process().locate("mnist"), expected)

        unsetenv(DataSearch.environmentVariable)
        let process = DataSearch.process()
        XCTAssertNil(process.dataDirectory)
        XCTAssertEqual(URL(fileURLWithPath: process.currentDirectory).resolvingSymlinksInPath().path,
                       URL(fileURLWithPath: elsewhere.path).resolvingSymlinksInPath().path)
        XCTAssertEqual(try process.locate("mnist"), expected, "found through the executable's folder")

        // A RUNNER_DATA_DIR without mnist/ is passed over; the next place on the path is used.
        setenv(DataSearch.environmentVariable, elsewhere.path, 1)
        XCTAssertEqual(try DataSearch.process().locate("mnist"), expected)

        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(checkout + "/Sources/Datasets"))
        let inside = DataSearch.process()
        XCTAssertEqual(inside.candidates(for: "mnist").firstIndex(of: expected), 3, "env, Datasets/, Sources/, checkout")
        let dataset = try LoadedDataset.load(DatasetCatalog.mnist)
        XCTAssertEqual(dataset.train.count, 60000)
    }
}
