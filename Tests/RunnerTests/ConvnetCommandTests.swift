import Foundation
import TestSupport
import XCTest

/// A small convnet through the commands a user runs: byte-identical files on 1, 2 and 3 threads, its model
/// file read by NumPy (Keras' names and layouts, batch normalization's moving statistics at inference), and
/// evaluate, predict and a sweep over conv settings.
final class ConvnetCommandTests: XCTestCase {
    /// On the tiny dataset's 4 x 4 images: same-padded 3x3 conv, batch norm, max pooling, a 2x2 valid conv,
    /// flatten, dropout, softmax. Batches of 64 make four sample chunks, so the pool has tasks to share.
    static let convnet = [
        "--set", "data.preprocess.flatten=false",
        "--set", "model.layers=[{conv2d: 8, kernel_size: 3, padding: same, activation: relu}, {batch_normalization: {momentum: 0.9}},"
            + " {max_pooling2d: 2}, {conv2d: 6, kernel_size: 2, activation: relu}, {flatten: {}}, {dropout: 0.2},"
            + " {dense: 10, activation: softmax}]",
        "--set", "compile.optimizer=adam",
        "--set", "fit.batch_size=64",
    ]

    func testOneTwoAndThreeThreadsGiveByteIdenticalConvnetRuns() throws {
        try DeterminismTests.assertByteIdenticalRuns(threads: [1, 2, 3], TinyExperiment(epochs: 3), Self.convnet)
    }

    /// NumPy multiplies the saved tensors out (conv kernels [kh, kw, in, out], batch norm with its moving
    /// statistics) and gets predict's probabilities; evaluate gives the recorded test figures bit for bit.
    func testModelFileEvaluateAndPredictAgreeWithNumPy() throws {
        let tiny = TinyExperiment(epochs: 3)
        let results = TemporaryDirectory("runner-results")
        let r = try tiny.run(Self.convnet, results: results.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let run = try tiny.folder(in: results.path)

        let json = try RunnerProcess.run(["evaluate", run, "--format", "json"], in: tiny.folder.url)
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertEqual(EvaluateCommandTests.evaluatedText(json.stdout), try EvaluateCommandTests.recordedTestText(run))

        let images = tiny.folder.path + "/data/t10k-images-idx3-ubyte", output = results.path + "/predictions.csv"
        let p = try RunnerProcess.run(["predict", run, "--input", images, "--output", output], in: tiny.folder.url)
        XCTAssertEqual(p.status, 0, p.stderr)
        XCTAssertEqual(p.stdout, "Predictions: 16 samples -> \(output)\n")
        let python = """
            import sys
            import numpy as np
            from safetensors import safe_open
            from safetensors.numpy import load_file
            run, predictions, images = sys.argv[1:4]
            w = {k: v.astype('float64') for k, v in load_file(run + '/model.safetensors').items()}
            with safe_open(run + '/model.safetensors', framework='np') as f:
                meta = f.metadata()
            def conv(x, k, b, pad):
                kh, kw = k.shape[:2]
                if pad:
                    x = np.pad(x, ((0, 0), ((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2), (0, 0)))
                oh, ow = x.shape[1] - kh + 1, x.shape[2] - kw + 1
                out = sum(np.einsum('nhwc,cf->nhwf', x[:, i:i + oh, j:j + ow, :], k[i, j]) for i in range(kh) for j in range(kw))
                return np.maximum(out + b, 0)
            x = np.fromfile(images, dtype=np.uint8, offset=16).reshape(-1, 4, 4, 1).astype('float32').astype('float64') / 255
            h = conv(x, w['conv2d.kernel'], w['conv2d.bias'], True)
            h = (h - w['batch_normalization.moving_mean']) / np.sqrt(w['batch_normalization.moving_variance'] + 0.001)
            h = h * w['batch_normalization.gamma'] + w['batch_normalization.beta']
            h = h.reshape(-1, 2, 2, 2, 2, 8).max(axis=(2, 4))
            h = conv(h, w['conv2d_1.kernel'], w['conv2d_1.bias'], False).reshape(len(x), -1)
            z = h @ w['dense.kernel'] + w['dense.bias']
            p = np.exp(z - z.max(axis=1, keepdims=True)); p /= p.sum(axis=1, keepdims=True)
            rows = np.loadtxt(predictions, delimiter=',', skiprows=1)
            print(sorted(w))
            print(w['conv2d.kernel'].shape, w['conv2d_1.kernel'].shape, meta['input_shape'])
            print(bool(np.abs(rows[:, 2:] - p).max() < 1e-5), bool((w['batch_normalization.moving_variance'] != 1).all()))
            """
        let check = try Shell.run(["python3", "-c", python, run, output, images], in: RunnerProcess.packageRoot)
        XCTAssertEqual(check.output, """
            ['batch_normalization.beta', 'batch_normalization.gamma', 'batch_normalization.moving_mean', 'batch_normalization.moving_variance', 'conv2d.bias', 'conv2d.kernel', 'conv2d_1.bias', 'conv2d_1.kernel', 'dense.bias', 'dense.kernel']
            (3, 3, 1, 8) (2, 2, 8, 6) 4,4,1
            True True

            """, check.error + " (scripts/setup installs numpy and safetensors)")
    }

    /// A sweep's grid over conv settings: each point is compiled (shapes checked) before the first run.
    func testASweepOverConvSettingsChecksEveryPointsShapes() throws {
        let tiny = TinyExperiment(epochs: 1)
        let r = try RunnerProcess.run(["sweep", tiny.file] + Self.convnet
                                      + ["--grid", "model.layers[0].conv2d=4,8", "--grid", "model.layers[3].kernel_size=2,3", "--dry-run"],
                                      in: tiny.folder.url)
        XCTAssertEqual(r.status, 2, r.stdout)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("'model.layers[3].conv2d' has kernel_size (3, 3), larger than its input (2, 2, 8) with padding valid"), r.stderr)
        let ok = try RunnerProcess.run(["sweep", tiny.file] + Self.convnet
                                       + ["--grid", "model.layers[0].conv2d=4,8", "--grid", "model.layers[0].kernel_size=2,3"],
                                       in: tiny.folder.url)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let runs = try FileManager.default.contentsOfDirectory(atPath: tiny.folder.path + "/results/tiny").filter { $0 != "latest" && !$0.hasPrefix(".") }
        XCTAssertEqual(runs.count, 4, "\(runs)")
    }
}
