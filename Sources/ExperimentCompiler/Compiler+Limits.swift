import YAML

extension Compiler {
    /// More layers than any dense stack needs; a generated file with a million would only tie up memory.
    public static let maximumLayerCount = 1024
    /// 2^31 parameters: 8 GiB of float32 weights and as much again for gradients. The same limit as the
    /// engine's `Sequential.maximumParameterCount`, checked here so the request is refused before any data
    /// is loaded or memory allocated, at the layer that crosses it.
    public static let maximumParameterCount = 1 << 31

    /// Layer count and total parameter count, each layer's from `LayerSpec.shape` (Keras' `count_params()`:
    /// a dense layer has `inputs x units` weights plus `units` biases); with an IDX folder of unknown shape
    /// the engine checks them when the data is loaded.
    func checkLimits(_ root: Node, data: DataSpec?, model: ModelSpec?, _ c: inout Checker) {
        guard let list = root["model"]?["layers"], let items = list.sequence else { return }
        if items.count > Self.maximumLayerCount {
            c.error(list.mark, "'model.layers' has \(items.count) layers; at most \(Self.maximumLayerCount) are allowed")
            return
        }
        guard let model, model.layers.count == items.count, let data, let dataset = shape(of: data.dataset) else { return }
        var total = 0
        for (index, layer) in model.layers.shapes(input: dataset.input(flatten: data.flatten)).layers.enumerated() {
            total = total.addingSaturated(layer.parameters)
            guard total > Self.maximumParameterCount else { continue }
            let kind = items[index].mapping?.first
            let main = model.layers[index].kind.mainArgument.flatMap { kind?.value[$0] }
            let mark = main?.mark ?? kind?.value.mark ?? items[index].mark
            let gigabytes = (Double(total) * 4 / 1e9 * 10).rounded() / 10
            c.error(mark, "'model.layers[\(index)].\(model.layers[index].kind.rawValue)' brings the model to \(total) parameters (\(gigabytes) GB of float32 "
                + "weights, as much again for gradients); at most \(Self.maximumParameterCount) are allowed, so make the layers narrower")
            return
        }
    }
}
