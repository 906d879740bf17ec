/// The per-epoch logs of a fit, as Keras' `History.history` holds them: one series per name.
public struct History: Sendable, Equatable {
    public private(set) var epochs: [Logs] = []
    /// The epoch (1-based) after which early stopping ended training; nil when every epoch ran.
    public var stoppedEpoch: Int?
    /// The epoch (1-based) whose weights early stopping restored at the end; nil when the model keeps the
    /// last epoch's weights. When set, the last epoch's `val_` figures are not the final model's.
    public var restoredEpoch: Int?

    public init() {}

    /// A history of these epochs, in order.
    public init(_ epochs: [Logs]) { self.epochs = epochs }

    public mutating func append(_ logs: Logs) { epochs.append(logs) }

    /// Every name that any epoch reported, in first-seen order.
    public var names: [String] {
        var seen: [String] = []
        for logs in epochs { for name in logs.names where !seen.contains(name) { seen.append(name) } }
        return seen
    }

    /// One value per epoch for `name` (nil where an epoch lacks it).
    public func series(_ name: String) -> [Double?] { epochs.map { $0[name] } }

    public var last: Logs? { epochs.last }

    /// The figures of the weights the model ends with: the restored epoch's, else the last epoch's.
    public var final: Logs? {
        guard let restoredEpoch, epochs.indices.contains(restoredEpoch - 1) else { return last }
        return epochs[restoredEpoch - 1]
    }
}
