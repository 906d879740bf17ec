/// Why a run's `model.safetensors` cannot be used; each description says where, what is wrong and what
/// to do, as `PATH: error: WHAT; WHAT TO DO` (the shape of `ResultsReadError`).
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The run folder has no model file (a run that did not complete, or one from before models were saved).
    case missing(path: String)
    /// The file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// The bytes are not a safetensors file this runner can read.
    case malformed(path: String, reason: String)
    /// A valid file whose tensors do not fit the run's model (edited, or copied from another run).
    case mismatch(path: String, reason: String)
    /// A tensor holds NaN or an infinity (`index` is the first, outermost first; `count` how many): a completed
    /// run's weights are finite, since training stops at the first non-finite loss.
    case nonFinite(path: String, tensor: String, index: [Int], value: Float, count: Int)

    private static let retrain = "run the experiment again with --force to write it again"

    public var path: String {
        switch self {
        case .missing(let path), .unreadable(let path, _), .malformed(let path, _), .mismatch(let path, _),
             .nonFinite(let path, _, _, _, _): return path
        }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): error: no such file; only a completed run has its model (run the experiment to completion, "
                + "or again with --force if it completed before models were saved)"
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read it: \(reason)"
        case .malformed(let path, let reason):
            return "\(path): error: not a safetensors file this runner can read: \(reason); \(Self.retrain)"
        case .mismatch(let path, let reason):
            return "\(path): error: does not fit the run's model: \(reason); \(Self.retrain)"
        case let .nonFinite(path, tensor, index, value, count):
            return "\(path): error: tensor '\(tensor)' holds \(value) at \(index) (\(count) value\(count == 1 ? " is" : "s are") not finite); "
                + "a completed run's weights are finite, so the file is damaged: \(Self.retrain)"
        }
    }
}
