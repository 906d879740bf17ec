import Datasets

/// The samples `runner predict` reads: an IDX images file (plain or gzipped) or a CSV of numbers, one
/// row per sample, as the experiment's preprocessing turns them into the model's inputs.
struct PredictionInput {
    /// rows x features, row-major, after scaling.
    var features: [Float]
    var rows: Int

    /// Reads `path`, expecting `width` features per sample, each divided by `scale` (1 leaves them as they are):
    /// the same IEEE float division as `BatchSource.gather`, so an IDX file of the test images gives the test inputs.
    /// A CSV whose header names `labelColumn` (the training CSV itself) has that column left out.
    init(path: String, width: Int, scale: Double, labelColumn: String? = nil) throws(RunnerFailure) {
        var bytes = try CompileStep.read(path)
        do {
            if Gunzip.isGzip(bytes) { bytes = try Gunzip.decompress(bytes, path: path) }
            // IDX starts with two zero bytes, which no CSV of numbers does.
            if bytes.count >= 2, bytes[0] == 0, bytes[1] == 0 {
                let images = try IDXFile(path: path, bytes: bytes, role: .testImages)
                let features = images.sampleShape.reduce(1, *)
                guard features == width else {
                    throw RunnerFailure.located("\(path): error: its images are \(images.sampleShape.map(String.init).joined(separator: "x")) = "
                        + "\(features) features, the model takes \(width); give images of the shape it was trained on")
                }
                rows = images.count
                self.features = images.bytes[images.dataOffset...].map { Float($0) }
            } else {
                (self.features, rows) = try Self.csv(bytes, path: path, width: width, labelColumn: labelColumn)
            }
        } catch let error as DatasetError {
            throw .located(error.description)
        } catch let error as RunnerFailure {
            throw error
        } catch {
            throw .runFailed("\(error)")
        }
        if scale != 1 {
            let divisor = Float(scale)
            for i in features.indices { features[i] /= divisor }
        }
    }

    /// One sample per line, `width` comma-separated numbers (Datasets' CSV dialect); a first line that is not all
    /// numbers is a header. A wrong count or a field that is not a finite number is reported by line and column.
    /// A header that names `labelColumn` has that column left out of every row (whatever its values).
    static func csv(_ bytes: [UInt8], path: String, width: Int, labelColumn: String? = nil) throws(RunnerFailure) -> ([Float], Int) {
        var features: [Float] = []
        var rows = 0
        var skipped: Int?
        let lines: [(line: Int, fields: [String])]
        do { lines = try CSVTable.rows(of: bytes, path: path) } catch { throw .located(error.description) }
        for (index, line) in lines.enumerated() {
            var texts = line.fields
            if index == 0 && texts.contains(where: { Float($0) == nil }) {
                skipped = labelColumn.flatMap { label in texts.firstIndex { $0 == label } }
                continue
            }
            if let skipped, skipped < texts.count { texts.remove(at: skipped) }
            let numbers = texts.map { Float($0) }
            guard texts.count == width else {
                throw .located("\(path):\(line.line): error: \(texts.count) value\(texts.count == 1 ? "" : "s"), the model takes "
                    + "\(width) per sample; give one sample per line, \(width) numbers separated by commas (a header line is optional)")
            }
            for (column, value) in numbers.enumerated() {
                guard let value, value.isFinite else {
                    let shown = skipped.map { column >= $0 ? column + 2 : column + 1 } ?? column + 1
                    throw .located("\(path):\(line.line): error: column \(shown) is '\(texts[column])', not a finite number")
                }
                features.append(value)
            }
            rows += 1
        }
        guard rows > 0 else { throw .located("\(path): error: no samples; give one sample per line, \(width) numbers separated by commas") }
        return (features, rows)
    }
}
