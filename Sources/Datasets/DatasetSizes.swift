/// What the config checker needs to know about a dataset without loading it: sizes and class count.
public struct DatasetSizes: Sendable, Equatable {
    /// The shape of one image: `[rows, columns]`.
    public let sampleShape: [Int]
    public let trainCount: Int
    public let testCount: Int
    /// max(training label) + 1, as for a `LoadedDataset`.
    public let classCount: Int

    public init(sampleShape: [Int], trainCount: Int, testCount: Int, classCount: Int) {
        self.sampleShape = sampleShape
        self.trainCount = trainCount
        self.testCount = testCount
        self.classCount = classCount
    }

    /// Pixels per image.
    public var featureCount: Int { sampleShape.reduce(1, *) }
}

extension DatasetSource {
    /// The dataset's shape from the image files' headers (16 bytes each, inflating only the start of a .gz)
    /// and the label files in full (small: 60 KB for MNIST's training labels), for the class count.
    ///
    /// It checks what those bytes can show (magic, type, dimensions, counts, shapes, label range and the label
    /// files' checksums) but not the image data: a truncated or altered images file is found by `LoadedDataset.load`.
    public func sizes(search: DataSearch = .process()) throws(DatasetError) -> DatasetSizes {
        let paths = try files(in: folder(search: search))
        var imageDimensions: [IDXRole: [Int]] = [:]
        for role in [IDXRole.trainImages, .testImages] {
            let path = paths[role]!
            let prefix = try DatasetFile.prefix(of: path, count: 16)
            imageDimensions[role] = try IDXFile.header(path: path, prefix: prefix[...], role: role).dimensions
        }
        var labels: [IDXRole: IDXFile] = [:]
        for role in [IDXRole.trainLabels, .testLabels] {
            labels[role] = try LoadedDataset.loadFile(paths[role]!, role: role, checksum: checksums[role.canonicalName], remedy: remedy)
        }
        let train = imageDimensions[.trainImages]!, test = imageDimensions[.testImages]!
        for (images, labelRole) in [(IDXRole.trainImages, IDXRole.trainLabels), (.testImages, .testLabels)] {
            let count = imageDimensions[images]![0], labelFile = labels[labelRole]!
            guard count == labelFile.count else {
                throw .countMismatch(images: paths[images]!, imageCount: count, labels: labelFile.path, labelCount: labelFile.count)
            }
        }
        try LoadedDataset.checkCompatible(
            train: (paths[.trainImages]!, Array(train.dropFirst())), test: (paths[.testImages]!, Array(test.dropFirst())))
        let trainLabels = labels[.trainLabels]!, testLabels = labels[.testLabels]!
        let classCount = Int(trainLabels.bytes[trainLabels.dataOffset...].max() ?? 0) + 1
        try testLabels.withData(testLabels.dataOffset..<testLabels.bytes.count) { labels throws(DatasetError) in
            try LoadedDataset.checkLabels(labels, classCount: classCount, path: testLabels.path)
        }
        return DatasetSizes(sampleShape: Array(train.dropFirst()), trainCount: train[0], testCount: test[0], classCount: classCount)
    }
}
