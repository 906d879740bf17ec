/// What a model must fit of its dataset: the features of one example (after flattening), which the first
/// layer reads, and the number of classes, which the last layer of a categorical model outputs.
public struct DatasetShape: Sendable, Equatable {
    public var features: Int
    public var classes: Int
    /// One example as an image, `(rows, columns, 1)` for IDX images (grey: one channel); nil for a CSV
    /// dataset, whose rows are vectors.
    public var image: TensorShape?

    public init(features: Int, classes: Int, image: TensorShape? = nil) {
        self.features = features
        self.classes = classes
        self.image = image
    }

    /// IDX images of `rows x columns` pixels.
    public init(rows: Int, columns: Int, classes: Int) {
        self.init(features: rows * columns, classes: classes, image: .image(height: rows, width: columns, channels: 1))
    }

    /// An IDX file's sample shape (see `TensorShape(sampleShape:)`).
    public init(sampleShape: [Int], classes: Int) {
        let shape = TensorShape(sampleShape: sampleShape)
        if case .image = shape { self.init(features: shape.count, classes: classes, image: shape) }
        else { self.init(features: shape.count, classes: classes) }
    }

    /// What the first layer reads: the image, unless it is flattened (or there is none).
    public func input(flatten: Bool) -> TensorShape {
        if !flatten, let image { return image }
        return .vector(features)
    }
}
