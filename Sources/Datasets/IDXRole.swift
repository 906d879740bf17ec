/// The four files of an MNIST-style dataset, and the names each may have in a folder.
public enum IDXRole: Sendable, CaseIterable, Equatable {
    case trainImages, trainLabels, testImages, testLabels

    /// Whether the file holds images (3 dimensions) or labels (1 dimension).
    public enum Kind: Sendable, Equatable {
        case images, labels

        var dimensionCount: Int { self == .images ? 3 : 1 }
        var dimensionNames: String { self == .images ? "count x rows x columns" : "count" }
    }

    public var kind: Kind {
        switch self {
        case .trainImages, .testImages: .images
        case .trainLabels, .testLabels: .labels
        }
    }

    /// The canonical file name, without `.gz`: the name LeCun's site used, and the key for pinned checksums.
    public var canonicalName: String {
        switch self {
        case .trainImages: "train-images-idx3-ubyte"
        case .trainLabels: "train-labels-idx1-ubyte"
        case .testImages: "t10k-images-idx3-ubyte"
        case .testLabels: "t10k-labels-idx1-ubyte"
        }
    }

    /// Names tried in a folder, in order. Plain before gzipped: after `gunzip -k` both exist and the plain one
    /// loads faster (a pinned checksum covers either). `test-` is accepted for the test files because several
    /// re-distributions (Kaggle's among them) renamed LeCun's `t10k-`.
    public var candidateNames: [String] {
        let bases: [String] = switch self {
        case .trainImages, .trainLabels: [canonicalName]
        case .testImages: [canonicalName, "test-images-idx3-ubyte"]
        case .testLabels: [canonicalName, "test-labels-idx1-ubyte"]
        }
        return bases.flatMap { [$0, $0 + ".gz"] }
    }

    var purpose: String {
        switch self {
        case .trainImages: "training images"
        case .trainLabels: "training labels"
        case .testImages: "test images"
        case .testLabels: "test labels"
        }
    }
}
