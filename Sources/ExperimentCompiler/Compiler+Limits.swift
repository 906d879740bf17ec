import YAML

extension Compiler {
    /// More layers than any dense stack needs; a generated file with a million would only tie up memory.
    public static let maximumLayerCount = 1024
    /// 2^31 parameters: 8 GiB of float32 weights and as much again for gradients. The same limit as the
    /// engine's `Sequential.maximumParameterCount`, checked here so the request is refused before any data
    /// is loaded or memory allocated, at the layer that crosses it.
    public static let maximumParameterCount = 1 << 31

    /// Layer count and total parameter count. A dense layer has `inputs x units` weights plus `units`
    /// biases (Keras' `Dense.count_params()`); with an IDX folder of unknown shape the first layer's
    /// inputs are unknown and the engine checks them when the data is loaded.
    func checkLimits(_ root: Node, data: DataSpec?, model: ModelSpec?, _ c: inout Checker) {
        guard let list = root["model"]?["layers"], let items = list.sequence else { return }
        if items.count > Self.maximumLayerCount {
            c.error(list.mark, "'model.layers' has \(items.count) layers; at most \(Self.maximumLayerCount) are allowed")
            return
        }
        guard let model, model.layers.count == items.count else { return }
        var inputs = data.flatMap { shape(of: $0.dataset)?.features }
        var total = 0
        for (index, layer) in model.layers.enumerated() {
            guard case .dense(let dense) = layer else { continue }
            if let inputs {
                // An IDX folder's feature count comes from its header and may be anything: overflow is a refusal too.
                let (weights, overflow) = inputs.multipliedReportingOverflow(by: dense.units)
                total = overflow ? Int.max : min(Int.max - dense.units, total + weights) + (dense.useBias ? dense.units : 0)
                if total > Self.maximumParameterCount {
                    let kind = items[index].mapping?.first?.value
                    let mark = kind?["units"]?.mark ?? kind?.mark ?? items[index].mark
                    let gigabytes = (Double(total) * 4 / 1e9 * 10).rounded() / 10
                    c.error(mark, "'model.layers[\(index)].dense' brings the model to \(total) parameters (\(gigabytes) GB of float32 "
                        + "weights, as much again for gradients); at most \(Self.maximumParameterCount) are allowed, so make the layers narrower")
                    return
                }
            }
            inputs = dense.units
        }
    }
}
