/// Samples the loop can draw batches from: features and labels gathered by index into caller-owned buffers.
///
/// A dataset keeps its images as bytes; `gather` converts only the rows of one batch, straight into the
/// batch buffer, so no float copy of the whole set exists.
public protocol BatchSource {
    var count: Int { get }
    var featureCount: Int { get }
    func gather(_ indices: UnsafeBufferPointer<Int32>, features: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>)
}
