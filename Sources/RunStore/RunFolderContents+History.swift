import ExperimentCompiler
import Foundation

extension RunFolderContents {
    /// The per-epoch history: `history.json` when present, else `history.csv`, else empty (a run
    /// that has not finished an epoch). A present `history.csv` is always checked.
    static func loadHistory(_ folder: URL) throws(ResultsReadError) -> [String: [Double?]] {
        let csvFile = folder.appendingPathComponent("history.csv")
        let jsonFile = folder.appendingPathComponent("history.json")
        let csv = FileKind(csvFile) == nil ? nil : try parseHistoryCSV(readBytes(csvFile), file: csvFile)
        if FileKind(jsonFile) != nil { return try parseHistoryJSON(readJSON(jsonFile), file: jsonFile) }
        return csv ?? [:]
    }

    /// Keras History's shape: `{"loss": [0.3, 0.1], ...}`; `null` stands for a non-finite value.
    static func parseHistoryJSON(_ json: JSONValue, file: URL) throws(ResultsReadError) -> [String: [Double?]] {
        guard case .object(let members) = json else {
            throw .unexpectedJSON(path: file.relativePath, reason: "expected an object of per-epoch lists, as Keras' History")
        }
        var history: [String: [Double?]] = [:]
        for (name, value) in members {
            guard case .array(let items) = value else {
                throw .unexpectedJSON(path: file.relativePath, reason: "'\(name)' is not a list of numbers")
            }
            var values: [Double?] = []
            for (epoch, item) in items.enumerated() {
                if item == .null { values.append(nil); continue }
                guard let number = item.number else {
                    throw .unexpectedJSON(path: file.relativePath, reason: "'\(name)' item \(epoch) is not a number")
                }
                values.append(number)
            }
            history[name] = values
        }
        return history
    }

    /// Keras CSVLogger's shape: a header `epoch,<names>`, then one row per epoch, `epoch` counting
    /// from 0; an empty field is a missing or non-finite value. LF line ends (a CR before one is
    /// tolerated, for files that passed through a spreadsheet).
    static func parseHistoryCSV(_ bytes: Data, file: URL) throws(ResultsReadError) -> [String: [Double?]] {
        func corrupt(_ line: Int, _ reason: String) -> ResultsReadError {
            .corruptHistoryCSV(path: file.relativePath, line: line, reason: reason)
        }
        // Split bytes, not Characters: Swift reads "\r\n" as one Character, which "\n" would not match.
        var lines: [Substring] = []
        for bytes in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            guard let line = String(bytes: bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes, encoding: .utf8) else {
                throw corrupt(lines.count + 1, "the line is not UTF-8 text")
            }
            lines.append(Substring(line))
        }
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
              header.first == "epoch" else {
            throw corrupt(1, "the header must start with 'epoch' (epoch,accuracy,loss,...)")
        }
        let names = Array(header.dropFirst())
        if let empty = names.firstIndex(of: "") { throw corrupt(1, "column \(empty + 2) of the header has no name") }
        if Set(names).count != names.count { throw corrupt(1, "the header names a column twice") }

        var columns = [[Double?]](repeating: [], count: names.count)
        for (index, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw corrupt(index + 1, "\(fields.count) fields, but the header has \(header.count)")
            }
            guard let epoch = Int(fields[0]) else { throw corrupt(index + 1, "epoch '\(fields[0])' is not a whole number") }
            guard epoch == index - 1 else { throw corrupt(index + 1, "epoch is \(epoch), expected \(index - 1)") }
            for (column, field) in fields.dropFirst().enumerated() {
                if field.isEmpty { columns[column].append(nil); continue }
                guard let value = Double(field) else {
                    throw corrupt(index + 1, "'\(field)' in column \(names[column]) is not a number")
                }
                columns[column].append(value.isFinite ? value : nil)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(names, columns))
    }
}
