/// A dataset as a value: where its four IDX files live and what their decompressed bytes must hash to.
///
/// New datasets are new values (see `DatasetCatalog`), not new types.
public struct DatasetSource: Sendable, Equatable, CustomStringConvertible {
    /// How the dataset's folder is found.
    public enum Location: Sendable, Equatable {
        /// A folder of this name among the runner's data, found through `DataSearch`.
        case bundled(String)
        /// A folder given by path; a relative path resolves against the search's current directory.
        case folder(String)
        /// A folder that an operating-system package installs.
        case installed(path: String, package: String)
    }

    /// The name experiments use (`mnist`), or the folder's path for a folder of IDX files.
    public var name: String
    public var location: Location
    /// SHA-256 of each decompressed file, keyed by `IDXRole.canonicalName`; a file without one is not checked.
    /// Pinning the decompressed bytes, not the .gz, lets a re-compressed copy still verify.
    public var checksums: [String: String]
    /// What the user should do when a checksum does not match.
    public var remedy: String
    /// The name of each class, label 0 first, where the dataset publishes them.
    public var classNames: [String]?

    public init(name: String, location: Location, checksums: [String: String] = [:], remedy: String = "copy it again",
                classNames: [String]? = nil) {
        self.name = name
        self.location = location
        self.checksums = checksums
        self.remedy = remedy
        self.classNames = classNames
    }

    public var description: String { name }

    /// The dataset's folder, found and checked to exist.
    public func folder(search: DataSearch) throws(DatasetError) -> String {
        switch location {
        case .bundled(let folderName):
            return try search.locate(folderName)
        case .folder(let path):
            let resolved = search.resolve(path)
            guard Path.isDirectory(resolved) else { throw .folderNotFound(path: resolved) }
            return resolved
        case let .installed(path, package):
            guard Path.isDirectory(path) else { throw .packageNotInstalled(dataset: name, path: path, package: package) }
            return path
        }
    }

    /// The path of each of the four files in `folder`: the first existing name of `IDXRole.candidateNames`.
    public func files(in folder: String) throws(DatasetError) -> [IDXRole: String] {
        var files: [IDXRole: String] = [:]
        for role in IDXRole.allCases {
            let candidates = role.candidateNames
            guard let name = candidates.first(where: { Path.isFile(Path.join(folder, $0)) }) else {
                throw .missingFile(folder: folder, role: role, candidates: candidates)
            }
            files[role] = Path.join(folder, name)
        }
        return files
    }
}
