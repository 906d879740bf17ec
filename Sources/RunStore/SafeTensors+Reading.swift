import ExperimentCompiler
import Foundation

extension SafeTensors {
    /// The reference implementation refuses headers above 100 MB; a header that large is not a model's.
    public static let maximumHeaderBytes = 100_000_000

    /// Reads the file at `path`.
    public static func read(path: String) throws(ModelFileError) -> SafeTensors {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        return try SafeTensors(bytes: Array(data), path: path)
    }

    /// Parses and checks every number of the header before any data is read: the header length against the
    /// file, each tensor's byte range against the buffer and against its shape. Only `F32` tensors are read.
    public init(bytes: [UInt8], path: String) throws(ModelFileError) {
        func malformed(_ reason: String) -> ModelFileError { .malformed(path: path, reason: reason) }
        guard bytes.count >= 8 else { throw malformed("\(bytes.count) bytes, shorter than the 8-byte header length") }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(Self.maximumHeaderBytes), Int(length) <= bytes.count - 8 else {
            throw malformed("the header length \(length) exceeds the file (\(bytes.count) bytes)")
        }
        let buffer = bytes[(8 + Int(length))...]
        let header: JSONValue
        do {
            header = try JSONValue(parsing: Data(bytes[8..<(8 + Int(length))]))
        } catch {
            throw malformed("the header is not JSON (\(error.description))")
        }
        guard case .object(let members) = header else { throw malformed("the header is not a JSON object") }
        var metadata: [String: String] = [:]
        var tensors: [Tensor] = []
        for (name, entry) in members {
            if name == Self.metadataKey {
                guard case .object(let pairs) = entry else { throw malformed("\(name) is not an object") }
                for (key, value) in pairs {
                    guard case .string(let text) = value else { throw malformed("\(name).\(key) is not a string") }
                    metadata[key] = text
                }
                continue
            }
            tensors.append(try Self.tensor(name, entry, buffer: buffer, malformed: malformed))
        }
        self.init(tensors: tensors, metadata: metadata)
    }

    private static func tensor(_ name: String, _ entry: JSONValue, buffer: ArraySlice<UInt8>,
                               malformed: (String) -> ModelFileError) throws(ModelFileError) -> Tensor {
        guard case .object(let fields) = entry else { throw malformed("tensor '\(name)' is not an object") }
        guard case .string(let dtype)? = fields["dtype"] else { throw malformed("tensor '\(name)' has no dtype") }
        guard dtype == "F32" else { throw malformed("tensor '\(name)' is \(dtype); only F32 tensors are read") }
        guard case .array(let dims)? = fields["shape"],
              let shape = Optional(dims.compactMap { if case .int(let n) = $0, n >= 0 { n } else { nil } }),
              shape.count == dims.count
        else { throw malformed("tensor '\(name)' has no shape of non-negative integers") }
        guard case .array(let range)? = fields["data_offsets"], range.count == 2,
              case .int(let begin) = range[0], case .int(let end) = range[1], 0 <= begin, begin <= end, end <= buffer.count
        else { throw malformed("tensor '\(name)' has data_offsets outside the \(buffer.count)-byte data") }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= buffer.count else { throw malformed("tensor '\(name)' has shape \(shape), larger than the data") }
            count = product
        }
        guard end - begin == 4 * count else {
            throw malformed("tensor '\(name)' has shape \(shape) (\(4 * count) bytes) but data_offsets [\(begin), \(end)]")
        }
        let start = buffer.startIndex + begin
        let values = (0..<count).map { i in
            let at = start + 4 * i
            let bits = UInt32(buffer[at]) | UInt32(buffer[at + 1]) << 8 | UInt32(buffer[at + 2]) << 16 | UInt32(buffer[at + 3]) << 24
            return Float(bitPattern: bits)
        }
        return Tensor(name: name, shape: shape, values: values)
    }
}
