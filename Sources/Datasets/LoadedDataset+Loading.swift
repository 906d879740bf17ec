import Dispatch

extension LoadedDataset {
    /// Finds, reads, decompresses, validates and (where pinned) checksums the four files of `source`.
    ///
    /// The files load in parallel: the training images (47 MB of MNIST's 55) on one core, the other three on
    /// another. When several files are bad, the error is that of the first in `IDXRole.allCases` order, so the
    /// message does not depend on thread timing.
    public static func load(_ source: DatasetSource, search: DataSearch = .process()) throws(DatasetError) -> LoadedDataset {
        let folder = try source.folder(search: search)
        let paths = try source.files(in: folder)
        let roles = IDXRole.allCases
        let results = Results(count: roles.count)
        DispatchQueue.concurrentPerform(iterations: roles.count) { index in
            let role = roles[index]
            results.store(index, Result { () throws(DatasetError) -> IDXFile in
                try loadFile(paths[role]!, role: role, checksum: source.checksums[role.canonicalName], remedy: source.remedy)
            })
        }
        var files: [IDXRole: IDXFile] = [:]
        for (index, role) in roles.enumerated() {
            files[role] = try results.take(index).get()
        }
        let train = try DatasetSplit(images: files[.trainImages]!, labels: files[.trainLabels]!)
        let test = try DatasetSplit(images: files[.testImages]!, labels: files[.testLabels]!)
        let names = source.classNames.flatMap { $0.count >= Int(train.maxLabel) + 1 ? $0 : nil }
        return try LoadedDataset(name: source.name, train: train, test: test, classNames: names)
    }

    /// The test split of `source` alone, its two files read and checked as `load` reads them: what evaluating a
    /// saved model needs, without the training files (47 MB of MNIST's 55).
    public static func loadTestSplit(_ source: DatasetSource, search: DataSearch = .process()) throws(DatasetError) -> DatasetSplit {
        let folder = try source.folder(search: search)
        let paths = try source.files(in: folder)
        func file(_ role: IDXRole) throws(DatasetError) -> IDXFile {
            try loadFile(paths[role]!, role: role, checksum: source.checksums[role.canonicalName], remedy: source.remedy)
        }
        return try DatasetSplit(images: try file(.testImages), labels: try file(.testLabels))
    }

    /// One file: read, gunzip if gzip, validate as IDX for `role`, and compare its SHA-256 when one is pinned.
    static func loadFile(_ path: String, role: IDXRole, checksum: String?, remedy: String) throws(DatasetError) -> IDXFile {
        let bytes = try DatasetFile.contents(of: path)
        let file = try IDXFile(path: path, bytes: bytes, role: role)
        if let checksum {
            let actual = SHA256Digest.hex(bytes)
            guard actual == checksum else {
                throw .checksumMismatch(path: path, expected: checksum, actual: actual, remedy: remedy)
            }
        }
        return file
    }
}

/// One slot per file, each written by exactly one worker of `concurrentPerform` and read after it returns.
/// The slots live in raw memory, not a Swift array, so the workers' writes are not overlapping accesses to one
/// variable.
private final class Results: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Result<IDXFile, DatasetError>?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ index: Int, _ result: Result<IDXFile, DatasetError>) { slots[index] = result }

    func take(_ index: Int) -> Result<IDXFile, DatasetError> { slots[index]! }
}
