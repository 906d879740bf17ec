/// One split of a dataset (training or test, or a contiguous slice of one).
///
/// The split holds its whole source (the decompressed IDX files, or a CSV's parsed values) and a range of
/// sample indices into it, so slicing (validation split, small training subsets in tests) copies nothing.
/// IDX images stay bytes; the preprocessing converts them per batch (`BatchSource.gather`). CSV features are
/// parsed once into floats. Labels are always one byte per sample, an IDX label file (CSV labels are encoded
/// as one in memory), so at most 256 classes.
public struct DatasetSplit: Sendable {
    /// Where the features of the samples live.
    enum Samples: Sendable {
        case bytes(IDXFile)
        case floats(FloatSamples)
    }

    let samples: Samples
    let labels: IDXFile
    /// The samples of the files that belong to this split.
    public let range: Range<Int>

    /// Pairs images and labels from two validated IDX files; their counts must agree.
    public init(images: IDXFile, labels: IDXFile) throws(DatasetError) {
        guard images.count == labels.count else {
            throw .countMismatch(images: images.path, imageCount: images.count, labels: labels.path, labelCount: labels.count)
        }
        self.init(samples: .bytes(images), labels: labels, range: 0..<images.count)
    }

    /// Float features (`count x featureCount`, row after row) and their labels, as a CSV file gives them.
    init(features: FloatSamples, labels: IDXFile) {
        precondition(features.count == labels.count, "\(features.count) feature rows for \(labels.count) labels")
        self.init(samples: .floats(features), labels: labels, range: 0..<features.count)
    }

    private init(samples: Samples, labels: IDXFile, range: Range<Int>) {
        self.samples = samples
        self.labels = labels
        self.range = range
    }

    public var count: Int { range.count }
    /// The shape of one sample: `[rows, columns]` for images, `[features]` for a CSV.
    public var sampleShape: [Int] {
        switch samples {
        case .bytes(let images): images.sampleShape
        case .floats(let table): [table.featureCount]
        }
    }
    /// Features per sample: rows x columns for images. Read without building `sampleShape`, an array, since
    /// every batch's gather asks for it.
    public var featureCount: Int {
        switch samples {
        case .bytes(let images): images.dimensions.dropFirst().reduce(1, *)
        case .floats(let table): table.featureCount
        }
    }
    /// The file the features come from.
    public var imagesPath: String {
        switch samples {
        case .bytes(let images): images.path
        case .floats(let table): table.path
        }
    }
    public var labelsPath: String { labels.path }
    /// True for byte images (IDX), false for float features (CSV).
    public var holdsBytes: Bool {
        if case .bytes = samples { return true }
        return false
    }
    /// The CSV's feature column names, in order; nil for images.
    public var featureNames: [String]? {
        if case .floats(let table) = samples { return table.names }
        return nil
    }

    /// The label of sample `index` (0-based within this split).
    public func label(_ index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "sample \(index) outside a split of \(count)")
        return labels.bytes[labels.dataOffset + range.lowerBound + index]
    }

    /// A copy of the pixels of sample `index`, row by row (for inspection, not the hot path); images only.
    public func pixels(_ index: Int) -> [UInt8] {
        precondition(index >= 0 && index < count, "sample \(index) outside a split of \(count)")
        guard case .bytes(let images) = samples else { preconditionFailure("pixels(_:) of a split of float features") }
        let start = images.dataOffset + (range.lowerBound + index) * featureCount
        return Array(images.bytes[start..<start + featureCount])
    }

    /// The raw features of sample `index` as floats (pixels unscaled), for inspection.
    public func features(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < count, "sample \(index) outside a split of \(count)")
        switch samples {
        case .bytes: return pixels(index).map(Float.init)
        case .floats(let table):
            let start = (range.lowerBound + index) * table.featureCount
            return Array(table.values[start..<start + table.featureCount])
        }
    }

    /// The largest label in the split.
    public var maxLabel: UInt8 {
        withLabelBytes { $0.max() ?? 0 }
    }

    /// How many samples of each class `0..<classCount` the split holds (labels beyond are not counted).
    public func classCounts(_ classCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        withLabelBytes { labels in
            for label in labels where Int(label) < classCount { counts[Int(label)] += 1 }
        }
        return counts
    }

    /// Samples `subrange` of this split (0-based within it), sharing the storage.
    public func slice(_ subrange: Range<Int>) -> DatasetSplit {
        precondition(subrange.lowerBound >= 0 && subrange.upperBound <= count, "slice \(subrange) of a split of \(count)")
        return DatasetSplit(
            samples: samples, labels: labels,
            range: range.lowerBound + subrange.lowerBound..<range.lowerBound + subrange.upperBound)
    }

    /// The pixels of all samples of the split, `count x featureCount` bytes, sample after sample; images only.
    public func withImageBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        guard case .bytes(let images) = samples else { preconditionFailure("withImageBytes of a split of float features") }
        let start = images.dataOffset + range.lowerBound * featureCount
        return try images.withData(start..<start + count * featureCount, body)
    }

    /// The features of all samples of a CSV split, `count x featureCount` floats; CSV only.
    func withFloatFeatures<R>(_ body: (UnsafeBufferPointer<Float>) -> R) -> R {
        guard case .floats(let table) = samples else { preconditionFailure("withFloatFeatures of a split of images") }
        let features = table.featureCount
        return table.values.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[range.lowerBound * features..<range.upperBound * features]))
        }
    }

    /// The labels of all samples of the split, one byte each.
    public func withLabelBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try labels.withData(labels.dataOffset + range.lowerBound..<labels.dataOffset + range.upperBound, body)
    }
}

/// Float features parsed from a CSV: `count` rows of `featureCount` values, row-major.
struct FloatSamples: Sendable {
    let path: String
    let names: [String]
    let values: [Float]

    var featureCount: Int { names.count }
    var count: Int { names.isEmpty ? 0 : values.count / names.count }
}

extension IDXFile {
    /// An in-memory IDX label file holding `labels`, so CSV labels share the IDX code path.
    init(path: String, labels: [UInt8]) {
        let count = labels.count
        let header: [UInt8] = [0, 0, 0x08, 1, UInt8(count >> 24 & 255), UInt8(count >> 16 & 255),
                               UInt8(count >> 8 & 255), UInt8(count & 255)]
        self.init(path: path, dimensions: [count], bytes: header + labels, dataOffset: 8)
    }
}
