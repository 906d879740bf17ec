extension JSONValue {
    /// The member `key` of an object; `nil` for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value as a Double when it is a number.
    public var number: Double? {
        switch self {
        case .int(let n): return Double(n)
        case .uint(let n): return Double(n)
        case .double(let x): return x
        default: return nil
        }
    }

    /// The value when it is a string.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
