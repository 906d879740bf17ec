import ExperimentCompiler

extension RunFolderContents {
    /// `metrics.json`, or for a run without one (running, crashed) the same shape worked out from
    /// the history so far: epochs, the last epoch's train figures and the best validation epoch;
    /// never test figures, since only a run that ended has them.
    public var summaryMetrics: JSONValue {
        if let metrics { return metrics }
        var train: [String: JSONValue] = [:]
        for (name, values) in history where !name.hasPrefix("val_") {
            if let last = values.last, let value = last { train[name] = .double(value) }
        }
        var best: JSONValue = .null
        if let epoch = bestValidationEpoch(), let value = history["val_loss"]?[epoch - 1] {
            best = .object(["epoch": .int(epoch), "monitor": .string("val_loss"), "value": .double(value)])
        }
        return .object([
            "best_epoch": best, "epochs": .int(epochs), "gap": .object([:]), "test": .null,
            "train": train.isEmpty ? .null : .object(train),
        ])
    }

    /// The last finished epoch's train accuracy.
    public var trainAccuracy: Double? { summaryMetrics["train"]?["accuracy"]?.number }

    /// Test accuracy, only for a completed run: an interrupted run's figures must not look final.
    public var testAccuracy: Double? { isFinished ? summaryMetrics["test"]?["accuracy"]?.number : nil }

    /// Test accuracy per class (`metrics.json`'s `per_class_accuracy`; nil entries for a class without test
    /// samples), only for a completed classification run.
    public var perClassAccuracy: [Double?]? {
        guard isFinished, case .array(let values)? = metrics?["per_class_accuracy"] else { return nil }
        return values.map(\.number)
    }

    /// The test loss, only for a completed run.
    public var testLoss: Double? { isFinished ? summaryMetrics["test"]?["loss"]?.number : nil }

    /// Train minus test accuracy in points (fraction x 100), only for a completed run.
    public var accuracyGapPoints: Double? {
        guard isFinished else { return nil }
        if let gap = summaryMetrics["gap"]?["accuracy"]?.number { return gap * 100 }
        guard let train = trainAccuracy, let test = testAccuracy else { return nil }
        return (train - test) * 100
    }

    /// The best epoch by validation loss, counting from 1 as the progress lines do.
    public var bestEpoch: Int? {
        if let metrics {
            if case .int(let epoch)? = metrics["best_epoch"]?["epoch"] { return epoch }
            return nil
        }
        return bestValidationEpoch()
    }

    /// Keras' EarlyStopping and ModelCheckpoint default: the lowest `val_loss`, the first on a tie.
    func bestValidationEpoch() -> Int? {
        guard let losses = history["val_loss"] else { return nil }
        var best: (epoch: Int, loss: Double)?
        for (index, loss) in losses.enumerated() {
            guard let loss else { continue }
            if best == nil || loss < best!.loss { best = (index + 1, loss) }
        }
        return best?.epoch
    }
}
