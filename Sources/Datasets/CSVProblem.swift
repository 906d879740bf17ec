/// What can be wrong with a CSV dataset, each naming the file (and line:column inside it where there is one).
///
/// `description` takes the diagnostic form `PATH:LINE:COLUMN: error: MESSAGE` (or `PATH: error: ...`).
public enum CSVProblem: Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case empty(path: String)
    case noRows(path: String)
    case badHeader(path: String, message: String)
    case syntax(path: String, line: Int, column: Int, message: String)
    case fieldCount(path: String, line: Int, found: Int, expected: Int)
    case notANumber(path: String, line: Int, column: Int, text: String, name: String)
    case missingLabel(path: String, label: String, header: [String])
    case noFeatures(path: String, label: String)
    case headerMismatch(train: String, test: String, trainHeader: [String], testHeader: [String])
    case emptyLabel(path: String, line: Int, column: Int)
    case classIDTooLarge(path: String, line: Int, column: Int, label: String)
    case tooManyClasses(path: String, count: Int)
    case unknownClass(path: String, line: Int, column: Int, label: String, classes: String)
    case testFractionTooSmall(path: String, rows: Int, fraction: Double)

    /// The file the problem is in.
    public var path: String {
        switch self {
        case .notFound(let p), .empty(let p), .noRows(let p), .badHeader(let p, _), .syntax(let p, _, _, _),
             .fieldCount(let p, _, _, _), .notANumber(let p, _, _, _, _), .missingLabel(let p, _, _), .noFeatures(let p, _),
             .emptyLabel(let p, _, _), .classIDTooLarge(let p, _, _, _), .tooManyClasses(let p, _),
             .unknownClass(let p, _, _, _, _), .testFractionTooSmall(let p, _, _): p
        case .headerMismatch(_, let test, _, _): test
        }
    }

    /// Line and column inside the file, when the problem has one place.
    public var position: (line: Int, column: Int)? {
        switch self {
        case .syntax(_, let l, let c, _), .notANumber(_, let l, let c, _, _), .emptyLabel(_, let l, let c),
             .classIDTooLarge(_, let l, let c, _), .unknownClass(_, let l, let c, _, _): (l, c)
        case .fieldCount(_, let l, _, _): (l, 1)
        default: nil
        }
    }

    /// The message alone, without the location.
    public var message: String {
        switch self {
        case .notFound:
            return "CSV file not found; a relative path is taken from the current directory"
        case .empty:
            return "the CSV file is empty; it needs a header line naming the columns, then one line per sample"
        case .noRows:
            return "the CSV file has a header but no samples"
        case .badHeader(_, let message), .syntax(_, _, _, let message):
            return message
        case let .fieldCount(_, _, found, expected):
            return "\(found) field\(found == 1 ? "" : "s") but the header names \(expected) columns; every line needs one value per column"
        case let .notANumber(_, _, _, text, name):
            let shown = text.isEmpty ? "an empty field" : "'\(text)'"
            return "\(shown) in column '\(name)' is not a finite number; features must be numbers (missing values are not supported: fill or drop them first)"
        case let .missingLabel(_, label, header):
            return "no column '\(label)' in the header; the columns are \(header.map { "'\($0)'" }.joined(separator: ", "))"
        case let .noFeatures(_, label):
            return "the only column is the label '\(label)'; a dataset needs at least one feature column"
        case let .headerMismatch(train, _, trainHeader, testHeader):
            return "the test file's header (\(testHeader.joined(separator: ","))) differs from the header of \(train) (\(trainHeader.joined(separator: ","))); both files need the same columns in the same order"
        case .emptyLabel:
            return "empty label; every sample needs its class"
        case let .classIDTooLarge(_, _, _, label):
            return "class id \(label) is too large: at most 256 classes (0...255) are supported"
        case let .tooManyClasses(_, count):
            return "\(count) distinct labels: at most 256 classes are supported"
        case let .unknownClass(_, _, _, label, classes):
            return "test label '\(label)' is not a class of the training data (\(classes)); the model has no output for it"
        case let .testFractionTooSmall(_, rows, fraction):
            return "test_fraction \(fraction) of \(rows) row\(rows == 1 ? "" : "s") leaves no training or no test sample; give a fraction strictly between 0 and 1 that leaves at least one row on each side"
        }
    }

    public var description: String {
        if let position { return "\(path):\(position.line):\(position.column): error: \(message)" }
        return "\(path): error: \(message)"
    }
}
