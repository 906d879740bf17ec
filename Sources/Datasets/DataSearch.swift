#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the runner looks for a bundled dataset folder such as `mnist`, so `dataset: mnist` works from any
/// working directory inside a checkout and from an installed binary. The order:
///
/// 1. `$RUNNER_DATA_DIR/<name>`, when the variable is set (a folder holding `mnist/`);
/// 2. `data/<name>` in the current directory, then in each of its parents up to `/`;
/// 3. from the executable's folder (symlinks resolved) upwards: `data/<name>`, then `share/runner/data/<name>`,
///    in each folder. This finds a checkout's `data/` from `.build/release/runner`, and
///    `<prefix>/share/runner/data/<name>` from `<prefix>/bin/runner`.
///
/// The first folder that exists wins; when none does, the error lists every place tried.
public struct DataSearch: Sendable, Equatable {
    /// The environment variable naming a folder that holds dataset folders.
    public static let environmentVariable = "RUNNER_DATA_DIR"

    /// `$RUNNER_DATA_DIR`, or nil when unset or empty.
    public var dataDirectory: String?
    /// An absolute path: where the upward walk starts and what relative paths resolve against.
    public var currentDirectory: String
    /// The running executable, symlinks resolved; nil when it cannot be known.
    public var executablePath: String?

    public init(dataDirectory: String?, currentDirectory: String, executablePath: String?) {
        self.dataDirectory = dataDirectory.flatMap { $0.isEmpty ? nil : $0 }
        self.currentDirectory = currentDirectory
        self.executablePath = executablePath
    }

    /// The search as this process sees it: its environment, working directory and executable.
    public static func process() -> DataSearch {
        let variable = getenv(environmentVariable).map { String(cString: $0) }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "/"
        return DataSearch(dataDirectory: variable, currentDirectory: cwd, executablePath: executable())
    }

    /// Every folder tried for `name`, in order, without duplicates.
    public func candidates(for name: String) -> [String] {
        var list: [String] = []
        if let dataDirectory { list.append(Path.join(resolve(dataDirectory), name)) }
        for folder in Path.selfAndAncestors(currentDirectory) {
            list.append(Path.join(folder, "data", name))
        }
        if let executablePath {
            for folder in Path.selfAndAncestors(Path.parent(executablePath)) {
                list.append(Path.join(folder, "data", name))
                list.append(Path.join(folder, "share", "runner", "data", name))
            }
        }
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }

    /// The first existing folder for `name`.
    public func locate(_ name: String) throws(DatasetError) -> String {
        let searched = candidates(for: name)
        guard let found = searched.first(where: Path.isDirectory) else {
            throw .datasetNotFound(name: name, searched: searched)
        }
        return found
    }

    /// Whether `path` (resolved against the current directory) is an existing folder.
    public func isFolder(_ path: String) -> Bool {
        Path.isDirectory(resolve(path))
    }

    /// `path` made absolute against the current directory.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : Path.join(currentDirectory, path)
    }

    private static func executable() -> String? {
        #if os(Linux)
        let link = "/proc/self/exe"
        #else
        let link = CommandLine.arguments.first ?? ""
        #endif
        guard let resolved = realpath(link, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// String paths without Foundation: the few operations the lookup needs.
enum Path {
    static func join(_ parts: String...) -> String {
        parts.dropFirst().reduce(parts[0]) { path, part in
            path.hasSuffix("/") ? path + part : path + "/" + part
        }
    }

    static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// `path`, its parent, its parent's parent, ... up to `/`.
    static func selfAndAncestors(_ path: String) -> [String] {
        var list = [path]
        while let last = list.last, last != "/", last != "." { list.append(parent(last)) }
        return list
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    static func isFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }
}
