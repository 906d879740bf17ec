import ModelKinds
import YAML

/// What reading a CSV dataset at compile time found: its shape, or the mistake to report.
///
/// The compiler cannot read data itself (it imports only YAML); the runner passes a closure that does, as for
/// an IDX folder's headers, so a missing file, a wrong label column or a bad cell fails `runner check`
/// instead of a run.
public enum CSVProbe: Sendable, Equatable {
    /// The shape, and the training rows (after a `test_fraction` split) when counted, so `check` can refuse a
    /// `validation_split` that leaves no row on one side, as the run would.
    case shape(DatasetShape, trainingRows: Int? = nil)
    /// Not inspected (no reader given): the shape checks are skipped.
    case unknown
    /// The file under `key` (`csv` or `test_csv`) cannot be used: reported at that key's value.
    case unusableFile(key: String, message: String)
    /// The header has no column named as `label`; `header` lists the names for the did-you-mean.
    case missingLabel(header: [String])
    /// A mistake inside a data file, at its own file:line:column.
    case badContent(Mark, message: String)
}
