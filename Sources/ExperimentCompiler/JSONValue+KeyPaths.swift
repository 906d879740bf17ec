
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

    /// A float as people read it: Swift's shortest round-trip form (`0.001`, `255.0`, `1e+16`), except that an
    /// integral value of a million or more whose digits end in zeros takes the exponent form when that is
    /// shorter and reads back to the same double (`10000000000000.0` -> `1e+13`, `2500000.0` -> `2.5e+06`).
    /// Only what is shown changes: resolved.json keeps the canonical form, so run ids stay as they were.
    public static func shortText(_ x: Double) -> String {
        let plain = "\(x)"
        guard x.isFinite, abs(x) >= 1e6, plain.hasSuffix(".0"), !plain.contains("e") else { return plain }
        let negative = x < 0
        let digits = Array(plain.dropLast(2).drop { $0 == "-" })
        var significant = digits
        while significant.count > 1, significant.last == "0" { significant.removeLast() }
        let exponent = digits.count - 1
        let mantissa = significant.count == 1 ? String(significant) : String(significant[0]) + "." + String(significant.dropFirst())
        let text = (negative ? "-" : "") + mantissa + "e+" + (exponent < 10 ? "0" : "") + String(exponent)
        return text.count < plain.count && Double(text) == x ? text : plain
    }

    /// A leaf as one short piece of text: strings unquoted, numbers in canonical form (a large float in its
    /// shortest form, see `shortText`), `[]`, `{}`.
    public var leafText: String {
        switch self {
        case .string(let s): return s
        case .double(let x) where x.isFinite: return Self.shortText(x)
        case .array, .object:
            return canonicalText.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ")
        default: return String(canonicalText.dropLast())
        }
    }
}
