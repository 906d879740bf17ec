/// What happens to features between the data in memory and the network's input: the Keras tutorial's two
/// steps, and optional standardisation.
///
/// Keras writes `x.reshape(60000, 784).astype("float32") / 255`. Here the bytes stay bytes and each batch is
/// converted as it is gathered (`BatchSource.gather`), so no float copy of the training set ever exists.
public struct Preprocessing: Sendable, Equatable {
    /// Whether each image becomes one row of rows x columns features (Keras `Flatten`, or `reshape(-1, 784)`).
    ///
    /// The batch buffer is the same either way: images are stored row-major, so a flattened image is its bytes
    /// in order. What changes is the input shape the model is declared on (`inputShape`): `[784]` with flatten,
    /// `[28, 28]` without. Only dense layers exist, and Keras' `Dense` on a `[28, 28]` input would act on the
    /// last axis alone (a `[28, units]` output), so the model builder should refuse an unflattened image input
    /// with a hint to set `flatten: true` rather than silently flatten it.
    public var flatten: Bool
    /// The divisor applied to every feature (255 gives [0, 1]); nil leaves the raw values.
    ///
    /// Each feature is `Float(byte) / scale`, an IEEE float32 division, correctly rounded: bit for bit what
    /// numpy's `x.astype("float32") / 255` gives. Multiplying by a precomputed 1/255 would differ in the last
    /// bit for some bytes (126 of the 256 byte values for 255); the division costs a few milliseconds per epoch, so we keep it.
    public var scale: Float?
    /// Per-feature `(x - mean) / std`, applied after `scale`; fitted on the training split only.
    public var standardization: Standardization?

    public init(flatten: Bool = false, scale: Float? = nil, standardization: Standardization? = nil) {
        self.flatten = flatten
        self.scale = scale
        self.standardization = standardization
    }

    /// The shape of one input as the model sees it, for samples of `sampleShape`.
    public func inputShape(for sampleShape: [Int]) -> [Int] {
        flatten ? [sampleShape.reduce(1, *)] : sampleShape
    }
}
