/// What a model must fit of its dataset: the features of one example (after flattening), which the first
/// layer reads, and the number of classes, which the last layer of a categorical model outputs.
public struct DatasetShape: Sendable, Equatable {
    public var features: Int
    public var classes: Int

    public init(features: Int, classes: Int) {
        self.features = features
        self.classes = classes
    }
}
