
extension JSONValue {
    /// Every leaf under its key path: `compile.optimizer.learning_rate`, `model.layers[0].dense.units`.
    /// Empty objects and lists are leaves (`{}`, `[]`), so a value that became empty still shows.
    public func leavesByKeyPath() -> [String: JSONValue] {
        var leaves: [String: JSONValue] = [:]
        collectLeaves(prefix: "", into: &leaves)
        return leaves
    }

    private func collectLeaves(prefix: String, into leaves: inout [String: JSONValue]) {
        switch self {
        case .object(let members) where !members.isEmpty:
            for (key, value) in members {
                value.collectLeaves(prefix: prefix.isEmpty ? key : prefix + "." + key, into: &leaves)
            }
        case .array(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                item.collectLeaves(prefix: prefix + "[\(index)]", into: &leaves)
            }
        default:
            leaves[prefix] = self
        }
    }

    /// A leaf as one short piece of text: strings unquoted, numbers in canonical form, `[]`, `{}`.
    public var leafText: String {
        switch self {
        case .string(let s): return s
        case .array, .object:
            return canonicalText.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ")
        default: return String(canonicalText.dropLast())
        }
    }
}
