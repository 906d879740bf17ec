import Datasets
import ExperimentCompiler
import Training

/// The content digest of the files a run reads that nothing else pins: a folder of IDX files, CSV files.
///
/// The run id hashes `resolved.json`, which names data files by path only; run.json keeps this digest
/// (`data_digest`), and a finished run counts as "Already completed" only while the data still hashes to
/// it, so a CSV file edited in place trains again (into the same folder). SHA-256 over each file's bytes as
/// stored (a .gz is not decompressed), through libcrypto (`SHA256Digest`), then over the list of
/// `<sha256>  <path>` lines. What it costs: one read and hash of the user's files, about 35 ms for an
/// MNIST-sized IDX folder, before the check; the bundled datasets (`mnist`, `fashion-mnist`) are skipped
/// (nil), as their files are pinned by checksums checked on every load.
public enum DataDigest {
    /// The digest of `experiment`'s data files, or nil for a bundled dataset or when a file cannot be read
    /// (the load that follows reports why).
    public static func of(_ experiment: Experiment, search: DataSearch = .process()) -> String? {
        guard let files = files(experiment, search: search) else { return nil }
        var lines = ""
        for path in files {
            guard let digest = try? SHA256Digest.hex(ofFileAt: path) else { return nil }
            lines += digest + "  " + path + "\n"
        }
        return SHA256Digest.hex(Array(lines.utf8))
    }

    /// The files the digest covers, in a fixed order.
    static func files(_ experiment: Experiment, search: DataSearch) -> [String]? {
        switch experiment.data.dataset {
        case .mnist, .fashionMNIST:
            return nil
        case .idxFolder:
            guard let source = ModelBuilder(experiment).datasetSource,
                  let folder = try? source.folder(search: search),
                  let files = try? source.files(in: folder) else { return nil }
            return IDXRole.allCases.compactMap { files[$0] }
        case .csv(let csv):
            var paths = [search.resolve(csv.path)]
            if case .file(let test) = csv.test { paths.append(search.resolve(test)) }
            return paths
        }
    }
}
