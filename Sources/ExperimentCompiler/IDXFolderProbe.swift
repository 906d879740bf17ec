import ModelKinds

/// What reading an IDX folder's headers at compile time found: its shape, or why it cannot be used.
///
/// As for a CSV (`CSVProbe`), the compiler cannot read data itself; the runner passes a closure that does, so a
/// missing folder or file fails `runner check`, at `dataset:`'s line and column, instead of a run.
public enum IDXFolderProbe: Sendable, Equatable {
    /// Feature and class counts from the headers, and the training images' count when read, so `check` can
    /// refuse a `validation_split` that leaves no row on one side, as the run would.
    case shape(DatasetShape, trainingRows: Int? = nil)
    /// Not inspected (no reader given): the shape checks are skipped.
    case unknown
    /// The folder cannot be used: `PATH: MESSAGE`, reported at the dataset's value.
    case unusable(String)
}
