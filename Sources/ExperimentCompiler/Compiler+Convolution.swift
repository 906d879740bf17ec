import ModelKinds
import YAML

extension Compiler {
    /// `- conv2d: 32` with `kernel_size` (required, an int or [h, w]), `strides`, `padding` and dense's options.
    func conv2D(_ filters: (node: Node, path: String), _ options: [String: Node], _ path: String, _ c: inout Checker) -> LayerSpec? {
        let base = String(path.dropLast(".conv2d".count))
        let count = c.int(filters.node, filters.path, 1...Schema.maxUnits)
        var ok = count != nil
        let kernel: Size2D?
        if let n = options["kernel_size"] {
            kernel = size2D(n, "\(base).kernel_size", &c)
        } else {
            c.error(filters.node.mark, "'\(base)' needs a 'kernel_size', such as 'kernel_size: 3' or 'kernel_size: [3, 3]' (Keras has no default)")
            kernel = nil
        }
        var conv = Conv2DSpec(filters: count ?? 1, kernelSize: kernel ?? .square(1))
        ok = kernel != nil && ok
        if let n = options["strides"] {
            if let s = size2D(n, "\(base).strides", &c) { conv.strides = s } else { ok = false }
        }
        if let n = options["padding"] {
            if let p = padding(n, "\(base).padding", &c) { conv.padding = p } else { ok = false }
        }
        ok = kernelOptions(&conv, options, base, &c) && ok
        return ok ? .conv2D(conv) : nil
    }

    /// `- max_pooling2d: 2` (or with no value: `(2, 2)`), with `strides` (default: the pool size) and `padding`.
    func pooling(_ size: (node: Node, path: String)?, _ options: [String: Node], _ path: String, _ c: inout Checker) -> Pooling2DSpec? {
        let base = String(path[..<path.lastIndex(of: ".")!])
        var pooling = Pooling2DSpec()
        var ok = true
        if let size {
            if let s = size2D(size.node, size.path, &c) { pooling.poolSize = s } else { ok = false }
        }
        if let n = options["strides"], !n.isNull {
            if let s = size2D(n, "\(base).strides", &c) { pooling.strides = s } else { ok = false }
        }
        if let n = options["padding"] {
            if let p = padding(n, "\(base).padding", &c) { pooling.padding = p } else { ok = false }
        }
        return ok ? pooling : nil
    }

    /// `- batch_normalization` with `momentum` in [0, 1], `epsilon` > 0, `center` and `scale`.
    func batchNormalization(_ options: [String: Node], _ path: String, _ c: inout Checker) -> LayerSpec? {
        let base = String(path.dropLast(".batch_normalization".count))
        var spec = BatchNormalizationSpec()
        var ok = true
        if let n = options["momentum"] {
            if let x = c.double(n, "\(base).momentum", .unitClosed) { spec.momentum = x } else { ok = false }
        }
        if let n = options["epsilon"] {
            if let x = c.double(n, "\(base).epsilon", .positive) { spec.epsilon = x } else { ok = false }
        }
        for (key, keyPath) in [("center", \BatchNormalizationSpec.center), ("scale", \BatchNormalizationSpec.scale)] {
            guard let n = options[key] else { continue }
            if let b = c.bool(n, "\(base).\(key)") { spec[keyPath: keyPath] = b } else { ok = false }
        }
        return ok ? .batchNormalization(spec) : nil
    }

    /// Keras' int-or-tuple: `3` is (3, 3), `[3, 5]` is 3 high and 5 wide; each at least 1.
    private func size2D(_ node: Node, _ path: String, _ c: inout Checker) -> Size2D? {
        if let items = node.sequence {
            guard items.count == 2 else {
                c.error(node.mark, "'\(path)' must be an integer or a list of two integers [height, width], not a list of \(items.count)")
                return nil
            }
            let h = c.int(items[0], "\(path)[0]", 1...Schema.maxUnits), w = c.int(items[1], "\(path)[1]", 1...Schema.maxUnits)
            guard let h, let w else { return nil }
            return Size2D(h, w)
        }
        if node.mapping != nil {
            c.error(node.mark, "'\(path)' must be an integer or a list of two integers such as [3, 3], not \(Checker.describe(node))")
            return nil
        }
        return c.int(node, path, 1...Schema.maxUnits).map(Size2D.square)
    }

    private func padding(_ node: Node, _ path: String, _ c: inout Checker) -> Padding? {
        c.name(node, path, kind: "padding", known: Padding.allCases.map(\.rawValue)).flatMap(Padding.init(rawValue:))
    }
}
