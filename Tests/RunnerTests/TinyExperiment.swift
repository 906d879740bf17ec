import Foundation
import TestSupport
import XCTest

/// An experiment on a tiny IDX dataset written beside it (64 training and 16 test images of 4 x 4, ten
/// classes), so an epoch takes about a millisecond and a fault test can run a hundred of them.
struct TinyExperiment {
    let folder = TemporaryDirectory("runner-tiny")
    let file = "tiny.yaml"

    init(epochs: Int, name: String = "tiny") {
        TinyIDXDataset.write(into: folder)
        folder.write(file, TinyIDXDataset.experiment(name: name, epochs: epochs))
    }

    var runner: String { RunnerProcess.executable()?.path ?? "runner" }

    /// `runner tiny.yaml -q --results ROOT extra...`, run in the experiment's folder.
    func run(_ extra: [String], results: String, environment: [String: String] = [:]) throws -> RunnerProcess.Result {
        try RunnerProcess.run([file, "-q", "--results", results] + extra, in: folder.url, environment: environment)
    }

    /// The one run folder under `<root>/tiny/`, leaving out those whose name starts with `other` (an earlier run's label).
    func folder(in root: String, except other: String? = nil, name: String = "tiny") throws -> String {
        let runs = try FileManager.default.contentsOfDirectory(atPath: root + "/" + name)
            .filter { !$0.hasPrefix(".") && $0 != "latest" && !(other.map($0.hasPrefix) ?? false) }
        XCTAssertEqual(runs.count, 1, "\(runs)")
        return root + "/" + name + "/" + (runs.first ?? "")
    }
}

/// Checks of what a run left on disk: whole files, and bytes that did not change.
enum RunFiles {
    /// Every regular file under `root` and its bytes, found without following links.
    static func snapshot(_ root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for (path, kind) in entries(root) where kind == "f" { files[path] = FileManager.default.contents(atPath: root + "/" + path) }
        return files
    }

    /// Every entry under `root`: its kind (f, d, l), path, and a link's target.
    static func listing(_ root: String) -> [String] {
        entries(root).map { path, kind in
            kind == "l" ? "l \(path) -> \((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + path)) ?? "?")" : "\(kind) \(path)"
        }
    }

    private static func entries(_ root: String) -> [(String, String)] {
        var found: [(String, String)] = []
        func walk(_ relative: String) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + relative)) ?? []
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(root + "/" + path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: found.append((path, "d")); walk(path)
                case S_IFLNK: found.append((path, "l"))
                default: found.append((path, "f"))
                }
            }
        }
        walk("")
        return found
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    /// The data rows of a history.csv, after checking that every row is whole (ends with a line end and
    /// has the header's number of fields).
    static func csvRows(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"), "\(path) ends mid-row", file: file, line: line)
        let rows = text.split(separator: "\n")
        let fields = rows.first?.split(separator: ",", omittingEmptySubsequences: false).count ?? 0
        for row in rows {
            XCTAssertEqual(row.split(separator: ",", omittingEmptySubsequences: false).count, fields, "\(path): \(row)", file: file, line: line)
        }
        return rows.count - 1
    }

    /// Every JSON file under `root` parses, every history.csv is whole, and no temporary file is left.
    static func assertWhole(_ root: String, file: StaticString = #filePath, line: UInt = #line) {
        for (path, _) in snapshot(root) {
            let full = root + "/" + path
            XCTAssertFalse(path.contains(".tmp-"), "a temporary file was left: \(path)", file: file, line: line)
            if path.hasSuffix(".json") {
                XCTAssertNoThrow(try json(full), "\(path) does not parse", file: file, line: line)
            }
            if path.hasSuffix("history.csv") { _ = try? csvRows(full, file: file, line: line) }
        }
    }

    /// Every file of `before` still holds the same bytes.
    static func assertUnchanged(_ before: [String: Data], _ root: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(before.isEmpty, file: file, line: line)
        let after = snapshot(root)
        for (path, bytes) in before.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(after[path], bytes, "\(path) changed", file: file, line: line)
        }
    }
}
