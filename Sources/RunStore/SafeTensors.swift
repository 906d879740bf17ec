import ExperimentCompiler

/// Named float32 tensors and string metadata in the safetensors format, as Hugging Face's `safetensors`
/// package reads them (`safetensors.numpy.load_file`, `safe_open`).
///
/// Layout (huggingface/safetensors, README "Format"): an 8-byte little-endian UInt64 N; N bytes of UTF-8 JSON,
/// `{"__metadata__": {STRING: STRING, ...}, NAME: {"dtype": "F32", "shape": [...], "data_offsets": [BEGIN, END]}, ...}`;
/// then the byte buffer, BEGIN and END counting from its start. Tensors are C order, little-endian. The header
/// is padded with spaces to a multiple of 8 bytes, as the reference serializer pads it, so the data is aligned.
///
/// `encoded()` is a pure function of the tensors and metadata: keys sorted by their UTF-8 bytes, no whitespace
/// but the padding, and the data in the same name order with no gaps (the reference reader requires that).
public struct SafeTensors: Sendable, Equatable {
    /// One tensor: its name, shape (outermost first) and values in C order.
    public struct Tensor: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]

        public init(name: String, shape: [Int], values: [Float]) {
            precondition(shape.reduce(1, *) == values.count, "tensor \(name): shape \(shape) does not hold \(values.count) values")
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// The tensors, sorted by name (the file's order).
    public private(set) var tensors: [Tensor]
    /// `__metadata__`: free-form strings (the format allows no other values).
    public var metadata: [String: String]

    public static let metadataKey = "__metadata__"

    public init(tensors: [Tensor], metadata: [String: String] = [:]) {
        precondition(Set(tensors.map(\.name)).count == tensors.count, "tensor names must be unique")
        precondition(!tensors.contains { $0.name == Self.metadataKey }, "\(Self.metadataKey) is not a tensor name")
        self.tensors = tensors.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        self.metadata = metadata
    }

    /// The tensor called `name`, if any.
    public func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var entries: [String: JSONValue] = [:]
        if !metadata.isEmpty { entries[Self.metadataKey] = .object(metadata.mapValues(JSONValue.string)) }
        var offset = 0
        for tensor in tensors {
            let end = offset + 4 * tensor.values.count
            entries[tensor.name] = .object(["data_offsets": .array([.int(offset), .int(end)]), "dtype": .string("F32"),
                                            "shape": .array(tensor.shape.map(JSONValue.int))])
            offset = end
        }
        // Keys in UTF-8 byte order, as every JSON file the runner writes.
        var header = Array(JSONValue.object(entries).compactText.utf8)
        header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        bytes += header
        for tensor in tensors {
            #if _endian(little)
            tensor.values.withUnsafeBytes { bytes += $0 }  // memory order is the file's order: one copy
            #else
            for value in tensor.values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
            #endif
        }
        return bytes
    }
}

extension SafeTensors.Tensor {
    /// The first value that is NaN or infinite (its index outermost first, as NumPy's `np.unravel_index`), and
    /// how many there are; nil when every value is finite.
    public var firstNonFinite: (index: [Int], value: Float, count: Int)? {
        guard let flat = values.firstIndex(where: { !$0.isFinite }) else { return nil }
        var index: [Int] = [], rest = flat
        for size in shape.reversed() {
            index.insert(rest % size, at: 0)
            rest /= size
        }
        return (index, values[flat], values.lazy.filter { !$0.isFinite }.count)
    }
}
