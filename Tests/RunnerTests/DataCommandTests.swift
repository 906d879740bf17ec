import Foundation
import TestSupport
import XCTest

/// `runner data show|info`, and a CSV dataset trained end to end through the binary.
final class DataCommandTests: XCTestCase {
    func testShowFirstMNISTDigit() throws {
        let r = try RunnerProcess.run(["data", "show", "mnist", "--index", "0"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 1 + 1 + 30 + 1, r.stdout)  // header, label, 28 rows framed, final newline
        XCTAssertEqual(lines[0], "mnist train[0] of 60000")
        XCTAssertEqual(lines[1], "label: 5")
        XCTAssertEqual(lines[2], "+" + String(repeating: "-", count: 56) + "+")
        // Row 5 of the tutorial's 5 (0-based): its top stroke, pixels 0 18 18 18 126 136 175 26 166 255 247 127.
        XCTAssertEqual(lines[3 + 5], "|                                ==++**..**@@@@==        |")
        XCTAssertEqual(lines[3 + 27], "|" + String(repeating: " ", count: 56) + "|")
    }

    func testShowFashionTestSampleNamesItsClass() throws {
        let r = try RunnerProcess.run(["data", "show", "fashion-mnist", "--index", "0", "--split", "test"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("fashion-mnist test[0] of 10000\nlabel: 9 (Ankle boot)\n+----"), r.stdout)
    }

    func testIndexOutOfRangeIsAUsageError() throws {
        let r = try RunnerProcess.run(["data", "show", "mnist", "--split", "test", "--index", "10000"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: index 10000 is out of range: the test split of mnist has 10000 samples, give --index 0...9999\n")
        let negative = try RunnerProcess.run(["data", "show", "mnist", "--index=-1"])
        XCTAssertEqual(negative.status, 2)
        XCTAssertEqual(negative.stderr, "error: index -1 is out of range: the train split of mnist has 60000 samples, give --index 0...59999\n")
    }

    func testUnknownDatasetSuggestsAName() throws {
        let r = try RunnerProcess.run(["data", "info", "fashion-mnst"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "error: unknown dataset 'fashion-mnst'; did you mean 'fashion-mnist'? NAME is mnist, fashion-mnist, a folder of IDX files, or an experiment file\n")
    }

    func testInfoMNIST() throws {
        let r = try RunnerProcess.run(["data", "info", "mnist"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            dataset: mnist
            train images: shape (60000, 28, 28), dtype uint8
            train labels: shape (60000,), dtype uint8, [5, 0, 4, ..., 5, 6, 8]
            test images: shape (10000, 28, 28), dtype uint8
            test labels: shape (10000,), dtype uint8, [7, 2, 1, ..., 4, 5, 6]
            classes: 10

            class  train   test
            0       5923    980
            1       6742   1135
            2       5958   1032
            3       6131   1010
            4       5842    982
            5       5421    892
            6       5918    958
            7       6265   1028
            8       5851    974
            9       5949   1009
            total  60000  10000

            """)
    }

    func testInfoFashionThroughItsExperimentFile() throws {
        let r = try RunnerProcess.run(["data", "info", "experiments/fashion-dense.yaml"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("dataset: fashion-mnist\ntrain images: shape (60000, 28, 28), dtype uint8\n"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("""
            class  train   test  name
            0       6000   1000  T-shirt/top
            1       6000   1000  Trouser
            2       6000   1000  Pullover
            3       6000   1000  Dress
            4       6000   1000  Coat
            5       6000   1000  Sandal
            6       6000   1000  Shirt
            7       6000   1000  Sneaker
            8       6000   1000  Bag
            9       6000   1000  Ankle boot
            total  60000  10000

            """), r.stdout)
    }

    /// Three Gaussian clusters of four features (Iris-like: 50 samples per named class), standardised
    /// and split 80/20 by the seed; a 4-16-3 network must separate them.
    func testCSVDatasetTrainsEndToEnd() throws {
        let directory = TemporaryDirectory()
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        func normal() -> Double { (-2 * log(max(uniform(), 1e-12))).squareRoot() * cos(2 * .pi * uniform()) }
        let centres: [(String, [Double])] = [("setosa", [5.0, 3.4, 1.5, 0.2]), ("versicolor", [5.9, 2.8, 4.3, 1.3]),
                                             ("virginica", [6.6, 3.0, 5.6, 2.0])]
        var rows = ["sepal_length,sepal_width,petal_length,petal_width,species"]
        for i in 0..<150 {
            let (name, centre) = centres[i % 3]
            rows.append(centre.map { String(format: "%.2f", $0 + 0.25 * normal()) }.joined(separator: ",") + ",\(name)")
        }
        directory.write("iris.csv", rows.joined(separator: "\n") + "\n")
        directory.write("iris.yaml", """
            name: iris
            seed: 3
            data:
              dataset: {csv: iris.csv, label: species, test_fraction: 0.2}
              preprocess: {standardize: true}
            model:
              layers:
                - dense: 16
                  activation: relu
                - dense: 3
                  activation: softmax
            compile:
              optimizer: {name: adam, learning_rate: 0.01}
              loss: sparse_categorical_crossentropy
              metrics: [accuracy]
            fit:
              epochs: 30
              batch_size: 16

            """)
        let check = try RunnerProcess.run(["check", "iris.yaml"], in: directory.url)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains("Total params: 131"), check.stdout)  // (4 x 16 + 16) + (16 x 3 + 3)
        let info = try RunnerProcess.run(["data", "info", "iris.yaml"], in: directory.url)
        XCTAssertTrue(info.stdout.contains("train features: shape (120, 4), dtype float32\n"), info.stdout)
        XCTAssertTrue(info.stdout.contains("feature columns: sepal_length, sepal_width, petal_length, petal_width\n"), info.stdout)
        let show = try RunnerProcess.run(["data", "show", "iris.yaml", "--split", "test", "--index", "29"], in: directory.url)
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.hasPrefix("iris.csv test[29] of 30\nlabel: "), show.stdout)
        let run = try RunnerProcess.run(["iris.yaml", "--results", "results"], in: directory.url)
        XCTAssertEqual(run.status, 0, run.stderr)
        let line = try XCTUnwrap(run.stdout.split(separator: "\n").first { $0.hasPrefix("Test: ") }, run.stdout)
        let accuracy = try XCTUnwrap(line.split(separator: " ").firstIndex(of: "accuracy:").map { Double(line.split(separator: " ")[$0 + 1].dropLast())! })
        XCTAssertGreaterThanOrEqual(accuracy, 0.9, String(line))

        // predict takes the training CSV itself (its label column, named in the header, is left out) and names
        // each predicted class (preprocessing.json's class_names: the sorted training names).
        let predict = try RunnerProcess.run(["predict", "results/iris/latest", "--input", "iris.csv"], in: directory.url)
        XCTAssertEqual(predict.status, 0, predict.stderr)
        XCTAssertEqual(predict.stderr, "")
        let predicted = predict.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(predicted.first, ["index", "predicted", "predicted_name", "p0", "p1", "p2"])
        XCTAssertEqual(predicted.count, 151)
        let names = ["setosa", "versicolor", "virginica"]
        XCTAssertTrue(predicted.dropFirst().allSatisfy { $0.count == 6 && names[Int($0[1])!] == $0[2] }, predict.stdout)
        let agreeing = zip(rows.dropFirst(), predicted.dropFirst()).filter { $0.0.hasSuffix("," + $0.1[2]) }.count
        XCTAssertGreaterThanOrEqual(agreeing, 135, "\(agreeing) of 150 predicted names equal the labels")
    }

    func testCSVMistakesFailCheckWithTheirPlace() throws {
        let directory = TemporaryDirectory()
        directory.write("d.csv", "a,b,label\n1,2,0\n3,x,1\n4,5,1\n")
        directory.write("e.yaml", """
            name: e
            data:
              dataset: {csv: d.csv, label: lable, test_fraction: 0.5}
            model:
              layers:
                - dense: 2
                  activation: softmax
            compile:
              optimizer: adam
              loss: sparse_categorical_crossentropy

            """)
        let r = try RunnerProcess.run(["check", "e.yaml"], in: directory.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "e.yaml:3:32: error: no column 'lable' in the header of d.csv; did you mean 'label'?\n")
        directory.write("e.yaml", String(decoding: try Data(contentsOf: directory.url.appendingPathComponent("e.yaml")), as: UTF8.self)
            .replacingOccurrences(of: "lable", with: "label"))
        let bad = try RunnerProcess.run(["check", "e.yaml"], in: directory.url)
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "d.csv:3:3: error: 'x' in column 'b' is not a finite number; features must be numbers (missing values are not supported: fill or drop them first)\n")
        directory.write("e.yaml", String(decoding: try Data(contentsOf: directory.url.appendingPathComponent("e.yaml")), as: UTF8.self)
            .replacingOccurrences(of: "d.csv", with: "missing.csv"))
        let missing = try RunnerProcess.run(["check", "e.yaml"], in: directory.url)
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "e.yaml:3:18: error: missing.csv: CSV file not found; a relative path is taken from the current directory\n")
    }
}
