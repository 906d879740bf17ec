import Datasets
import ExperimentCompiler
import Foundation

/// `preprocessing.json`: what inference needs from the training data, saved when the run trains so that
/// `evaluate` and `predict` never load the training split again: the standardisation statistics (with
/// `preprocess.standardize`) and the class names (Fashion-MNIST's, a CSV dataset's).
///
/// Written only when there is something to save, so runs without either keep the folder they always had.
/// Floats are written as the shortest Double text of each Float32, which reads back to the same Float.
public struct PreprocessingFile: Sendable, Equatable {
    public static let name = "preprocessing.json"

    public var standardization: Standardization?
    public var classNames: [String]?

    public init(standardization: Standardization?, classNames: [String]?) {
        self.standardization = standardization
        self.classNames = classNames
    }

    /// Whether the file would say anything.
    public var isEmpty: Bool { standardization == nil && classNames == nil }

    public var json: JSONValue {
        var members: [String: JSONValue] = [:]
        if let standardization {
            members["standardization"] = .object([
                "mean": .array(standardization.mean.map { .double(Double($0)) }),
                "std": .array(standardization.std.map { .double(Double($0)) }),
            ])
        }
        if let classNames { members["class_names"] = .array(classNames.map(JSONValue.string)) }
        return .object(members)
    }

    /// The file in `folder`; nil when the folder has none (a run without anything to save, or one written
    /// before runner 0.5), an error when it is there but unreadable.
    public static func read(folder: String) throws(ResultsReadError) -> PreprocessingFile? {
        let path = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let root: JSONValue
        do { root = try JSONValue(parsing: data) } catch { throw .corruptJSON(path: path, reason: error.description) }
        func floats(_ value: JSONValue?) -> [Float]? {
            guard case .array(let items)? = value else { return nil }
            let numbers = items.compactMap { $0.number.map(Float.init) }
            return numbers.count == items.count ? numbers : nil
        }
        var file = PreprocessingFile(standardization: nil, classNames: nil)
        if let statistics = root["standardization"] {
            guard let mean = floats(statistics["mean"]), let std = floats(statistics["std"]), mean.count == std.count else {
                throw .unexpectedJSON(path: path, reason: "'standardization' needs lists 'mean' and 'std' of the same length")
            }
            file.standardization = Standardization(mean: mean, std: std)
        }
        if let names = root["class_names"] {
            guard case .array(let items) = names, case let strings = items.compactMap(\.string), strings.count == items.count else {
                throw .unexpectedJSON(path: path, reason: "'class_names' must be a list of strings")
            }
            file.classNames = strings
        }
        return file
    }
}
