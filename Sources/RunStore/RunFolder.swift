import Foundation
import Glibc

/// Where a run's files live: `<root>/<name>/<run-id>/`, with the run's lock file and the `latest` link
/// beside it in `<root>/<name>/`.
public struct RunFolder: Sendable {
    public var root: String
    public var name: String
    public var id: RunID

    public init(root: String, name: String, id: RunID) {
        self.root = root
        self.name = name
        self.id = id
    }

    /// `<root>/<name>`, which holds every run of the experiment.
    public var experimentFolder: String { root + "/" + name }
    /// Hidden, and named by the hash alone: whatever label a run gets, the same experiment takes the same lock.
    public var lockPath: String { experimentFolder + "/.\(id.hash).lock" }
    public var latestLink: String { experimentFolder + "/latest" }

    /// The folder already made for this experiment (under any label), if there is one.
    public func existingFolder() -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: experimentFolder) else { return nil }
        return entries.sorted().first { id.names($0) && isRealFolder(experimentFolder + "/" + $0) }
            .map { experimentFolder + "/" + $0 }
    }

    /// The folder of a completed run of exactly this experiment on the same data: its `resolved.json` is the
    /// same bytes and its run.json records the same `dataDigest` (`DataDigest`; nil for bundled data).
    public func completedFolder(resolvedJSON: String, dataDigest: String? = nil) -> String? {
        guard let folder = existingFolder(), RunRecord.recordedStatus(inFolder: folder) == .completed,
              FileManager.default.contents(atPath: folder + "/resolved.json") == Data(resolvedJSON.utf8),
              RunRecord.recordedDataDigest(inFolder: folder) == dataDigest
        else { return nil }
        return folder
    }

    /// Creates `<root>/<name>` and opens (not takes) the run's lock.
    public func openLock() throws(ResultsWriteError) -> RunLock {
        try Self.makeFolder(root, parents: true)
        try Self.makeFolder(experimentFolder)
        return try RunLock(path: lockPath)
    }

    /// The folder to train into (the existing one, or a new one named by this run id). Call with the lock held.
    public func prepareFolder() throws(ResultsWriteError) -> String {
        if let folder = existingFolder() { return folder }
        let folder = experimentFolder + "/" + id.description
        try Self.makeFolder(folder)
        return folder
    }

    /// Points `latest` at `folder`: a new link renamed over the old one, so readers never find it missing.
    public func markLatest(_ folder: String) throws(ResultsWriteError) {
        let target = String(folder.split(separator: "/").last ?? "")
        let temporary = AtomicFile.temporaryPath(for: latestLink)
        unlink(temporary)
        guard symlink(target, temporary) == 0 else { throw .system(latestLink, "link") }
        guard rename(temporary, latestLink) == 0 else {
            let failure = ResultsWriteError.system(latestLink, "replace")
            unlink(temporary)
            throw failure
        }
    }

    /// `mkdir`, accepting a folder that exists; a file or a symbolic link in its place is refused, because
    /// writing through a planted link could put results anywhere. The root (`parents`) may be a link: the user chose it.
    static func makeFolder(_ path: String, parents: Bool = false) throws(ResultsWriteError) {
        if parents {
            var prefix = path.hasPrefix("/") ? "/" : ""
            for part in path.split(separator: "/") {
                prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
                if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw .system(prefix, "create the folder") }
            }
            var info = stat()
            guard stat(path, &info) == 0 else { throw .system(path, "use") }
            if (info.st_mode & S_IFMT) != S_IFDIR { throw .system(path, "use", errno: ENOTDIR) }
            return
        }
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        guard code == EEXIST else { throw .system(path, "create the folder", errno: code) }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw .system(path, "create the folder") }
        if (info.st_mode & S_IFMT) == S_IFLNK { throw .system(path, "use", errno: ELOOP) }
        if (info.st_mode & S_IFMT) != S_IFDIR { throw .system(path, "use", errno: ENOTDIR) }
    }

    private func isRealFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
