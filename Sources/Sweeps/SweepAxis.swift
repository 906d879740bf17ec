/// One swept key path and the values it takes (placeholder until the sweeps issue lands).
public struct SweepAxis: Sendable, Equatable {
    public var path: String
    public var values: [String]
    public init(path: String, values: [String]) { self.path = path; self.values = values }
}
