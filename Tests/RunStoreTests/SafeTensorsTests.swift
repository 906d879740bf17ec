import Foundation
@testable import RunStore
import XCTest

final class SafeTensorsTests: XCTestCase {
    let file = SafeTensors(
        tensors: [SafeTensors.Tensor(name: "dense.kernel", shape: [2, 1], values: [1.5, -2]),
                  SafeTensors.Tensor(name: "dense.bias", shape: [1], values: [0.25])],
        metadata: ["format_version": "1", "format": "x"])

    func testBytesAreTheSortedCompactHeaderPaddedToEightThenLittleEndianData() {
        let header = #"{"__metadata__":{"format":"x","format_version":"1"},"#
            + #""dense.bias":{"data_offsets":[0,4],"dtype":"F32","shape":[1]},"#
            + #""dense.kernel":{"data_offsets":[4,12],"dtype":"F32","shape":[2,1]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        var expected: [UInt8] = [UInt8(padded.utf8.count), 0, 0, 0, 0, 0, 0, 0] + Array(padded.utf8)
        expected += [0x00, 0x00, 0x80, 0x3E]  // 0.25
        expected += [0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0]  // 1.5, -2
        XCTAssertEqual(file.encoded(), expected)
        XCTAssertEqual(padded.utf8.count % 8, 0)
        XCTAssertEqual(file.tensors.map(\.name), ["dense.bias", "dense.kernel"])
    }

    func testReadingGivesBackTheTensorsAndMetadata() throws {
        XCTAssertEqual(try SafeTensors(bytes: file.encoded(), path: "m"), file)
    }

    func testMalformedFilesAreRefusedWithWhatIsWrong() {
        let bytes = file.encoded()
        func reason(_ bytes: [UInt8]) -> String {
            do {
                _ = try SafeTensors(bytes: bytes, path: "m.safetensors")
                return "read"
            } catch {
                return error.description
            }
        }
        let fix = "; run the experiment again with --force to write it again"
        XCTAssertEqual(reason([1, 2]), "m.safetensors: error: not a safetensors file this runner can read: 2 bytes, shorter than the 8-byte header length" + fix)
        XCTAssertEqual(reason([255] + bytes.dropFirst()),
                       "m.safetensors: error: not a safetensors file this runner can read: the header length 255 exceeds the file (\(bytes.count) bytes)" + fix)
        XCTAssertEqual(reason(Array(bytes.dropLast(4))),
                       "m.safetensors: error: not a safetensors file this runner can read: tensor 'dense.kernel' has data_offsets outside the 8-byte data" + fix)
        let f16 = SafeTensors.header(#"{"w":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, data: 2)
        XCTAssertEqual(reason(f16), "m.safetensors: error: not a safetensors file this runner can read: tensor 'w' is F16; only F32 tensors are read" + fix)
        let short = SafeTensors.header(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: 8)
        XCTAssertEqual(reason(short),
                       "m.safetensors: error: not a safetensors file this runner can read: tensor 'w' has shape [3] (12 bytes) but data_offsets [0, 8]" + fix)
        XCTAssertTrue(reason(SafeTensors.header("{nope", data: 0)).hasPrefix("m.safetensors: error: not a safetensors file this runner can read: the header is not JSON ("))
    }

    func testAMissingFileSaysOnlyCompletedRunsHaveModels() {
        XCTAssertThrowsError(try SafeTensors.read(path: "/nonexistent/model.safetensors")) { error in
            XCTAssertEqual((error as? ModelFileError)?.description,
                           "/nonexistent/model.safetensors: error: no such file; only a completed run has its model (run the experiment to completion, or again with --force if it completed before models were saved)")
        }
    }
}

extension SafeTensors {
    /// A file with this header text and `data` zero bytes after it.
    static func header(_ json: String, data: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian) { bytes += $0 }
        return bytes + Array(json.utf8) + Array(repeating: 0, count: data)
    }
}
