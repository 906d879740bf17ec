/// Keras' `validation_split`: the LAST fraction of the training samples becomes the validation set, taken
/// before any shuffling, so the same samples are held out every epoch and in every run.
///
/// Keras 3 (`keras/src/trainers/data_adapters/array_slicing.py`, `train_validation_split`):
/// `split_at = floor(count * (1 - fraction))`, in double precision; training is `[0, split_at)`, validation
/// `[split_at, count)`; a split that leaves either side empty is an error. 0.1 of 60000 gives 54000 + 6000.
public enum ValidationSplit {
    /// Where training ends and validation begins, as Keras computes it.
    public static func boundary(count: Int, fraction: Double) throws(DatasetError) -> Int {
        let product = Double(count) * (1.0 - fraction)
        guard fraction > 0, fraction < 1, product.isFinite else {
            throw .validationSplitTooSmall(count: count, fraction: fraction)
        }
        let boundary = Int(product.rounded(.down))
        guard boundary > 0, boundary < count else { throw .validationSplitTooSmall(count: count, fraction: fraction) }
        return boundary
    }

    /// `split` cut into training and validation parts, sharing its bytes.
    public static func split(_ split: DatasetSplit, fraction: Double) throws(DatasetError)
        -> (train: DatasetSplit, validation: DatasetSplit)
    {
        let boundary = try boundary(count: split.count, fraction: fraction)
        return (split.slice(0..<boundary), split.slice(boundary..<split.count))
    }
}
