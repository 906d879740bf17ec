import Foundation

extension Compiler {
    /// This compiler with each data probe run at most once per file or folder: one compile asks for a CSV's
    /// shape, rows and cells from several checks, and a sweep's every point asks again, but a probe of a large
    /// CSV reads the whole file.
    public func probingOnce() -> Compiler {
        var compiler = self
        compiler.csvProbe = Memo(csvProbe).callAsFunction
        compiler.idxFolderShape = Memo(idxFolderShape).callAsFunction
        return compiler
    }
}

/// Each key's value computed once, whichever thread asks first.
private final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let compute: @Sendable (Key) -> Value
    private var values: [Key: Value] = [:]
    private let lock = NSLock()

    init(_ compute: @escaping @Sendable (Key) -> Value) {
        self.compute = compute
    }

    @Sendable func callAsFunction(_ key: Key) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] { return value }
        let value = compute(key)
        values[key] = value
        return value
    }
}
