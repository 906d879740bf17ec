/// A table in the spirit of Keras' `model.summary()`: layer, output shape, parameter count.
extension Experiment {
    /// Trainable parameters: a dense layer has inputs * units weights plus units biases; dropout has none.
    public func parameterCount(inputFeatures: Int) -> Int {
        layerRows(inputFeatures: inputFeatures).reduce(0) { $0 + $1.parameters }
    }

    /// Keras names layers by kind and count: `dense`, `dense_1`, `dropout`, `dense_2`, ... in order.
    func layerRows(inputFeatures: Int) -> [(name: String, type: String, units: Int, parameters: Int)] {
        var inputs = inputFeatures
        var rows: [(String, String, Int, Int)] = []
        var counts: [String: Int] = [:]
        for layer in model.layers {
            switch layer {
            case .dense(let d):
                let n = counts["dense", default: 0]
                counts["dense"] = n + 1
                rows.append((n == 0 ? "dense" : "dense_\(n)", "Dense", d.units, inputs * d.units + (d.useBias ? d.units : 0)))
                inputs = d.units
            case .dropout:
                let n = counts["dropout", default: 0]
                counts["dropout"] = n + 1
                rows.append((n == 0 ? "dropout" : "dropout_\(n)", "Dropout", inputs, 0))
            }
        }
        return rows
    }

    /// The table, ending in a newline. Sizes assume float32 weights, as the engine stores them.
    public func summary(inputFeatures: Int) -> String {
        let rows = layerRows(inputFeatures: inputFeatures)
        let total = rows.reduce(0) { $0 + $1.parameters }
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }
        let rule = String(repeating: "_", count: 65)
        let double = String(repeating: "=", count: 65)
        var out = "Model: \"\(name)\"\n\(rule)\n"
        out += " " + pad("Layer (type)", 28) + pad("Output Shape", 26) + "Param #\n"
        out += double + "\n"
        out += " " + pad("input", 28) + "(None, \(inputFeatures))\n"
        for row in rows {
            out += " " + pad("\(row.name) (\(row.type))", 28) + pad("(None, \(row.units))", 26) + Self.grouped(row.parameters) + "\n"
        }
        out += double + "\n"
        out += "Total params: \(Self.grouped(total)) (\(Self.bytes(total * 4)))\n"
        out += "Trainable params: \(Self.grouped(total)) (\(Self.bytes(total * 4)))\n"
        out += "Non-trainable params: 0 (0.00 B)\n"
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
