import ModelKinds
import YAML

extension Compiler {
    /// Every layer's input shape from the dataset's, before any data loads: a convolution or pooling layer
    /// reached by a vector, a dense layer reached by an image, a `valid` window larger than its input. Each is
    /// reported at the layer's kind with the fix; after a dense layer on an image the walk goes on as if the
    /// `flatten` were there, so one missing flatten does not hide a later mistake.
    func checkShapes(_ root: Node, data: DataSpec?, model: ModelSpec?, _ c: inout Checker) {
        guard let data, let model, let dataset = shape(of: data.dataset),
              let items = root["model"]?["layers"]?.sequence, items.count == model.layers.count else { return }
        var current = dataset.input(flatten: data.flatten)
        // Whether `current` is still the data's own shape (only dropout and batch normalization so far).
        var fromData = true
        for (index, layer) in model.layers.enumerated() {
            let kind = layer.kind.rawValue, path = "model.layers[\(index)].\(kind)"
            let kindNode = items[index].mapping?.first
            let mark = kindNode?.key.mark ?? items[index].mark
            switch layer.shape(input: current) {
            case .success(let shape):
                current = shape.output
                if case .dropout = layer {} else if case .batchNormalization = layer {} else { fromData = false }
            case .failure(.needsVector(let input)):
                let unflattened = fromData ? ", or set 'data.preprocess.flatten: true'" : ""
                c.error(mark, "'\(path)' gets images of \(input) but a dense layer takes vectors; add '- flatten' before it\(unflattened)")
                guard case .dense(let d) = layer else { return }
                current = .vector(d.units)
                fromData = false
            case .failure(.needsImage(let input)):
                let reason: String
                if fromData, case .csv(let csv) = data.dataset {
                    reason = "\(csv.path) gives each example as a vector of \(input.count) values; a CSV dataset cannot feed a \(kind) layer, so use dense layers"
                } else if fromData {
                    reason = "'data.preprocess.flatten' is true, so each example is a vector of \(input.count) values; set 'flatten: false' to keep \(dataset.image.map(\.description) ?? "the images")"
                } else {
                    reason = "the layer before gives a vector of \(input.count) values; convolution and pooling layers go before 'flatten' and 'dense'"
                }
                c.error(mark, "'\(path)' needs images (height, width, channels), but \(reason)")
                return
            case .failure(.windowTooLarge(let window, let input)):
                let key = layer.kind == .conv2D ? "kernel_size" : "pool_size"
                let node = kindNode.flatMap { $0.value[key] } ?? items[index][key]
                c.error(node?.mark ?? mark, "'\(path)' has \(key) \(window), larger than its input \(input) with padding valid, which leaves nothing; "
                    + "use a smaller \(key), or 'padding: same'")
                return
            }
        }
    }
}
