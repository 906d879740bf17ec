import Datasets
import TestSupport
import XCTest

/// Catalog values, the lookup order for bundled data, checksums and the fashion-mnist package.
final class CatalogTests: XCTestCase {
    func testNamesMapToCatalogValuesAndAnythingElseToAFolder() {
        XCTAssertEqual(DatasetCatalog.source(for: "mnist"), DatasetCatalog.mnist)
        XCTAssertEqual(DatasetCatalog.source(for: "fashion-mnist"), DatasetCatalog.fashionMNIST)
        XCTAssertEqual(DatasetCatalog.source(for: "my/idx"), DatasetSource(name: "my/idx", location: .folder("my/idx")))
        XCTAssertEqual(DatasetCatalog.mnist.location, .bundled("mnist"))
        XCTAssertEqual(DatasetCatalog.mnist.checksums.count, 4)
    }

    func testLookupOrder() {
        let search = DataSearch(dataDirectory: "/env/data", currentDirectory: "/home/u/checkout/sub",
                                executablePath: "/opt/runner/bin/runner")
        XCTAssertEqual(search.candidates(for: "mnist"), [
            "/env/data/mnist",
            "/home/u/checkout/sub/data/mnist", "/home/u/checkout/data/mnist", "/home/u/data/mnist", "/home/data/mnist",
            "/data/mnist",
            "/opt/runner/bin/data/mnist", "/opt/runner/bin/share/runner/data/mnist",
            "/opt/runner/data/mnist", "/opt/runner/share/runner/data/mnist",
            "/opt/data/mnist", "/opt/share/runner/data/mnist",
            "/share/runner/data/mnist",
        ])
        let relative = DataSearch(dataDirectory: "shared", currentDirectory: "/w", executablePath: nil)
        XCTAssertEqual(relative.candidates(for: "mnist"), ["/w/shared/mnist", "/w/data/mnist", "/data/mnist"])
        let empty = DataSearch(dataDirectory: "", currentDirectory: "/w", executablePath: nil)
        XCTAssertEqual(empty.candidates(for: "mnist"), ["/w/data/mnist", "/data/mnist"])
    }

    func testNotFoundListsEveryPlaceTried() {
        let directory = TemporaryDirectory()
        let search = DataSearch(dataDirectory: directory.path + "/env", currentDirectory: directory.path + "/a",
                                executablePath: directory.path + "/bin/runner")
        let tried = search.candidates(for: "no-such-set")
        XCTAssertDatasetError(
            "no-such-set: error: dataset folder 'no-such-set' not found; looked in (in this order):\n"
                + tried.map { "  \($0)" }.joined(separator: "\n")
                + "\nset RUNNER_DATA_DIR to a folder holding 'no-such-set/', or run from inside a checkout of the runner"
        ) { try search.locate("no-such-set") }
        XCTAssertEqual(tried.first, directory.path + "/env/no-such-set")
    }

    func testEnvironmentFolderWinsOverTheCheckout() throws {
        let directory = TemporaryDirectory()
        Fixtures.writeDataset(in: directory, folder: "env/tiny")
        Fixtures.writeDataset(in: directory, folder: "cwd/data/tiny", trainLabels: [0, 1], testLabels: [1])
        let source = DatasetSource(name: "tiny", location: .bundled("tiny"))
        let withVariable = Fixtures.search(dataDirectory: directory.path + "/env", currentDirectory: directory.path + "/cwd")
        XCTAssertEqual(try LoadedDataset.load(source, search: withVariable).train.count, 5)
        let without = Fixtures.search(currentDirectory: directory.path + "/cwd")
        XCTAssertEqual(try LoadedDataset.load(source, search: without).train.count, 2)
    }

    func testChecksumMismatchOfABundledDataset() {
        // A well-formed but different `mnist`: the pinned SHA-256 of the decompressed bytes must catch it.
        let directory = TemporaryDirectory()
        Fixtures.writeDataset(in: directory, folder: "mnist", gzipped: true)
        let search = Fixtures.search(dataDirectory: directory.path, currentDirectory: "/")
        let trainImages = Fixtures.images(count: 5)
        let actual = sha256(trainImages)
        XCTAssertDatasetError(
            "\(directory.path)/mnist/train-images-idx3-ubyte.gz: error: checksum mismatch: the decompressed bytes have "
                + "SHA-256 \(actual), expected ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db; "
                + "the file is damaged or not the original: restore data/mnist from the repository "
                + "(`git checkout -- data/mnist`) or re-copy data/mnist from the team's shared copy"
        ) { try LoadedDataset.load(DatasetCatalog.mnist, search: search) }
    }

    func testFashionMNISTNotInstalled() {
        let directory = TemporaryDirectory()
        let source = DatasetCatalog.fashionMNIST(at: directory.path + "/fashion-mnist")
        XCTAssertDatasetError(
            "\(directory.path)/fashion-mnist: error: dataset 'fashion-mnist' is not installed; install it with "
                + "`apt-get install dataset-fashion-mnist`"
        ) { try LoadedDataset.load(source, search: Fixtures.search(currentDirectory: "/")) }
        XCTAssertDatasetError(
            "\(directory.path)/fashion-mnist: error: dataset 'fashion-mnist' is not installed; install it with "
                + "`apt-get install dataset-fashion-mnist`"
        ) { try source.sizes(search: Fixtures.search(currentDirectory: "/")) }
    }

    func testFashionMNISTFromTheDebianPackage() throws {
        let folder = DatasetCatalog.fashionMNISTFolder
        guard FileManager.default.fileExists(atPath: folder) else {
            throw XCTSkip("\(folder) absent: apt-get install dataset-fashion-mnist")
        }
        let dataset = try LoadedDataset.load(DatasetCatalog.fashionMNIST)
        XCTAssertEqual(dataset.train.count, 60000)
        XCTAssertEqual(dataset.test.count, 10000)
        XCTAssertEqual(dataset.sampleShape, [28, 28])
        XCTAssertEqual(dataset.classCount, 10)
        XCTAssertEqual(dataset.train.label(0), 9)  // an ankle boot, as in Zalando's README
    }

    /// SHA-256 of `bytes` by `sha256sum`, independent of the code under test.
    private func sha256(_ bytes: [UInt8]) -> String {
        let directory = TemporaryDirectory()
        let path = directory.write("blob", bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try! process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return String(output.prefix(64))
    }
}
