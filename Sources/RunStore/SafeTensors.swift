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
        self.tensors = tensors.sorted { Self.precedes($0.name, $1.name) }
        self.metadata = metadata
    }

    /// The tensor called `name`, if any.
    public func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var entries: [(key: String, json: String)] = []
        if !metadata.isEmpty {
            let members = metadata.keys.sorted(by: Self.precedes).map { Self.quoted($0) + ":" + Self.quoted(metadata[$0]!) }
            entries.append((Self.metadataKey, "{" + members.joined(separator: ",") + "}"))
        }
        var offset = 0
        for tensor in tensors {
            let end = offset + 4 * tensor.values.count
            // Members in key order: data_offsets, dtype, shape.
            let json = "{\"data_offsets\":[\(offset),\(end)],\"dtype\":\"F32\",\"shape\":["
                + tensor.shape.map(String.init).joined(separator: ",") + "]}"
            entries.append((tensor.name, json))
            offset = end
        }
        entries.sort { Self.precedes($0.key, $1.key) }
        var header = Array(("{" + entries.map { Self.quoted($0.key) + ":" + $0.json }.joined(separator: ",") + "}").utf8)
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

    /// Byte-wise UTF-8 order, the order of every JSON file the runner writes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }

    /// A JSON string literal (RFC 8259 escapes).
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
