import YAML

extension Compiler {
    /// Training rows of the built-in datasets (both have 60,000 training and 10,000 test images).
    static let builtInTrainingRows: [Dataset: Int] = [.mnist: 60_000, .fashionMNIST: 60_000]

    /// Where training ends and validation begins for `validation_split: fraction` of `count` rows, or nil when a
    /// side would be empty: exactly `Datasets.ValidationSplit.boundary` (Keras 3's `train_validation_split`:
    /// `floor(count * (1 - fraction))` in Double, training `[0, boundary)`), so `check` refuses what `run` would.
    public static func validationBoundary(count: Int, fraction: Double) -> Int? {
        let product = Double(count) * (1.0 - fraction)
        guard fraction > 0, fraction < 1, product.isFinite else { return nil }
        let boundary = Int(product.rounded(.down))
        return boundary > 0 && boundary < count ? boundary : nil
    }

    /// The training rows of `dataset` when the compiler knows them: the built-in sizes, or what the CSV or IDX
    /// folder probe counted.
    func trainingRows(of dataset: Dataset) -> Int? {
        if let rows = Self.builtInTrainingRows[dataset] { return rows }
        if case .csv(let csv) = dataset, case .shape(_, let rows?) = csvProbe(csv) { return rows }
        if case .idxFolder(let path) = dataset, case .shape(_, let rows?) = idxFolderShape(path) { return rows }
        return nil
    }

    /// A validation split that leaves no training row or no validation row, at the fraction's value.
    func checkValidationRows(_ root: Node, data: DataSpec?, fit: FitSpec?, _ c: inout Checker) {
        guard let data, let fit, case .split(let fraction) = fit.validation, let count = trainingRows(of: data.dataset),
              Self.validationBoundary(count: count, fraction: fraction) == nil else { return }
        let node = root["fit"]?["validation_split"] ?? root["fit"]?["validation"]?["split"] ?? root
        let key = root["fit"]?["validation_split"] != nil ? "fit.validation_split" : "fit.validation.split"
        let training = max(0, min(count, Int((Double(count) * (1.0 - fraction)).rounded(.down))))
        let name: String
        switch data.dataset {
        case .mnist: name = "mnist's"
        case .fashionMNIST: name = "fashion-mnist's"
        case .csv(let csv): name = "\(csv.path)'s"
        case .idxFolder(let path): name = "\(path)'s"
        }
        let written = node.scalar?.text ?? "\(fraction)"
        c.error(node.mark, "'\(key)' is \(written), which leaves \(training) of \(name) \(count) training rows for training "
            + "(floor(\(count) x (1 - \(written))), as Keras) and \(count - training) for validation; each side needs at least "
            + "one row, so give a \(training == 0 ? "smaller" : "larger") fraction")
    }
}
