import Datasets
import Foundation

/// A run's folder name: a readable label of its overrides, then a short hash of the resolved experiment
/// (`lr=0.01,epochs=2-3fa9c21b`), or the hash alone when nothing was overridden.
///
/// The hash alone identifies the run: the same resolved experiment reached with other overrides (or none)
/// finds the folder already made for it, so the label is for people and never decides anything.
public struct RunID: Sendable, Equatable, CustomStringConvertible {
    /// The first 8 hexadecimal digits of SHA-256 over `resolved.json`'s bytes.
    public var hash: String
    public var label: String?

    public init(resolvedJSON: String, overrides: [String]) {
        hash = String(SHA256Digest.hex(Array(resolvedJSON.utf8)).prefix(8))
        label = Self.label(overrides)
    }

    public var description: String { label.map { "\($0)-\(hash)" } ?? hash }

    /// Whether a folder name belongs to this run, whatever label it was given.
    public func names(_ folder: String) -> Bool { folder == hash || folder.hasSuffix("-" + hash) }

    /// Longer labels are cut here so a folder name stays well under the 255-byte limit of file systems.
    static let maximumLabelLength = 80

    /// Common keys get the names people write in notes (`lr`); others keep their last path component.
    static let abbreviations = ["learning_rate": "lr", "batch_size": "batch", "validation_split": "val_split"]

    static func label(_ overrides: [String]) -> String? {
        let pairs = overrides.compactMap { text -> (path: [String], value: String)? in
            guard let equals = text.firstIndex(of: "=") else { return nil }
            let path = text[..<equals].replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
            return (path.split(separator: ".").map(String.init), String(text[text.index(after: equals)...]))
        }
        guard !pairs.isEmpty else { return nil }
        let short = pairs.map { shortKey($0.path) }
        let parts = pairs.enumerated().map { i, pair in
            // Two overrides whose short keys collide keep their full paths, so the label stays unambiguous.
            let key = short.filter { $0 == short[i] }.count > 1 ? pair.path.joined(separator: ".") : short[i]
            return readable(key, pair.value)
        }
        let label = String(parts.joined(separator: ",").unicodeScalars.map(Self.safe))
        return String(label.prefix(maximumLabelLength))
    }

    /// `key=value`; a flow mapping reads as its members (`optimizer={name: sgd, learning_rate: 0.1}` ->
    /// `optimizer=sgd,lr=0.1`, its `name` first) and a flow list as its items joined by `+` (`metrics=accuracy+mse`).
    /// Nested collections keep the plain form.
    static func readable(_ key: String, _ value: String) -> String {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard text.count >= 2, let open = text.first, let close = text.last,
              (open == "{" && close == "}") || (open == "[" && close == "]") else { return "\(key)=\(value)" }
        let inner = text.dropFirst().dropLast()
        guard !inner.contains(where: { "{}[]".contains($0) }) else { return "\(key)=\(value)" }
        let items = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if open == "[" { return "\(key)=" + items.joined(separator: "+") }
        var parts: [String] = []
        for item in items {
            let member = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard member.count == 2 else { return "\(key)=\(value)" }
            if member[0] == "name" { parts.insert("\(key)=\(member[1])", at: 0) } else { parts.append("\(abbreviations[member[0]] ?? member[0])=\(member[1])") }
        }
        return parts.isEmpty ? "\(key)=\(value)" : parts.joined(separator: ",")
    }

    /// `layers.0.dense` -> `dense0`, `learning_rate` -> `lr`: the last key, with a list index it sits under.
    static func shortKey(_ path: [String]) -> String {
        guard let last = path.last else { return "" }
        let name = abbreviations[last] ?? last
        if let index = path.dropLast().last(where: { Int($0) != nil }) { return name + index }
        return name
    }

    /// Characters a shell and every file system take without quoting; anything else becomes `_`.
    static func safe(_ u: Unicode.Scalar) -> Character {
        switch u {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", "+", "=", ",": return Character(u)
        default: return "_"
        }
    }
}
