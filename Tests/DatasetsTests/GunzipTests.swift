@testable import Datasets
import TestSupport
import XCTest

final class GunzipTests: XCTestCase {
    private let original = Fixtures.images(count: 300, rows: 28, columns: 28)

    func testDecompressesWhatZlibCompressed() throws {
        let compressed = Fixtures.gzip(original)
        XCTAssertTrue(Gunzip.isGzip(compressed))
        XCTAssertFalse(Gunzip.isGzip(original))
        XCTAssertEqual(try Gunzip.decompress(compressed, path: "f.gz"), original)
    }

    func testDecidesByMagicBytesNotByName() throws {
        let directory = TemporaryDirectory()
        let gzipNamedPlain = directory.write("images", Fixtures.gzip(original))
        let plainNamedGzip = directory.write("images.gz", original)
        XCTAssertEqual(try DatasetFile.contents(of: gzipNamedPlain), original)
        XCTAssertEqual(try DatasetFile.contents(of: plainNamedGzip), original)
    }

    func testConcatenatedMembersAreOneStream() throws {
        // The trailer's size hint is the last member's alone, so this also exercises the buffer growing.
        let first = Array(original.prefix(100_000)), second = Array(original.dropFirst(100_000))
        let compressed = Fixtures.gzip(first) + Fixtures.gzip(second)
        XCTAssertEqual(try Gunzip.decompress(compressed, path: "f.gz"), original)
    }

    func testPrefixStopsEarly() throws {
        let compressed = Fixtures.gzip(original)
        XCTAssertEqual(try Gunzip.decompress(compressed, path: "f.gz", limit: 16), Array(original.prefix(16)))
        let directory = TemporaryDirectory()
        let path = directory.write("images.gz", compressed)
        XCTAssertEqual(try DatasetFile.prefix(of: path, count: 16), Array(original.prefix(16)))
    }

    func testTruncatedStream() {
        let compressed = Fixtures.gzip(original)
        XCTAssertDatasetError(
            "data/x.gz: error: truncated gzip file: the compressed stream ends early; the file was cut short, copy it again"
        ) { try Gunzip.decompress(Array(compressed.prefix(compressed.count / 2)), path: "data/x.gz") }
        XCTAssertDatasetError(
            "data/x.gz: error: truncated gzip file: the compressed stream ends early; the file was cut short, copy it again"
        ) { try Gunzip.decompress(Array(compressed.dropLast(3)), path: "data/x.gz") }
        XCTAssertDatasetError(
            "data/x.gz: error: truncated gzip file: the compressed stream ends early; the file was cut short, copy it again"
        ) { try Gunzip.decompress([0x1F, 0x8B], path: "data/x.gz") }
    }

    func testBadChecksumInTrailer() {
        var compressed = Fixtures.gzip(original)
        compressed[compressed.count - 8] ^= 0xFF  // first byte of the CRC-32
        XCTAssertDatasetError(
            "data/x.gz: error: corrupt gzip data (incorrect data check); the file is damaged, copy it again"
        ) { try Gunzip.decompress(compressed, path: "data/x.gz") }
    }

    func testBadLengthInTrailer() {
        var compressed = Fixtures.gzip(original)
        compressed[compressed.count - 4] ^= 0x01  // ISIZE
        XCTAssertDatasetError(
            "data/x.gz: error: corrupt gzip data (incorrect length check); the file is damaged, copy it again"
        ) { try Gunzip.decompress(compressed, path: "data/x.gz") }
    }

    func testUnknownCompressionMethod() {
        var compressed = Fixtures.gzip(original)
        compressed[2] = 7  // CM: only 8 (deflate) exists
        XCTAssertDatasetError(
            "data/x.gz: error: corrupt gzip data (unknown compression method); the file is damaged, copy it again"
        ) { try Gunzip.decompress(compressed, path: "data/x.gz") }
    }

    func testTrailingGarbageAfterStream() {
        let compressed = Fixtures.gzip(original) + [0, 0, 0]
        XCTAssertDatasetError(
            "data/x.gz: error: corrupt gzip data (3 unexpected bytes after the end of the gzip stream); "
                + "the file is damaged, copy it again"
        ) { try Gunzip.decompress(compressed, path: "data/x.gz") }
    }

    func testDamagedTrailerCannotAskForHugeBuffer() {
        var compressed = Fixtures.gzip([1, 2, 3])
        for k in 1...4 { compressed[compressed.count - k] = 0xFF }
        XCTAssertLessThanOrEqual(Gunzip.sizeHint(compressed), compressed.count * 1032 + (1 << 16))
        XCTAssertThrowsError(try Gunzip.decompress(compressed, path: "f"))
    }
}
