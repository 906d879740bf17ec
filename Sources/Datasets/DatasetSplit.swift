/// One split of a dataset (training or test, or a contiguous slice of one), images kept as bytes.
///
/// The split holds the decompressed IDX files themselves and a range of sample indices into them, so slicing
/// (validation split, small training subsets in tests) copies nothing; a float copy is never made, the
/// preprocessing converts bytes per batch (`BatchSource.gather`).
public struct DatasetSplit: Sendable {
    let images: IDXFile
    let labels: IDXFile
    /// The samples of the files that belong to this split.
    public let range: Range<Int>

    /// Pairs images and labels from two validated IDX files; their counts must agree.
    public init(images: IDXFile, labels: IDXFile) throws(DatasetError) {
        guard images.count == labels.count else {
            throw .countMismatch(images: images.path, imageCount: images.count, labels: labels.path, labelCount: labels.count)
        }
        self.init(images: images, labels: labels, range: 0..<images.count)
    }

    private init(images: IDXFile, labels: IDXFile, range: Range<Int>) {
        self.images = images
        self.labels = labels
        self.range = range
    }

    public var count: Int { range.count }
    /// The shape of one image: `[rows, columns]`.
    public var sampleShape: [Int] { images.sampleShape }
    /// Pixels per image: rows x columns.
    public var featureCount: Int { images.sampleShape.reduce(1, *) }
    public var imagesPath: String { images.path }
    public var labelsPath: String { labels.path }

    /// The label of sample `index` (0-based within this split).
    public func label(_ index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "sample \(index) outside a split of \(count)")
        return labels.bytes[labels.dataOffset + range.lowerBound + index]
    }

    /// A copy of the pixels of sample `index`, row by row, indexed from 0 (for inspection, not the hot path).
    public func pixels(_ index: Int) -> [UInt8] {
        precondition(index >= 0 && index < count, "sample \(index) outside a split of \(count)")
        let start = images.dataOffset + (range.lowerBound + index) * featureCount
        return Array(images.bytes[start..<start + featureCount])
    }

    /// The largest label in the split.
    public var maxLabel: UInt8 {
        withLabelBytes { $0.max() ?? 0 }
    }

    /// Samples `subrange` of this split (0-based within it), sharing the bytes.
    public func slice(_ subrange: Range<Int>) -> DatasetSplit {
        precondition(subrange.lowerBound >= 0 && subrange.upperBound <= count, "slice \(subrange) of a split of \(count)")
        return DatasetSplit(
            images: images, labels: labels,
            range: range.lowerBound + subrange.lowerBound..<range.lowerBound + subrange.upperBound)
    }

    /// The pixels of all samples of the split, `count x featureCount` bytes, sample after sample.
    public func withImageBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let start = images.dataOffset + range.lowerBound * featureCount
        return try images.withData(start..<start + count * featureCount, body)
    }

    /// The labels of all samples of the split, one byte each.
    public func withLabelBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try labels.withData(labels.dataOffset + range.lowerBound..<labels.dataOffset + range.upperBound, body)
    }
}
