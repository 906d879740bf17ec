import ExperimentCompiler

/// The model of a `resolved.json` as one compact line, `dense512 relu > dropout .5 > dense10 softmax`, so runs of
/// different architectures line up in one column instead of one column per layer position and option.
///
/// A layer is its kind and main value (dense units, dropout rate, conv filters and kernel, pool size), then what
/// sets it apart: the activation, an L1/L2 penalty, `no_bias`, initializers other than Keras' defaults
/// (glorot_uniform, zeros), strides and padding other than 1 and valid, batch normalization's non-defaults:
/// `conv2d32 3x3 relu > max_pooling2d 2x2 > flatten > dropout .5 > dense10 softmax`.
enum ModelSummary {
    static let path = "model"

    /// Whether a key path belongs to the model's layers (and so to the one `model` column).
    static func isLayerPath(_ path: String) -> Bool { path.hasPrefix("model.layers") }

    static func text(_ resolved: JSONValue) -> String? {
        guard case .array(let layers)? = resolved["model"]?["layers"] else { return nil }
        return layers.map(layerText).joined(separator: " > ")
    }

    static func layerText(_ layer: JSONValue) -> String {
        guard case .object(let members) = layer, let (kind, options) = members.first else { return layer.leafText }
        switch kind {
        case "dense":
            var parts = ["dense" + (options["units"].map(\.leafText) ?? "")]
            if let activation = options["activation"]?.string { parts.append(activation) }
            if case .object(let penalty)? = options["kernel_regularizer"] {
                for name in ["l1", "l2"] where (penalty[name]?.number ?? 0) != 0 { parts.append("\(name) \(short(penalty[name]!))") }
            }
            if case .bool(false)? = options["use_bias"] { parts.append("no_bias") }
            if let initializer = options["kernel_initializer"]?.string, initializer != "glorot_uniform" { parts.append(initializer) }
            if let initializer = options["bias_initializer"]?.string, initializer != "zeros" { parts.append("bias " + initializer) }
            return parts.joined(separator: " ")
        case "conv2d":
            var parts = ["conv2d" + (options["filters"].map(\.leafText) ?? "") + " " + size(options["kernel_size"])]
            if let strides = options["strides"], size(strides) != "1x1" { parts.append("strides " + size(strides)) }
            if let padding = options["padding"]?.string, padding != "valid" { parts.append(padding) }
            if let activation = options["activation"]?.string { parts.append(activation) }
            if case .bool(false)? = options["use_bias"] { parts.append("no_bias") }
            return parts.joined(separator: " ")
        case "max_pooling2d", "average_pooling2d":
            var parts = [kind + " " + size(options["pool_size"])]
            if let strides = options["strides"], strides != .null { parts.append("strides " + size(strides)) }
            if let padding = options["padding"]?.string, padding != "valid" { parts.append(padding) }
            return parts.joined(separator: " ")
        case "batch_normalization":
            // Keras' defaults left out: momentum 0.99, epsilon 0.001, center and scale.
            var parts = ["batch_normalization"]
            if let m = options["momentum"], m.number != 0.99 { parts.append("momentum " + short(m)) }
            if let e = options["epsilon"], e.number != 0.001 { parts.append("epsilon " + e.leafText) }
            for flag in ["center", "scale"] { if case .bool(false)? = options[flag] { parts.append("no_" + flag) } }
            return parts.joined(separator: " ")
        case "dropout":
            var text = "dropout " + (options["rate"].map(short) ?? "")
            if let seed = options["seed"], seed != .null { text += " seed \(seed.leafText)" }
            return text
        default:
            if case .object(let inner) = options {
                let described = inner.keys.sorted().map { "\($0) \(inner[$0]!.leafText)" }.joined(separator: " ")
                return described.isEmpty ? kind : kind + " " + described
            }
            return kind + " " + options.leafText
        }
    }

    /// `[3, 3]` as `3x3`.
    static func size(_ value: JSONValue?) -> String {
        guard case .array(let items)? = value else { return value?.leafText ?? "" }
        return items.map(\.leafText).joined(separator: "x")
    }

    /// A number as people write a rate: `.5`, `1e-4`.
    static func short(_ value: JSONValue) -> String {
        let text = value.leafText
        return text.hasPrefix("0.") ? String(text.dropFirst()) : text
    }
}
