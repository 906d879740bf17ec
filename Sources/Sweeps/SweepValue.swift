import YAML

/// One value a sweep gives a path: the YAML text a child run receives as `--set PATH=TEXT`, and the
/// same value parsed, its marks pointing where the sweep wrote it (so a bad value is reported there).
public struct SweepValue: Sendable {
    public var text: String
    public var node: Node

    public init(text: String, node: Node) {
        self.text = text
        self.node = node
    }

    /// A value written in the file's `sweep:` section, re-written as one line of flow YAML for `--set`.
    init(node: Node) {
        self.init(text: Self.flowText(node), node: node)
    }

    /// One-line YAML that parses back to the same value: plain scalars as written, quoted ones double-quoted
    /// (so `"10"` stays a string), collections in flow style.
    static func flowText(_ node: Node) -> String {
        switch node.content {
        case .scalar(let s):
            if s.style == .plain { return s.text }
            return quoted(s.text)
        case .sequence(let items):
            return "[" + items.map(flowText).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { "\(flowText($0.key)): \(flowText($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// A YAML double-quoted scalar (YAML 1.2, 7.3.1): backslash and quote escaped, control characters as \uXXXX.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
