import ModelKinds
import YAML

extension Compiler {
    /// Checks that span sections: the size limits, the last layer against the dataset, the loss and the metrics.
    ///
    /// Runs on whatever compiled; a section with its own mistakes is skipped here.
    func checkConsistency(_ root: Node, data: DataSpec?, model: ModelSpec?, compile: CompileSpec?, _ c: inout Checker) {
        checkLimits(root, data: data, model: model, &c)
        guard let model, let compile, case .dense(let last)? = model.layers.last,
              let lastNode = root["model"]?["layers"]?.sequence?.last, let kindPair = lastNode.mapping?.first else { return }
        // The long form `dense: {units: 10, activation: softmax}` keeps the options inside the kind's mapping.
        let options = kindPair.value.mapping != nil ? kindPair.value : lastNode
        let unitsMark = kindPair.value["units"]?.mark ?? kindPair.value.mark
        let kind = compile.loss.kind
        let lossName = compile.loss.kind.rawValue

        if kind.needsOneUnitPerClass, let data, let shape = shape(of: data.dataset), last.units != shape.classes {
            let dataset: String
            switch data.dataset {
            case .mnist: dataset = "mnist"
            case .fashionMNIST: dataset = "fashion-mnist"
            case .idxFolder(let path): dataset = "the dataset in \(path)"
            case .csv(let csv): dataset = "\(csv.path) (label '\(csv.label)')"
            }
            c.error(unitsMark, "the last layer has \(last.units) units but \(dataset) has \(shape.classes) classes; \(lossName) needs one unit per class")
        }

        if let wanted = kind.probabilityActivation {
            let activationNode = options["activation"]
            if !compile.loss.fromLogits, last.activation != wanted {
                let has = activationNode == nil ? "has no activation (linear)" : "applies \(last.activation.rawValue)"
                c.error(activationNode?.mark ?? kindPair.key.mark,
                        "\(lossName) expects probabilities, but the last layer \(has); use 'activation: \(wanted.rawValue)', or 'loss: {name: \(lossName), from_logits: true}' with a linear last layer")
            }
            if compile.loss.fromLogits, last.activation == wanted,
               let fromLogits = root["compile"]?["loss"]?["from_logits"] {
                c.error(fromLogits.mark, "'from_logits: true' expects raw scores, but the last layer applies \(wanted.rawValue); drop 'activation: \(wanted.rawValue)' or set 'from_logits: false'")
            }
        }

        for (i, metric) in compile.metrics.enumerated() {
            if case .topKCategoricalAccuracy(let k) = metric, k > last.units,
               let kNode = root["compile"]?["metrics"]?.sequence?[i]["k"] {
                c.error(kNode.mark, "'compile.metrics[\(i)].k' is \(k) but the last layer has only \(last.units) units")
            }
        }
    }
}
