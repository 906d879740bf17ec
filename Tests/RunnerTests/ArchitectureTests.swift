import Foundation
import TestSupport
import XCTest

/// The layout docs/architecture.md describes: every target's dependency list in Package.swift is exactly what
/// its files import (system modules aside), and the table in docs/architecture.md lists the same imports.
final class ArchitectureTests: XCTestCase {
    /// Modules of the toolchain and the OS, which need no entry in Package.swift.
    static let systemModules: Set<String> = ["Foundation", "FoundationXML", "Glibc", "Dispatch", "Synchronization", "XCTest", "Darwin"]

    /// `name -> (folder, dependencies)` for every target in Package.swift; a product dependency counts by its module name.
    static func targets() throws -> [String: (folder: String, dependencies: Set<String>)] {
        let manifest = try String(contentsOf: RunnerProcess.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
            .replacing(/\/\/[^\n]*/, with: "")
        var found: [String: (String, Set<String>)] = [:]
        let pattern = try NSRegularExpression(pattern: #"\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"(.*?)\)\s*,\s*(?=\.|\]|//)"#,
                                              options: [.dotMatchesLineSeparators])
        let text = manifest as NSString
        for match in pattern.matches(in: manifest, range: NSRange(location: 0, length: text.length)) {
            let kind = text.substring(with: match.range(at: 1)), name = text.substring(with: match.range(at: 2))
            var rest = text.substring(with: match.range(at: 3))
            var folder = (kind == "testTarget" ? "Tests/" : "Sources/") + name
            if let path = rest.firstMatch(of: /path:\s*"([^"]+)"/) { folder = String(path.1) }
            rest = rest.replacing(/package:\s*"[^"]+"/, with: "").replacing(/path:\s*"[^"]+"/, with: "")
                .replacing(/exclude:\s*\[[^\]]*\]/, with: "")
            // A system library's strings are its pkg-config name and packages, not dependencies.
            let dependencies = kind == "systemLibrary" ? [] : Set(rest.matches(of: /"([^"]+)"/).map { String($0.1) })
            found[name] = (folder, dependencies)
        }
        return found
    }

    static func imports(in folder: String) throws -> Set<String> {
        let url = RunnerProcess.packageRoot.appendingPathComponent(folder)
        var modules: Set<String> = []
        let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" && !file.path.contains("/Reference/") {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                if let m = line.firstMatch(of: /^(?:@testable )?import ([A-Za-z_]+)$/) { modules.insert(String(m.1)) }
            }
        }
        return modules.subtracting(systemModules)
    }

    func testEveryTargetDeclaresExactlyWhatItImports() throws {
        let targets = try Self.targets()
        XCTAssertGreaterThan(targets.count, 20, "Package.swift's targets were not found: \(targets.keys.sorted())")
        for (name, target) in targets.sorted(by: { $0.key < $1.key }) {
            // System libraries are module maps, with no Swift files.
            if FileManager.default.fileExists(atPath: RunnerProcess.packageRoot.appendingPathComponent(target.folder).path + "/module.modulemap") {
                continue
            }
            let imported = try Self.imports(in: target.folder)
            XCTAssertEqual(imported.subtracting(target.dependencies).sorted(), [], "\(name) imports modules it does not declare")
            XCTAssertEqual(target.dependencies.subtracting(imported).sorted(), [], "\(name) declares modules it does not import")
        }
    }

    func testTheArchitectureTableListsPackageSwiftsDependencies() throws {
        let text = try String(contentsOf: RunnerProcess.packageRoot.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let targets = try Self.targets()
        var listed = 0
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            let names = cells[1].matches(of: /`([A-Za-z]+)`/).map { String($0.1) }
            let imports = Set(cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "—" })
            for name in names where name != "runner" {
                guard let target = targets[name] else { XCTFail("docs/architecture.md lists \(name), which Package.swift does not have"); continue }
                XCTAssertEqual(imports, target.dependencies, "docs/architecture.md's imports of \(name)")
                listed += 1
            }
        }
        // Test helpers (TestSupport, CAllocationCounter) live under Tests/ and are not part of the data path.
        let libraries = targets.filter { !$0.value.folder.hasPrefix("Tests/") && $0.key != "runner" }
        XCTAssertEqual(listed, libraries.count, "docs/architecture.md should list every library target once")
    }
}
