import Foundation

extension RunFolderContents {
    /// Reads every run folder the paths name: a path is a run folder itself, or a folder searched at
    /// any depth for run folders. Sorted by path; a run reached twice (`results` and
    /// `results/mnist-dense/RUN`) is listed once.
    ///
    /// The search skips symbolic links (`latest` points at a run already listed; a link can also make a
    /// cycle) and names starting with a dot (lock files, editors' and Finder's droppings). A link given
    /// on the command line is followed: the user asked for it.
    public static func discover(_ paths: [URL]) throws(ResultsReadError) -> [RunFolderContents] {
        let found = try discover(paths, skippingDamaged: false)
        return found.runs
    }

    /// `discover`, except that with `skippingDamaged` a run folder that cannot be read is left out and its error
    /// returned in `damaged` (in path order) instead of ending the search; a path that does not exist, or a folder
    /// without any run folder, still throws.
    public static func discover(_ paths: [URL], skippingDamaged: Bool)
        throws(ResultsReadError) -> (runs: [RunFolderContents], damaged: [ResultsReadError]) {
        var folders: [URL] = []
        for path in paths {
            guard let kind = FileKind(path) else { throw .missing(path: path.relativePath) }
            if kind == .folder, isRunFolder(path) {
                folders.append(path)
                continue
            }
            guard kind == .folder else { throw .notARunFolder(path: path.relativePath) }
            let found = try runFolders(under: path)
            guard !found.isEmpty else { throw .noRunFolders(path: path.relativePath) }
            folders += found
        }
        var seen = Set<String>()
        var unique: [URL] = []
        for folder in folders.sorted(by: { $0.relativePath < $1.relativePath }) {
            if seen.insert(folder.resolvingSymlinksInPath().standardizedFileURL.path).inserted { unique.append(folder) }
        }
        // Folders are read on every core (1,000 of them are 5,000 small files); results keep the path order.
        let toRead = unique
        let loaded = LoadedFolders(count: toRead.count)
        DispatchQueue.concurrentPerform(iterations: toRead.count) { index in
            loaded.set(index, Result { () throws(ResultsReadError) in try load(toRead[index]) })
        }
        var runs: [RunFolderContents] = []
        var damaged: [ResultsReadError] = []
        for result in loaded.results {
            switch result {
            case .success(let run)?: runs.append(run)
            case .failure(let error)?:
                guard skippingDamaged else { throw error }
                damaged.append(error)
            case nil: break
            }
        }
        return (runs, damaged)
    }

    /// Run folders at any depth under `folder`, not descending into a run folder once found.
    static func runFolders(under folder: URL) throws(ResultsReadError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .unreadable(path: folder.relativePath, reason: "cannot list the folder")
        }
        var found: [URL] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = folder.appendingPathComponent(name)
            let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: child.path)) != nil
            guard !isLink, FileKind(child) == .folder else { continue }
            if isRunFolder(child) {
                found.append(child)
            } else {
                found += try runFolders(under: child)
            }
        }
        return found
    }
}

/// The results of reading folders concurrently, one slot per folder.
private final class LoadedFolders: @unchecked Sendable {
    private var slots: [Result<RunFolderContents, ResultsReadError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<RunFolderContents, ResultsReadError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var results: [Result<RunFolderContents, ResultsReadError>?] { slots }
}
