import ModelKinds
import YAML

extension Compiler {
    /// `- dropout: 0.5` (rate in [0, 1)) with an optional `seed`, or `- dropout: {rate: 0.5, seed: 1}`.
    func dropout(_ rate: (node: Node, path: String), _ options: [String: Node], _ path: String, _ c: inout Checker) -> LayerSpec? {
        let base = String(path.dropLast(".dropout".count))
        let value = c.double(rate.node, rate.path, .unitHalfOpen)
        var seed: UInt64?
        var ok = value != nil
        if let n = options["seed"], !n.isNull {
            if let s = unsigned(n, "\(base).seed", &c) { seed = s } else { ok = false }
        }
        guard ok, let value else { return nil }
        return .dropout(DropoutSpec(rate: value, seed: seed))
    }

    /// `kernel_regularizer: {l2: 1e-4}`, `{l1: 1e-5}` or both; a name (`l1`, `l2`, `l1_l2`) takes Keras' 0.01
    /// for each factor it names. (The caller reads null as none.)
    func regularizer(_ node: Node, _ path: String, _ c: inout Checker) -> Regularizer? {
        if let pairs = node.mapping {
            c.checkKeys(pairs, known: ["l1", "l2"], in: path)
            guard pairs.allSatisfy({ ["l1", "l2"].contains($0.key.scalar?.text ?? "") }) else { return nil }
            if pairs.isEmpty {
                c.error(node.mark, "'\(path)' is empty; give a factor such as {l2: 0.0001}, or leave the key out for none")
                return nil
            }
            var r = Regularizer()
            var ok = true
            for pair in pairs {
                let key = pair.key.scalar!.text
                guard let x = c.double(pair.value, "\(path).\(key)", Regularizer.factorBounds) else { ok = false; continue }
                if key == "l1" { r.l1 = x } else { r.l2 = x }
            }
            return ok ? r : nil
        }
        if node.scalar?.string == nil {
            c.error(node.mark, "'\(path)' must be a mapping such as {l2: 0.0001} or a name (l1, l2, l1_l2), not \(Checker.describe(node))")
            return nil
        }
        guard let name = c.name(node, path, kind: "regularizer", known: ["l1", "l2", "l1_l2"]) else { return nil }
        // Keras' string identifiers: L1(0.01), L2(0.01), and l1_l2's l1 = l2 = 0.01.
        switch name {
        case "l1": return Regularizer(l1: 0.01)
        case "l2": return Regularizer(l2: 0.01)
        default: return Regularizer(l1: 0.01, l2: 0.01)
        }
    }

    /// An integer in 0...2^64-1 (integers beyond Int.max arrive as text from the YAML layer).
    func unsigned(_ node: Node, _ path: String, _ c: inout Checker) -> UInt64? {
        switch node.scalar?.value {
        case .int(let n)? where n >= 0: return UInt64(n)
        case .integerOutOfRange(let text)?:
            if let n = UInt64(text) { return n }
            c.error(node.mark, "'\(path)' must be between 0 and \(UInt64.max), not \(text)")
        case .int(let n)?:
            c.error(node.mark, "'\(path)' must be between 0 and \(UInt64.max), not \(n)")
        default:
            c.error(node.mark, "'\(path)' must be an integer, not \(Checker.describe(node))")
        }
        return nil
    }
}

extension Node {
    /// A plain `null` (or `~`, or nothing).
    var isNull: Bool {
        if case .null? = scalar?.value { return true }
        return false
    }
}
