/// A loaded dataset: training and test splits of byte images with their labels, and the number of classes.
public struct LoadedDataset: Sendable {
    /// The name experiments use (`mnist`), or the folder's path.
    public let name: String
    public let train: DatasetSplit
    public let test: DatasetSplit
    /// max(training label) + 1, as Keras' sparse categorical losses assume labels `0..<classCount`.
    public let classCount: Int
    /// The name of each class `0..<classCount` where the dataset has them (Fashion-MNIST, CSV name labels).
    public let classNames: [String]?

    /// Checks that the splits fit together: same image shape, and test labels within the training classes.
    /// `classCount` defaults to max(training label) + 1; `classNames`, when given, name every class.
    public init(name: String, train: DatasetSplit, test: DatasetSplit, classNames: [String]? = nil,
                classCount: Int? = nil) throws(DatasetError) {
        try LoadedDataset.checkCompatible(
            train: (train.imagesPath, train.sampleShape), test: (test.imagesPath, test.sampleShape))
        let classCount = classCount ?? Int(train.maxLabel) + 1
        precondition(classNames == nil || classNames!.count >= classCount, "fewer class names than classes")
        try test.withLabelBytes { labels throws(DatasetError) in
            try LoadedDataset.checkLabels(labels, classCount: classCount, path: test.labelsPath)
        }
        self.name = name
        self.train = train
        self.test = test
        self.classCount = classCount
        self.classNames = classNames
    }

    /// The shape of one image: `[rows, columns]`.
    public var sampleShape: [Int] { train.sampleShape }

    /// Test labels must name classes the training labels define: a model has no output for the others.
    static func checkLabels(_ labels: UnsafeBufferPointer<UInt8>, classCount: Int, path: String) throws(DatasetError) {
        if let index = labels.firstIndex(where: { Int($0) >= classCount }) {
            throw .labelOutOfRange(path: path, index: index, label: Int(labels[index]), classCount: classCount)
        }
    }

    static func checkCompatible(train: (path: String, shape: [Int]), test: (path: String, shape: [Int])) throws(DatasetError) {
        guard train.shape == test.shape else {
            throw .imageShapeMismatch(train: train.path, trainShape: train.shape, test: test.path, testShape: test.shape)
        }
    }
}
