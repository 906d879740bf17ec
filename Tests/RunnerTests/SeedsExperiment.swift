import Foundation
import TestSupport
import XCTest

/// An experiment that learns something in one epoch, so seeds and verdicts have a real signal: 2,000 training and
/// 500 test images of 4 x 4 in ten classes, each class a pattern of bright and dark pixels with uniform noise of
/// ±90 (drawn by SplitMix64 from a fixed seed). RMSprop at its default learning rate (0.001) learns it to well
/// above chance in one epoch of 63 steps; at 1e-5 it stays at chance.
struct SeedsExperiment {
    let folder = TemporaryDirectory("runner-seeds")
    let file = "x.yaml"

    init() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for (prefix, count) in [("train", 2000), ("t10k", 500)] {
            var pixels: [UInt8] = [], labels: [UInt8] = []
            for _ in 0..<count {
                let c = Int(next() % 10)
                labels.append(UInt8(c))
                for j in 0..<16 {
                    let bright = (j * 7 + c * 3) % 10 < 4
                    let noise = Int(next() % 181) - 90
                    pixels.append(UInt8(max(0, min(255, (bright ? 220 : 30) + noise))))
                }
            }
            _ = folder.write("data/\(prefix)-images-idx3-ubyte", TinyIDXDataset.idx([count, 4, 4], pixels))
            _ = folder.write("data/\(prefix)-labels-idx1-ubyte", TinyIDXDataset.idx([count], labels))
        }
        _ = folder.write(file, """
            name: seeds
            seed: 1
            data:
              dataset: {idx_folder: ./data}
              preprocess: {flatten: true, scale: 255}
            model:
              layers:
                - {dense: 16, activation: relu}
                - {dense: 10, activation: softmax}
            compile:
              optimizer: rmsprop
              loss: sparse_categorical_crossentropy
              metrics: [accuracy]
            fit:
              epochs: 1
              batch_size: 32

            """)
    }

    /// `runner ARGS...` in the experiment's folder.
    func runner(_ arguments: [String]) throws -> RunnerProcess.Result {
        try RunnerProcess.run(arguments, in: folder.url)
    }

    /// The run folders under `results/seeds`, sorted.
    func runFolders(_ root: String = "results") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + root + "/seeds")
            .filter { !$0.hasPrefix(".") && $0 != "latest" }.sorted()
    }

    /// Runs python3 with SciPy on `script` in the experiment's folder and returns what it prints, trimmed.
    func python(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.currentDirectoryURL = folder.url
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 failed")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
