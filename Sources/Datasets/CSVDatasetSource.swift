/// A CSV dataset as a value: its file, the label column, and where its test split comes from.
///
/// The file needs a header; every column but the label is a numeric feature. Labels are class ids: when
/// every label is a non-negative integer they are used as written (0...K-1, as Keras' sparse losses expect,
/// K = the largest training label + 1); otherwise every label is a class name and the names, sorted by their
/// UTF-8 bytes (`numpy.unique`'s order, which scikit-learn's `LabelEncoder` uses), are numbered 0...K-1.
public struct CSVDatasetSource: Sendable, Equatable, CustomStringConvertible {
    /// Where the test samples come from.
    public enum TestSplit: Sendable, Equatable {
        /// A second CSV file with the same header.
        case file(String)
        /// This fraction of the file's rows, drawn with the seed (scikit-learn's
        /// `train_test_split(test_size=f, shuffle=True)`): ceil(f x rows) test rows, the rest for training.
        case fraction(Double)
    }

    /// The training CSV (or the whole data when the test split is a fraction); relative to the current directory.
    public var path: String
    /// The label column's name in the header.
    public var label: String
    public var test: TestSplit
    /// Draws the rows of a `fraction` test split; unused with a test file.
    public var seed: UInt64

    public init(path: String, label: String, test: TestSplit, seed: UInt64 = 0) {
        self.path = path
        self.label = label
        self.test = test
        self.seed = seed
    }

    public var description: String { path }

    /// The seeded stream that draws a `fraction` test split: the next number after `SeededRandom.Stream`'s
    /// named streams (sweep = 5), so the test rows do not move when the shuffle or initialisation changes.
    static let testSplitStream: UInt64 = 6
}
