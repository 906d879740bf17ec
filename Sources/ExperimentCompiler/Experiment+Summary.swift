import ModelKinds

/// A table in the spirit of Keras' `model.summary()`: layer, output shape, parameter count, plus the FLOPs
/// of one example's forward pass (`LayerShape.flops`).
extension Experiment {
    /// Every parameter, trainable or not (Keras' `count_params()`).
    public func parameterCount(input: TensorShape) -> Int {
        model.layers.shapes(input: input).layers.reduce(0) { $0 + $1.parameters }
    }

    /// The shape the first layer reads from a dataset of `shape`: its image unless flattened.
    public func inputShape(_ shape: DatasetShape) -> TensorShape {
        shape.input(flatten: data.flatten)
    }

    /// The table, ending in a newline. Sizes assume float32 weights, as the engine stores them.
    public func summary(input: TensorShape) -> String {
        let shapes = model.layers.shapes(input: input).layers
        let names = model.layers.kerasNames
        let trainable = shapes.reduce(0) { $0 + $1.trainableParameters }
        let fixed = shapes.reduce(0) { $0 + $1.nonTrainableParameters }
        let flops = shapes.reduce(0) { $0.addingSaturated($1.flops) }
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }
        // Keras' widths where the names fit (batch_normalization_1 (BatchNormalization) does not).
        let nameWidth = max(34, 2 + model.layers.indices.map { "\(names[$0]) (\(model.layers[$0].kind.className))".count }.max()!)
        let rule = String(repeating: "_", count: nameWidth + 46)
        let double = String(repeating: "=", count: nameWidth + 46)
        var out = "Model: \"\(name)\"\n\(rule)\n"
        out += " " + pad("Layer (type)", nameWidth) + pad("Output Shape", 24) + pad("Param #", 10) + "FLOPs\n"
        out += double + "\n"
        out += " " + pad("input", nameWidth) + input.batchDescription + "\n"
        for (index, shape) in shapes.enumerated() {
            let layer = model.layers[index]
            out += " " + pad("\(names[index]) (\(layer.kind.className))", nameWidth) + pad(shape.output.batchDescription, 24)
                + pad(Self.grouped(shape.parameters), 10) + Self.grouped(shape.flops) + "\n"
        }
        out += double + "\n"
        out += "Total params: \(Self.grouped(trainable + fixed)) (\(Self.bytes((trainable + fixed) * 4)))\n"
        out += "Trainable params: \(Self.grouped(trainable)) (\(Self.bytes(trainable * 4)))\n"
        out += "Non-trainable params: \(Self.grouped(fixed)) (\(Self.bytes(fixed * 4)))\n"
        out += "FLOPs per example (forward): \(Self.grouped(flops))\n"
        out += rule + "\n"
        return out
    }

    /// 407050 -> "407,050".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// Keras' `readable_memory_size`: powers of 1024, two decimals.
    static func bytes(_ n: Int) -> String {
        var size = Double(n)
        for unit in ["B", "KB", "MB", "GB"] {
            if size < 1024 || unit == "GB" { return Self.twoDecimals(size) + " " + unit }
            size /= 1024
        }
        return ""
    }

    private static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
