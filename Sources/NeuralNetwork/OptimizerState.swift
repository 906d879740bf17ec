/// An optimizer's state between two steps, as a checkpoint keeps it: restored into an optimizer of the same
/// kind and settings, the next step is the one the original would have taken, bit for bit.
public struct OptimizerState: Sendable, Equatable {
    /// Steps taken (Keras' `iterations`): Adam's bias correction and per-step schedules read it.
    public var iterations: Int
    /// The rate of the last step, which a schedule or a plateau may have moved from the configured one.
    public var learningRate: Double
    /// Every slot buffer by name (`velocity`, `momentum`, `average_gradient`, `m`, `v`, `v_max`,
    /// `accumulator`), `parameterCount` values each; empty for plain SGD.
    public var slots: [String: [Float]]

    public init(iterations: Int, learningRate: Double, slots: [String: [Float]]) {
        self.iterations = iterations
        self.learningRate = learningRate
        self.slots = slots
    }
}

/// Why a saved optimizer state does not fit an optimizer: other slots (another kind, or other settings such
/// as momentum), slots of another size, or a negative step count.
public enum OptimizerStateError: Error, Equatable, Sendable, CustomStringConvertible {
    case slots(expected: [String], found: [String])
    case size(slot: String, expected: Int, found: Int)
    case iterations(Int)

    public var description: String {
        switch self {
        case let .slots(expected, found):
            return "its optimizer slots are [\(found.joined(separator: ", "))], the optimizer's are [\(expected.joined(separator: ", "))]"
        case let .size(slot, expected, found):
            return "its optimizer slot '\(slot)' holds \(found) values, the model has \(expected) parameters"
        case .iterations(let n):
            return "its optimizer step count is \(n)"
        }
    }
}

/// An optimizer whose state is its step count, its rate and named slot buffers: `state` and `restore` once for all.
protocol SlottedOptimizer: Optimizer {
    var iterations: Int { get set }
    /// Its slot buffers by the names a checkpoint gives them.
    var slotTable: [(String, OptimizerSlots)] { get }
}

extension SlottedOptimizer {
    public var state: OptimizerState {
        OptimizerState(iterations: iterations, learningRate: learningRate, slots: OptimizerSlots.values(of: slotTable, count: parameterCount))
    }

    public func restore(_ state: OptimizerState) throws(OptimizerStateError) {
        try OptimizerSlots.restore(state, into: slotTable, count: parameterCount)
        iterations = state.iterations
        learningRate = state.learningRate
    }
}

extension OptimizerSlots {
    /// The values of `table`'s buffers, `count` each, by name.
    static func values(of table: [(String, OptimizerSlots)], count: Int) -> [String: [Float]] {
        var values: [String: [Float]] = [:]
        for (name, slots) in table { values[name] = Array(UnsafeBufferPointer(start: slots.pointer, count: count)) }
        return values
    }

    /// Copies `state`'s slots into `table`'s buffers once every name and size has been checked (nothing is
    /// changed otherwise).
    static func restore(_ state: OptimizerState, into table: [(String, OptimizerSlots)], count: Int) throws(OptimizerStateError) {
        let expected = table.map(\.0).sorted(), found = state.slots.keys.sorted()
        guard expected == found else { throw .slots(expected: expected, found: found) }
        guard state.iterations >= 0 else { throw .iterations(state.iterations) }
        for (name, _) in table where state.slots[name]!.count != count {
            throw .size(slot: name, expected: count, found: state.slots[name]!.count)
        }
        for (name, slots) in table {
            state.slots[name]!.withUnsafeBufferPointer { slots.pointer.update(from: $0.baseAddress!, count: count) }
        }
    }
}
