import Datasets
import TestSupport
import XCTest

/// CSV datasets: parsing, labels, the two kinds of test split, and every refusal as exact text.
final class CSVTests: XCTestCase {
    func source(_ directory: TemporaryDirectory, _ train: String, test: CSVDatasetSource.TestSplit = .fraction(0.25),
                label: String = "y") -> CSVDatasetSource {
        directory.write("train.csv", train)
        return CSVDatasetSource(path: "train.csv", label: label, test: test, seed: 7)
    }

    func search(_ directory: TemporaryDirectory) -> DataSearch {
        DataSearch(dataDirectory: nil, currentDirectory: directory.path, executablePath: nil)
    }

    func assertProblem(_ csv: CSVDatasetSource, in directory: TemporaryDirectory, _ expected: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try csv.load(search: search(directory)), file: file, line: line) { error in
            XCTAssertEqual((error as? DatasetError)?.description, expected, file: file, line: line)
        }
    }

    func testIntegerLabelsWithATestFile() throws {
        let directory = TemporaryDirectory()
        directory.write("test.csv", "a,y,b\n0.5,1,2\n")
        let csv = source(directory, "a, y ,b\r\n1,0,2.5\r\n\r\n\"3\",2,-1e1\r\n", test: .file("test.csv"))
        let dataset = try csv.load(search: search(directory))
        XCTAssertEqual(dataset.classCount, 3)
        XCTAssertNil(dataset.classNames)
        XCTAssertEqual(dataset.train.sampleShape, [2])
        XCTAssertEqual(dataset.train.featureNames, ["a", "b"])
        XCTAssertEqual(dataset.train.features(1), [3, -10])
        XCTAssertEqual([dataset.train.label(0), dataset.train.label(1), dataset.test.label(0)], [0, 2, 1])
        XCTAssertEqual(dataset.test.features(0), [0.5, 2])
    }

    func testNameLabelsAreSortedClassesAndTheFractionIsSeeded() throws {
        let directory = TemporaryDirectory()
        let rows = (0..<8).map { "\($0),\(["virginica", "setosa"][$0 % 2])" }
        let csv = source(directory, "x,y\n" + rows.joined(separator: "\n") + "\n")
        let dataset = try csv.load(search: search(directory))
        XCTAssertEqual(dataset.classNames, ["setosa", "virginica"])
        XCTAssertEqual(dataset.test.count, 2)  // ceil(0.25 x 8)
        XCTAssertEqual(dataset.train.count, 6)
        let seen = (0..<6).map { dataset.train.features($0)[0] } + (0..<2).map { dataset.test.features($0)[0] }
        XCTAssertEqual(Set(seen), Set((0..<8).map(Float.init)), "every row lands in exactly one split")
        XCTAssertEqual((0..<6).map { dataset.train.features($0)[0] }, (0..<6).map { dataset.train.features($0)[0] }.sorted(),
                       "each split keeps the file's order")
        for i in 0..<6 { XCTAssertEqual(Int(dataset.train.label(i)), Int(dataset.train.features(i)[0]) % 2 == 0 ? 1 : 0) }
        let again = try csv.load(search: search(directory))
        XCTAssertEqual((0..<2).map { again.test.features($0) }, (0..<2).map { dataset.test.features($0) }, "same seed, same split")
        var other = csv
        other.seed = 8
        let moved = try (1...20).contains { seed in
            other.seed = UInt64(seed)
            let d = try other.load(search: search(directory))
            return (0..<2).map { d.test.features($0) } != (0..<2).map { dataset.test.features($0) }
        }
        XCTAssertTrue(moved, "another seed draws other test rows")
    }

    func testRefusals() {
        let directory = TemporaryDirectory()
        assertProblem(source(directory, "a,b,y\n1,2,0\n3,x,1\n"), in: directory,
                      "train.csv:3:3: error: 'x' in column 'b' is not a finite number; features must be numbers (missing values are not supported: fill or drop them first)")
        assertProblem(source(directory, "a,b,y\n1,2,0\n3,,1\n"), in: directory,
                      "train.csv:3:3: error: an empty field in column 'b' is not a finite number; features must be numbers (missing values are not supported: fill or drop them first)")
        assertProblem(source(directory, "a,b,y\n1,nan,0\n1,2,0\n3,4,1\n"), in: directory,
                      "train.csv:2:3: error: 'nan' in column 'b' is not a finite number; features must be numbers (missing values are not supported: fill or drop them first)")
        assertProblem(source(directory, "a,b,y\n1,2,0\n3,4\n"), in: directory,
                      "train.csv:3:1: error: 2 fields but the header names 3 columns; every line needs one value per column")
        assertProblem(source(directory, "a,b,Y\n1,2,0\n", label: "y"), in: directory,
                      "train.csv: error: no column 'y' in the header; the columns are 'a', 'b', 'Y'")
        assertProblem(source(directory, "a,b,y\n1,2,0\n3,\"4,1\n"), in: directory,
                      "train.csv:3:3: error: a quoted field does not end on its line; quoted fields may not span lines")
        assertProblem(source(directory, "a,a,y\n1,2,0\n"), in: directory,
                      "train.csv: error: the header names column 1 and column 2 both 'a'; column names must be unique")
        assertProblem(source(directory, "a,y\n1,300\n2,0\n"), in: directory,
                      "train.csv:2:3: error: class id 300 is too large: at most 256 classes (0...255) are supported")
        assertProblem(source(directory, "a,y\n"), in: directory, "train.csv: error: the CSV file has a header but no samples")
        assertProblem(source(directory, "a,y\n1,0\n", test: .fraction(0.1)), in: directory,
                      "train.csv: error: test_fraction 0.1 of 1 row leaves no training or no test sample; give a fraction strictly between 0 and 1 that leaves at least one row on each side")
        assertProblem(CSVDatasetSource(path: "none.csv", label: "y", test: .fraction(0.5)), in: directory,
                      "none.csv: error: CSV file not found; a relative path is taken from the current directory")
        directory.write("t.csv", "a,y\n1,2\n")
        assertProblem(source(directory, "a,y\n1,0\n2,1\n", test: .file("t.csv")), in: directory,
                      "t.csv:2:3: error: test label '2' is not a class of the training data (0...1); the model has no output for it")
        directory.write("t.csv", "y,a\n1,2\n")
        assertProblem(source(directory, "a,y\n1,0\n2,1\n", test: .file("t.csv")), in: directory,
                      "t.csv: error: the test file's header (y,a) differs from the header of train.csv (a,y); both files need the same columns in the same order")
    }

    func testStandardizationUsesTheTrainingSplitOnly() throws {
        let directory = TemporaryDirectory()
        directory.write("test.csv", "a,b,y\n100,7,0\n")
        let csv = source(directory, "a,b,y\n1,5,0\n3,5,1\n", test: .file("test.csv"))
        let dataset = try csv.load(search: search(directory))
        let fitted = Standardization.fit(dataset.train.preprocessed(Preprocessing(flatten: true)))
        // a: mean 2, population std 1; b: constant 5, std 0 -> left unscaled (divisor 1), only centred.
        XCTAssertEqual(fitted, Standardization(mean: [2, 5], std: [1, 1]))
        let preprocessing = Preprocessing(flatten: true, scale: 2, standardization: nil)
        let scaled = Standardization.fit(dataset.train.preprocessed(preprocessing))
        XCTAssertEqual(scaled, Standardization(mean: [1, 2.5], std: [0.5, 1]), "fitted after the scale")
        let test = dataset.test.preprocessed(Preprocessing(flatten: true, standardization: fitted))
        var features = [Float](repeating: 0, count: 2), labels: [Int32] = [0]
        [Int32(0)].withUnsafeBufferPointer { test.gather(indices: $0, images: &features, labels: &labels) }
        XCTAssertEqual(features, [98, 2], "test rows use the training statistics")
    }

    func testStandardizedMNISTLikeBytes() throws {
        let directory = TemporaryDirectory()
        let folder = Fixtures.writeDataset(in: directory)
        let dataset = try LoadedDataset.load(DatasetCatalog.folder(folder))
        let source = dataset.train.preprocessed(Preprocessing(flatten: true, scale: 255))
        let fitted = Standardization.fit(source)
        let standardized = dataset.train.preprocessed(Preprocessing(flatten: true, scale: 255, standardization: fitted))
        var features = [Float](repeating: 0, count: 5 * 6), labels = [Int32](repeating: 0, count: 5)
        Array(Int32(0)..<5).withUnsafeBufferPointer { standardized.gather(indices: $0, images: &features, labels: &labels) }
        for j in 0..<6 {
            let column = (0..<5).map { Double(features[$0 * 6 + j]) }
            let mean = column.reduce(0, +) / 5
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5
            XCTAssertEqual(mean, 0, accuracy: 1e-6)
            XCTAssertEqual(variance, 1, accuracy: 1e-5)
        }
    }
}
