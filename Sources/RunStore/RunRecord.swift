import ExperimentCompiler
import Foundation

/// `run.json`: how a run went and where it ran; the one file of a run folder that is not deterministic.
public struct RunRecord: Sendable {
    public static let fileName = "run.json"

    public var name: String
    public var runID: String
    public var status: RunStatus = .running
    public var command: [String]
    public var overrides: [String]
    public var startedAt: Date
    public var finishedAt: Date?
    public var epochSeconds: [Double] = []
    /// Seconds each epoch's checkpoint took to build and write (fsync included), apart from the epoch's time.
    public var checkpointSeconds: [Double] = []
    public var error: String?
    public var host: HostFacts
    public var pid: Int32
    public var threads: Int
    /// Names and versions of what produced the numbers (runner, Swift, the BLAS kernels).
    public var versions: [String: String]
    /// The commit of the git repository holding the experiment file, when it is in one (as DVC and MLflow record it).
    public var git: SourceRevision?
    /// The content digest of the data files (`DataDigest`), nil for a bundled dataset.
    public var dataDigest: String?
    /// The epochs the checkpoint this attempt resumed from had finished; nil for an attempt from the start.
    public var resumedAfterEpoch: Int?

    /// The OpenBLAS kernels the products ran on (`Haswell`, `SkylakeX`, ...): the one machine fact that can
    /// change bits (AVX2 and AVX-512 kernels round differently), whereas the thread count cannot.
    public var kernelFamily: String? { versions["blas_core"] }

    /// The data digest recorded in `folder/run.json`, nil when it records none.
    public static func recordedDataDigest(inFolder folder: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        return (try? JSONValue(parsing: data))?["data_digest"]?.string
    }

    /// The kernel family recorded in `folder/run.json` (`kernel_family`, or an older run's `versions.blas_core`).
    public static func recordedKernelFamily(inFolder folder: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName),
              let record = try? JSONValue(parsing: data) else { return nil }
        return kernelFamily(of: record)
    }

    /// The kernel family a `run.json` records: `kernel_family`, or an older run's `versions.blas_core`.
    public static func kernelFamily(of record: JSONValue) -> String? {
        record["kernel_family"]?.string ?? record["versions"]?["blas_core"]?.string
    }

    public init(name: String, runID: String, command: [String], overrides: [String], threads: Int,
                versions: [String: String], dataDigest: String? = nil, startedAt: Date = Date(), host: HostFacts = .current,
                pid: Int32 = ProcessInfo.processInfo.processIdentifier) {
        self.dataDigest = dataDigest
        self.name = name
        self.runID = runID
        self.command = command
        self.overrides = overrides
        self.threads = threads
        self.versions = versions
        self.startedAt = startedAt
        self.host = host
        self.pid = pid
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "command": .array(command.map(JSONValue.string)),
            "checkpoint_seconds": .array(checkpointSeconds.map(JSONValue.double)),
            "epoch_seconds": .array(epochSeconds.map(JSONValue.double)),
            "finished_at": finishedAt.map { .string(Self.timestamp($0)) } ?? .null,
            "host": host.json,
            "name": .string(name),
            "overrides": .array(overrides.map(JSONValue.string)),
            "pid": .int(Int(pid)),
            "run_id": .string(runID),
            "started_at": .string(Self.timestamp(startedAt)),
            "status": .string(status.rawValue),
            "threads": .int(threads),
            "versions": .object(versions.mapValues(JSONValue.string)),
        ]
        if let error { members["error"] = .string(error) }
        if let git { members["git"] = .object(["commit": .string(git.commit), "dirty": .bool(git.dirty)]) }
        if let kernelFamily { members["kernel_family"] = .string(kernelFamily) }
        if let dataDigest { members["data_digest"] = .string(dataDigest) }
        if let resumedAfterEpoch { members["resumed_after_epoch"] = .int(resumedAfterEpoch) }
        return .object(members)
    }

    /// UTC, to the second, in ISO 8601 (`2026-11-29T06:40:00Z`).
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The seconds per epoch and per checkpoint recorded in `folder/run.json` (empty when there is no readable
    /// one): a resumed attempt keeps those of the epochs its checkpoint holds.
    public static func recordedSeconds(inFolder folder: String) -> (epochs: [Double], checkpoints: [Double]) {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName), let record = try? JSONValue(parsing: data)
        else { return ([], []) }
        func series(_ key: String) -> [Double] {
            guard case .array(let items)? = record[key] else { return [] }
            return items.compactMap(\.number)
        }
        return (series("epoch_seconds"), series("checkpoint_seconds"))
    }

    /// The status recorded in `folder/run.json`, or nil when there is no readable one.
    public static func recordedStatus(inFolder folder: String) -> RunStatus? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName),
              let text = (try? JSONValue(parsing: data))?["status"]?.string else { return nil }
        return RunStatus(rawValue: text)
    }
}

/// `run.json`'s `git`: the commit checked out where the experiment file is, and whether the tree had changes
/// (`git status --porcelain` printed anything), so a result can be traced to the code and files behind it.
public struct SourceRevision: Sendable, Equatable {
    public var commit: String
    public var dirty: Bool

    public init(commit: String, dirty: Bool) {
        self.commit = commit
        self.dirty = dirty
    }
}

/// The machine a run ran on, as `run.json` records it.
public struct HostFacts: Sendable {
    public var hostname: String
    public var os: String
    public var cpu: String
    public var cores: Int

    public static var current: HostFacts {
        HostFacts(hostname: ProcessInfo.processInfo.hostName, os: operatingSystem(), cpu: cpuModel(),
                  cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    var json: JSONValue {
        .object(["hostname": .string(hostname), "os": .string(os), "cpu": .string(cpu), "cores": .int(cores)])
    }

    /// `PRETTY_NAME` from /etc/os-release, e.g. "Debian GNU/Linux 13 (trixie)".
    static func operatingSystem() -> String {
        value(of: "PRETTY_NAME=", in: "/etc/os-release", separator: "=")?.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            ?? ProcessInfo.processInfo.operatingSystemVersionString
    }

    static func cpuModel() -> String { value(of: "model name", in: "/proc/cpuinfo", separator: ":") ?? "unknown" }

    private static func value(of key: String, in file: String, separator: Character) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
              let split = line.firstIndex(of: separator) else { return nil }
        return line[line.index(after: split)...].trimmingCharacters(in: .whitespaces)
    }
}
