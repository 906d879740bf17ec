import RunStore
import Foundation

/// Numbers as the SVG prints them: a fixed number of decimals, a point as separator, never `-0`.
///
/// `String(format:)` without a locale formats in the POSIX locale, so the bytes do not depend on the machine.
enum SVGNumber {
    /// `value` with exactly `decimals` decimals (`12.50`); a value that rounds to zero prints without a sign.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }

    /// A pixel coordinate: two decimals are a hundredth of a pixel, finer than any renderer resolves.
    static func coordinate(_ value: Double) -> String {
        fixed(value.isFinite ? value : 0, decimals: 2)
    }

    /// `value` in scientific notation with `significant` digits (`1.5e+07` for two), for ticks too large or small
    /// to print in full.
    static func exponential(_ value: Double, significant: Int) -> String {
        let text = String(format: "%.\(max(significant - 1, 0))e", value)
        if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
        return text
    }
}

/// Text made safe for XML 1.0 character data and attribute values.
enum XMLText {
    /// Escapes the five markup characters and replaces characters XML 1.0 forbids (control characters other
    /// than tab, line feed and carriage return; lone surrogates cannot occur in a Swift `String`; U+FFFE and
    /// U+FFFF) with U+FFFD, since a renderer refuses the whole file over a single one of them.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let forbidden = value < 0x20 || value == 0xFFFE || value == 0xFFFF
                out.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// `text` cut to at most `limit` characters, ending in an ellipsis when cut, so a long run label stays on
    /// the picture.
    static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(limit - 1, 0))) + "…"
    }
}
