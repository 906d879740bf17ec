/// Everything that can be wrong with a dataset on disk, each case naming the file, what is wrong and what to do.
///
/// `description` takes the runner's diagnostic form, `PATH: error: MESSAGE`, so a user sees which file to fix.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file of the dataset does not exist; `candidates` are the names that were tried.
    case missingFile(folder: String, role: IDXRole, candidates: [String])
    /// A file exists but cannot be read (permissions, a folder in its place, an I/O error).
    case unreadableFile(path: String, reason: String)
    /// The IDX payload is shorter than its header declares.
    case truncatedFile(path: String, expectedBytes: Int, actualBytes: Int)
    /// The IDX payload is longer than its header declares.
    case trailingBytes(path: String, expectedBytes: Int, actualBytes: Int)
    /// The file does not start with the IDX magic number (two zero bytes, a type byte, a dimension count).
    case wrongMagic(path: String, firstBytes: [UInt8])
    /// The IDX type byte is not 0x08 (unsigned byte), the only type MNIST-style datasets use.
    case wrongType(path: String, typeByte: UInt8)
    /// The file has the wrong number of dimensions for its role (3 for images, 1 for labels).
    case wrongDimensionCount(path: String, role: IDXRole, found: Int)
    /// A dimension is zero: the file holds no samples or empty images.
    case emptyDimension(path: String, dimensions: [Int])
    /// An images file and its labels file disagree on the number of samples.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// The training and test images differ in size.
    case imageShapeMismatch(train: String, trainShape: [Int], test: String, testShape: [Int])
    /// A test label names a class the training labels never use.
    case labelOutOfRange(path: String, index: Int, label: Int, classCount: Int)
    /// The decompressed bytes are not the ones this dataset pins.
    case checksumMismatch(path: String, expected: String, actual: String, remedy: String)
    /// A gzip stream that zlib rejects (bad header, bad data, bad CRC or length).
    case corruptGzip(path: String, reason: String)
    /// A gzip stream that ends before its last block and trailer.
    case truncatedGzip(path: String)
    /// A named dataset's folder was found nowhere on the lookup path.
    case datasetNotFound(name: String, searched: [String])
    /// A dataset folder given by path does not exist.
    case folderNotFound(path: String)
    /// A dataset that comes from an operating-system package which is not installed.
    case packageNotInstalled(dataset: String, path: String, package: String)
    /// `validation_split` leaves no training or no validation sample (Keras raises the same).
    case validationSplitTooSmall(count: Int, fraction: Double)
    /// A CSV dataset's file is missing or malformed.
    case csv(CSVProblem)

    public var description: String {
        switch self {
        case let .missingFile(folder, role, candidates):
            return "\(folder): error: missing the \(role.purpose) file: none of \(candidates.joined(separator: ", ")) "
                + "exists in this folder; put the IDX file there (plain or gzipped)"
        case let .unreadableFile(path, reason):
            return "\(path): error: cannot read the file: \(reason)"
        case let .truncatedFile(path, expected, actual):
            return "\(path): error: truncated IDX file: the header declares \(expected) bytes of data, the file holds "
                + "\(actual); the file was cut short, copy it again"
        case let .trailingBytes(path, expected, actual):
            return "\(path): error: IDX file too long: the header declares \(expected) bytes of data, the file holds "
                + "\(actual); this is not a well-formed IDX file, copy it again"
        case let .wrongMagic(path, firstBytes):
            let hex = firstBytes.map { byteHex($0) }.joined(separator: " ")
            return "\(path): error: not an IDX file: it starts with \(hex), an IDX file starts with 00 00 08 "
                + "and its dimension count; check that the file is the IDX file (or its .gz) and not another format"
        case let .wrongType(path, typeByte):
            return "\(path): error: IDX type byte 0x\(byteHex(typeByte)) (\(IDXFile.typeName(typeByte))) is not supported: "
                + "only 0x08 (unsigned byte) images and labels are"
        case let .wrongDimensionCount(path, role, found):
            return "\(path): error: the \(role.purpose) file has \(found) dimension\(found == 1 ? "" : "s"), expected "
                + "\(role.kind.dimensionCount) (\(role.kind.dimensionNames)); is this the right file?"
        case let .emptyDimension(path, dimensions):
            return "\(path): error: the IDX header declares dimensions \(shapeText(dimensions)): "
                + "a dataset needs at least one sample of at least one pixel"
        case let .countMismatch(images, imageCount, labels, labelCount):
            return "\(images): error: \(imageCount) images but \(labels) holds \(labelCount) labels; "
                + "the images and labels files must come from the same split of the same dataset"
        case let .imageShapeMismatch(train, trainShape, test, testShape):
            return "\(test): error: test images are \(shapeText(testShape)) but the training images in \(train) are "
                + "\(shapeText(trainShape)); both splits must come from the same dataset"
        case let .labelOutOfRange(path, index, label, classCount):
            return "\(path): error: label \(label) at index \(index) is out of range: the training labels define "
                + "\(classCount) classes (0...\(classCount - 1)); the test labels must come from the same dataset"
        case let .checksumMismatch(path, expected, actual, remedy):
            return "\(path): error: checksum mismatch: the decompressed bytes have SHA-256 \(actual), expected "
                + "\(expected); the file is damaged or not the original: \(remedy)"
        case let .corruptGzip(path, reason):
            return "\(path): error: corrupt gzip data (\(reason)); the file is damaged, copy it again"
        case let .truncatedGzip(path):
            return "\(path): error: truncated gzip file: the compressed stream ends early; "
                + "the file was cut short, copy it again"
        case let .datasetNotFound(name, searched):
            return "\(name): error: dataset folder '\(name)' not found; looked in (in this order):\n"
                + searched.map { "  \($0)" }.joined(separator: "\n")
                + "\nset RUNNER_DATA_DIR to a folder holding '\(name)/', or run from inside a checkout of the runner"
        case let .folderNotFound(path):
            return "\(path): error: dataset folder not found; give a folder holding train-images-idx3-ubyte, "
                + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may be .gz)"
        case let .packageNotInstalled(dataset, path, package):
            return "\(path): error: dataset '\(dataset)' is not installed; install it with "
                + "`apt-get install \(package)`"
        case let .validationSplitTooSmall(count, fraction):
            return "error: validation_split \(fraction) of \(count) training samples leaves no training or no "
                + "validation sample; give a fraction strictly between 0 and 1 that leaves at least one sample on "
                + "each side, or more data"
        case .csv(let problem):
            return problem.description
        }
    }
}

private func byteHex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
}

func shapeText(_ dimensions: [Int]) -> String {
    dimensions.map(String.init).joined(separator: " x ")
}
