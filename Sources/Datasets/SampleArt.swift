/// One sample as text, for `runner data show`: an image as ASCII shades, a CSV row as `name: value` lines.
///
/// ASCII, not Unicode half blocks: the picture must survive a plain log, `less`, a CI page or a font without
/// block glyphs. Ten shades `" .:-=+*#%@"` (darkest ink last, as on a white page the digit is drawn dark;
/// on a dark terminal it reads as a bright digit on black) index by `pixel * 10 / 256`, the same ten equal
/// bands matplotlib's `matshow` would colour. Each pixel is two characters wide because a terminal cell is
/// about twice as tall as it is wide, so a 28 x 28 image stays square (56 x 28 characters).
public enum SampleArt {
    /// The shades from 0 (background) to 255 (ink).
    public static let shades = Array(" .:-=+*#%@")

    /// The shade character of one byte pixel.
    public static func shade(_ pixel: UInt8) -> Character {
        shades[Int(pixel) * shades.count / 256]
    }

    /// `rows x columns` pixels framed by `+--+` and `|`, each pixel as two shade characters; ends with a newline.
    public static func image(_ pixels: [UInt8], rows: Int, columns: Int) -> String {
        precondition(pixels.count == rows * columns, "\(pixels.count) pixels for \(rows) x \(columns)")
        let border = "+" + String(repeating: "-", count: 2 * columns) + "+\n"
        var text = border
        for r in 0..<rows {
            text += "|"
            for c in 0..<columns {
                let character = shade(pixels[r * columns + c])
                text.append(character)
                text.append(character)
            }
            text += "|\n"
        }
        return text + border
    }

    /// The label line: `label: 9 (Ankle boot)`, or `label: 5` when the classes have no names.
    public static func label(_ label: UInt8, names: [String]?) -> String {
        if let names, Int(label) < names.count { return "label: \(label) (\(names[Int(label)]))" }
        return "label: \(label)"
    }

    /// Sample `index` of `split`: a header line, the label, then the picture (images) or the features (CSV).
    public static func render(_ split: DatasetSplit, index: Int, splitName: String, dataset: LoadedDataset) -> String {
        var text = "\(dataset.name) \(splitName)[\(index)] of \(split.count)\n"
        text += label(split.label(index), names: dataset.classNames) + "\n"
        if let names = split.featureNames {
            let width = names.map(\.count).max() ?? 0
            for (name, value) in zip(names, split.features(index)) {
                text += String(repeating: " ", count: width - name.count) + name + ": " + Self.number(value) + "\n"
            }
            return text
        }
        let shape = split.sampleShape
        let rows = shape.count == 2 ? shape[0] : 1, columns = shape.count == 2 ? shape[1] : split.featureCount
        return text + image(split.pixels(index), rows: rows, columns: columns)
    }

    /// A float as Python prints it: `5.1`, `3.0`, `1e-05` where that is shortest (Swift's description agrees
    /// on these: the shortest text that reads back to the same float).
    static func number(_ value: Float) -> String {
        value.description
    }
}
