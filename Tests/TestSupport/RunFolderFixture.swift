import Foundation

/// Writes a run folder exactly as /work/results-format.md lays it out (canonical JSON text, CSVLogger
/// history), for tests of the readers and of `runner compare` / `runner diff`.
///
/// The files are written as literal text rather than through the writer, so a reader test pins the
/// agreed format and not whatever the writer happens to produce.
public struct RunFolderFixture {
    public var name = "mnist-dense"
    public var runID: String
    public var status = "completed"
    public var learningRate = 0.001
    public var units = 512
    public var plannedEpochs = 2
    public var seed = 42
    /// `metrics.json`'s `confusion_matrix` (rows true classes), written for a completed run when given.
    public var confusion: [[Int]]?
    /// One row per finished epoch: accuracy, loss, val_accuracy, val_loss (`nil` = non-finite).
    public var epochs: [[Double?]] = [[0.9, 0.35, 0.94, 0.2], [0.96, 0.13, 0.965, 0.11]]
    /// Test accuracy and loss; written only for a completed run, as the writer does.
    public var test: (accuracy: Double, loss: Double) = (0.955, 0.14)
    public var writesHistoryJSON = true
    public var writesHistoryCSV = true

    public init(runID: String) { self.runID = runID }

    /// Writes `<root>/<name>/<runID>/` and returns it.
    @discardableResult
    public func write(under root: URL) -> URL {
        let folder = root.appendingPathComponent(name).appendingPathComponent(runID)
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func put(_ file: String, _ text: String) {
            try! Data(text.utf8).write(to: folder.appendingPathComponent(file))
        }
        put("experiment.yaml", "name: \(name)\n")
        put("resolved.json", resolvedJSON)
        if writesHistoryCSV { put("history.csv", historyCSV) }
        if writesHistoryJSON { put("history.json", historyJSON) }
        if status != "running" && status != "crashed" { put("metrics.json", metricsJSON) }
        put("run.json", runJSON)
        return folder
    }

    public static let historyNames = ["accuracy", "loss", "val_accuracy", "val_loss"]

    public var historyCSV: String {
        "epoch," + Self.historyNames.joined(separator: ",") + "\n" + epochs.enumerated().map { index, row in
            "\(index)," + row.map { $0.map { "\($0)" } ?? "" }.joined(separator: ",") + "\n"
        }.joined()
    }

    public var historyJSON: String {
        guard !epochs.isEmpty else { return "{\n" + Self.historyNames.map { "  \"\($0)\": []" }.joined(separator: ",\n") + "\n}\n" }
        let lists = Self.historyNames.indices.map { column in
            "  \"\(Self.historyNames[column])\": [\n"
                + epochs.map { "    " + ($0[column].map { "\($0)" } ?? "null") }.joined(separator: ",\n") + "\n  ]"
        }
        return "{\n" + lists.joined(separator: ",\n") + "\n}\n"
    }

    public var metricsJSON: String {
        let finished = status == "completed"
        let last = epochs.last
        let best = epochs.indices.filter { epochs[$0][3] != nil }.min { epochs[$0][3]! < epochs[$1][3]! }
        let bestText = best.map { "{\n    \"epoch\": \($0 + 1),\n    \"monitor\": \"val_loss\",\n    \"value\": \(epochs[$0][3]!)\n  }" } ?? "null"
        let gap = finished && last?[0] != nil ? "{\n    \"accuracy\": \(last![0]! - test.accuracy)\n  }" : "{}"
        let testText = finished ? "{\n    \"accuracy\": \(test.accuracy),\n    \"loss\": \(test.loss)\n  }" : "null"
        let trainText = last.map { "{\n    \"accuracy\": \($0[0]!),\n    \"loss\": \($0[1]!)\n  }" } ?? "null"
        let matrix = finished ? confusion.map { "  \"confusion_matrix\": [" + $0.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ") + "],\n" } ?? "" : ""
        return """
            {
              "best_epoch": \(bestText),
            \(matrix)
              "epochs": \(epochs.count),
              "gap": \(gap),
              "test": \(testText),
              "train": \(trainText)
            }

            """
    }

    public var runJSON: String {
        let error = status == "diverged" || status == "failed" ? "  \"error\": \"the loss became nan at epoch 3\",\n" : ""
        let finishedAt = status == "running" || status == "crashed" ? "null" : "\"2026-11-29T06:40:00Z\""
        let recorded = status == "crashed" ? "running" : status
        return """
            {
              "command": [
                "runner",
                "experiments/\(name).yaml"
              ],
              "epoch_seconds": [\(epochs.isEmpty ? "" : "\n" + epochs.map { _ in "    1.1" }.joined(separator: ",\n") + "\n  ")],
            \(error)  "finished_at": \(finishedAt),
              "host": {
                "cores": 2,
                "cpu": "test",
                "hostname": "test",
                "os": "Debian GNU/Linux 13 (trixie)"
              },
              "name": "\(name)",
              "overrides": [],
              "pid": 1234,
              "run_id": "\(runID)",
              "started_at": "2026-11-29T06:39:58Z",
              "status": "\(recorded)",
              "threads": 2,
              "versions": {
                "blas_core": "Haswell",
                "runner": "0.4.0",
                "swift": "6.3.1"
              }
            }

            """
    }
}

extension RunFolderFixture {
    /// The seed experiment's resolved.json (`runner check --json`) with this fixture's settings.
    public var resolvedJSON: String {
        """
        {
          "compile": {
            "loss": {
              "from_logits": false,
              "name": "sparse_categorical_crossentropy"
            },
            "metrics": [
              {
                "name": "accuracy"
              }
            ],
            "optimizer": {
              "centered": false,
              "epsilon": 1e-07,
              "learning_rate": \(learningRate),
              "momentum": 0.0,
              "name": "rmsprop",
              "rho": 0.9
            }
          },
          "data": {
            "dataset": "mnist",
            "preprocess": {
              "flatten": true,
              "scale": 255.0
            }
          },
          "fit": {
            "batch_size": 256,
            "epochs": \(plannedEpochs),
            "shuffle": true,
            "validation": "test"
          },
          "model": {
            "layers": [
              {
                "dense": {
                  "activation": "relu",
                  "units": \(units)
                }
              },
              {
                "dense": {
                  "activation": "softmax",
                  "units": 10
                }
              }
            ]
          },
          "name": "\(name)",
          "seed": \(seed)
        }

        """
    }
}
