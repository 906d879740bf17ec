import Foundation
import TestSupport
import XCTest

/// `runner predict`: the tutorial's predict + argmax from a saved model, checked against NumPy on the
/// safetensors file as Python's `safetensors` package reads it.
final class PredictCommandTests: XCTestCase {
    let testImages = "data/mnist/t10k-images-idx3-ubyte.gz"

    func testPredictionsMatchNumPyOnTheSafetensorsFileAndTheRecordedAccuracy() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try EvaluateCommandTests.train(results)
        let output = results.path + "/predictions.csv"
        let r = try RunnerProcess.run(["predict", run, "--input", testImages, "--output", output])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Predictions: 10000 samples -> \(output)\n")
        // The layers multiplied out by hand, x @ kernel + bias (kernels are Keras' [in, out]), on the pixels / 255.
        let python = """
            import gzip, json, sys
            import numpy as np
            from safetensors import safe_open
            from safetensors.numpy import load_file
            run, predictions, images, labels = sys.argv[1:5]
            w = load_file(run + '/model.safetensors')
            with safe_open(run + '/model.safetensors', framework='np') as f:
                meta = f.metadata()
            layers = json.load(open(run + '/resolved.json'))['model']['layers']
            assert [l['dense']['activation'] for l in layers] == ['relu', 'softmax'], layers
            x = np.frombuffer(gzip.open(images).read(), dtype=np.uint8, offset=16).reshape(-1, 784).astype('float32') / 255
            y = np.frombuffer(gzip.open(labels).read(), dtype=np.uint8, offset=8)
            h = np.maximum(x @ w['dense.kernel'] + w['dense.bias'], 0)
            z = h @ w['dense_1.kernel'] + w['dense_1.bias']
            p = np.exp(z - z.max(axis=1, keepdims=True)); p /= p.sum(axis=1, keepdims=True)
            rows = np.loadtxt(predictions, delimiter=',', skiprows=1)
            assert open(predictions).readline() == 'index,predicted,' + ','.join('p%d' % i for i in range(10)) + '\\n'
            assert (rows[:, 0] == np.arange(10000)).all()
            assert (rows[:, 1] == rows[:, 2:].argmax(axis=1)).all()
            test = json.load(open(run + '/metrics.json'))['test']
            print(sorted(w), w['dense.kernel'].shape, w['dense.kernel'].dtype, meta['format'], meta['format_version'])
            print(bool(np.abs(rows[:, 2:] - p).max() < 1e-5), (rows[:, 1] == y).mean() == test['accuracy'])
            """
        let check = try Shell.run(["python3", "-c", python, run, output, testImages, "data/mnist/t10k-labels-idx1-ubyte.gz"],
                                  in: RunnerProcess.packageRoot)
        XCTAssertEqual(check.output, """
            ['dense.bias', 'dense.kernel', 'dense_1.bias', 'dense_1.kernel'] (784, 8) float32 runner.sequential 1
            True True

            """, check.error + " (scripts/setup installs numpy and safetensors)")
    }

    /// A model trained on standardised inputs predicts from inputs standardised with the training split's
    /// statistics: its predicted classes score exactly the recorded test accuracy.
    func testAStandardisedRunPredictsWithItsTrainingStatistics() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try EvaluateCommandTests.train(results, ["--set", "data.preprocess.standardize=true"])
        let r = try RunnerProcess.run(["predict", run, "--input", testImages])
        XCTAssertEqual(r.status, 0, r.stderr)
        let check = try Shell.run(["python3", "-c", """
            import gzip, json, sys
            predicted = [int(l.split(',')[1]) for l in open(sys.argv[1]).read().splitlines()[1:]]
            y = gzip.open(sys.argv[2]).read()[8:]
            test = json.load(open(sys.argv[3] + '/metrics.json'))['test']
            print(sum(p == t for p, t in zip(predicted, y)) / len(y) == test['accuracy'])
            """, results.write("predictions.csv", r.stdout), "data/mnist/t10k-labels-idx1-ubyte.gz", run], in: RunnerProcess.packageRoot)
        XCTAssertEqual(check.output, "True\n", check.error)
    }

    func testACSVOfPixelsGivesTheSamePredictionsAsTheImages() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try EvaluateCommandTests.train(results)
        let idx = try RunnerProcess.run(["predict", run, "--input", testImages])
        XCTAssertEqual(idx.status, 0, idx.stderr)
        // The first three test images as CSV, with a header and Windows line ends; blank lines are skipped.
        let pixels = try Shell.run(["python3", "-c", """
            import gzip, sys
            b = gzip.open(sys.argv[1]).read()[16:16 + 3 * 784]
            print(','.join('px%d' % i for i in range(784)), end='\\r\\n')
            for r in range(3): print(', '.join(str(v) for v in b[r * 784:(r + 1) * 784]), end='\\r\\n\\n')
            """, testImages], in: RunnerProcess.packageRoot)
        XCTAssertEqual(pixels.status, 0, pixels.error)
        let folder = TemporaryDirectory()
        let csv = folder.write("digits.csv", pixels.output)
        let r = try RunnerProcess.run(["predict", run, "--input", csv])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, idx.stdout.split(separator: "\n").prefix(4).joined(separator: "\n") + "\n")
    }

    func testInputMistakesAreReportedByLineAndColumn() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try EvaluateCommandTests.train(results)
        let folder = TemporaryDirectory()
        let row = Array(repeating: "0", count: 784)
        let cases: [(String, String)] = [
            ("short.csv", "px0,px1\n" + row.joined(separator: ",") + "\n1,2\n"),
            ("word.csv", row.joined(separator: ",") + "\n" + (row.dropLast() + ["nan"]).joined(separator: ",") + "\n"),
            ("empty.csv", "\n"),
        ]
        let expected = [
            "short.csv:3: error: 2 values, the model takes 784 per sample; give one sample per line, 784 numbers separated by commas (a header line is optional)",
            "word.csv:2: error: column 784 is 'nan', not a finite number",
            "empty.csv: error: no samples; give one sample per line, 784 numbers separated by commas",
        ]
        for ((name, text), message) in zip(cases, expected) {
            let path = folder.write(name, text)
            let r = try RunnerProcess.run(["predict", run, "--input", path])
            XCTAssertEqual(r.status, 2, name)
            XCTAssertEqual(r.stdout, "", name)
            XCTAssertEqual(r.stderr, folder.path + "/" + message + "\n")
        }
        let images = folder.write("small-images", [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4])
        let r = try RunnerProcess.run(["predict", run, "--input", images])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "\(images): error: its images are 2x2 = 4 features, the model takes 784; give images of the shape it was trained on\n")
        let missing = try RunnerProcess.run(["predict", run, "--input", folder.path + "/none.csv"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "error: cannot read '\(folder.path)/none.csv': No such file or directory\n")
    }
}
