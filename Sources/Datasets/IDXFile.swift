/// One decompressed IDX file (LeCun's format for MNIST), validated for its role.
///
/// Layout: two zero bytes, a type byte (0x08 = unsigned byte, the only type accepted here), the number of
/// dimensions, then one big-endian UInt32 per dimension, then the data in row-major order. The data must be
/// exactly the product of the dimensions: shorter is a truncated file, longer is not IDX.
/// The whole file stays in `bytes`, header included, so the data is never copied out of the decompression buffer.
public struct IDXFile: Sendable {
    public let path: String
    /// Sizes from the header: `[count, rows, columns]` for images, `[count]` for labels.
    public let dimensions: [Int]
    /// The whole file, header included.
    public let bytes: [UInt8]
    /// Where the data starts in `bytes`: 4 + 4 x the number of dimensions.
    public let dataOffset: Int

    /// The number of samples: the first dimension.
    public var count: Int { dimensions[0] }
    /// The shape of one sample: `[rows, columns]` for images, `[]` for labels.
    public var sampleShape: [Int] { Array(dimensions.dropFirst()) }

    /// Validates `bytes` as the IDX file for `role`; `path` names the file in errors.
    public init(path: String, bytes: [UInt8], role: IDXRole) throws(DatasetError) {
        let header = try IDXFile.header(path: path, prefix: bytes[...], role: role)
        let expected = header.dimensions.reduce(1, *)
        let actual = bytes.count - header.dataOffset
        if actual < expected { throw .truncatedFile(path: path, expectedBytes: expected, actualBytes: actual) }
        if actual > expected { throw .trailingBytes(path: path, expectedBytes: expected, actualBytes: actual) }
        self.path = path
        self.bytes = bytes
        self.dimensions = header.dimensions
        self.dataOffset = header.dataOffset
    }

    /// A file already known to be well formed (built in memory).
    init(path: String, dimensions: [Int], bytes: [UInt8], dataOffset: Int) {
        self.path = path
        self.dimensions = dimensions
        self.bytes = bytes
        self.dataOffset = dataOffset
    }

    /// Reads and validates the header alone, from the first bytes of a file: what the shape query needs.
    static func header(path: String, prefix: ArraySlice<UInt8>, role: IDXRole)
        throws(DatasetError) -> (dimensions: [Int], dataOffset: Int)
    {
        let bytes = Array(prefix.prefix(16))
        if bytes.prefix(2).contains(where: { $0 != 0 }) { throw .wrongMagic(path: path, firstBytes: Array(bytes.prefix(4))) }
        guard bytes.count >= 4 else { throw .truncatedFile(path: path, expectedBytes: 4, actualBytes: bytes.count) }
        guard bytes[2] == 0x08 else { throw .wrongType(path: path, typeByte: bytes[2]) }
        let rank = Int(bytes[3])
        guard rank == role.kind.dimensionCount else { throw .wrongDimensionCount(path: path, role: role, found: rank) }
        let dataOffset = 4 + 4 * rank
        guard prefix.count >= dataOffset else {
            throw .truncatedFile(path: path, expectedBytes: dataOffset, actualBytes: prefix.count)
        }
        let start = prefix.startIndex
        let dimensions = (0..<rank).map { d in
            (0..<4).reduce(0) { value, k in value << 8 | Int(prefix[start + 4 + 4 * d + k]) }
        }
        if dimensions.contains(0) { throw .emptyDimension(path: path, dimensions: dimensions) }
        // Three sizes below 2^32 can multiply past Int.max; such a header cannot describe a real file, and
        // reporting it as truncated (with the size saturated) beats trapping on the overflow.
        var product = 1
        for size in dimensions {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            if overflow {
                throw .truncatedFile(path: path, expectedBytes: Int.max, actualBytes: prefix.count - dataOffset)
            }
            product = next
        }
        return (dimensions, dataOffset)
    }

    /// Calls `body` with `bytes[range]` in place. (Array's own `withUnsafeBufferPointer` is untyped `rethrows`;
    /// going through `Result` keeps the caller's error type.)
    func withData<R, E: Error>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let result = bytes.withUnsafeBufferPointer { all in
            Result { () throws(E) -> R in try body(UnsafeBufferPointer(rebasing: all[range])) }
        }
        return try result.get()
    }

    /// The names of IDX's type bytes, for the wrong-type message.
    static func typeName(_ byte: UInt8) -> String {
        switch byte {
        case 0x08: "unsigned byte"
        case 0x09: "signed byte"
        case 0x0B: "16-bit integer"
        case 0x0C: "32-bit integer"
        case 0x0D: "32-bit float"
        case 0x0E: "64-bit float"
        default: "not an IDX type"
        }
    }
}
