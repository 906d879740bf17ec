import CZlib
import Datasets
import TestSupport
import XCTest

/// Small IDX files built in the test, and helpers to lay them out as a dataset folder.
enum Fixtures {
    /// An IDX file: magic 00 00 type rank, big-endian sizes, then `data`.
    static func idx(type: UInt8 = 0x08, dimensions: [Int], data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
        for size in dimensions {
            bytes += [UInt8(size >> 24 & 255), UInt8(size >> 16 & 255), UInt8(size >> 8 & 255), UInt8(size & 255)]
        }
        return bytes + data
    }

    /// `count` images of `rows x columns`, pixel `k` of image `i` being `(i * 7 + k) % 256`.
    static func images(count: Int, rows: Int = 2, columns: Int = 3) -> [UInt8] {
        let pixels = (0..<count * rows * columns).map { k in UInt8((k / (rows * columns) * 7 + k % (rows * columns)) % 256) }
        return idx(dimensions: [count, rows, columns], data: pixels)
    }

    static func labels(_ values: [UInt8]) -> [UInt8] {
        idx(dimensions: [values.count], data: values)
    }

    /// gzip through zlib's deflate with gzip framing (window bits 15 + 16), as `gzip` writes it.
    static func gzip(_ bytes: [UInt8], level: Int32 = 9) -> [UInt8] {
        var stream = z_stream()
        XCTAssertEqual(deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                                     Int32(MemoryLayout<z_stream>.size)), Z_OK)
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        let produced = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                XCTAssertEqual(deflate(&stream, Z_FINISH), Z_STREAM_END)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    /// Writes a complete small dataset (5 training and 3 test images of 2 x 3, labels 0...2) into `folder`,
    /// gzipped or not, and returns the folder's path.
    @discardableResult
    static func writeDataset(in directory: TemporaryDirectory, folder: String = "set", gzipped: Bool = false,
                             trainLabels: [UInt8] = [0, 1, 2, 1, 0], testLabels: [UInt8] = [2, 0, 1]) -> String {
        let files: [(String, [UInt8])] = [
            ("train-images-idx3-ubyte", images(count: trainLabels.count)),
            ("train-labels-idx1-ubyte", labels(trainLabels)),
            ("t10k-images-idx3-ubyte", images(count: testLabels.count)),
            ("t10k-labels-idx1-ubyte", labels(testLabels)),
        ]
        for (name, bytes) in files {
            if gzipped { directory.write("\(folder)/\(name).gz", gzip(bytes)) } else { directory.write("\(folder)/\(name)", bytes) }
        }
        return directory.path + "/" + folder
    }

    /// A search that looks only where the test says: no environment, a given directory, no executable.
    static func search(dataDirectory: String? = nil, currentDirectory: String) -> DataSearch {
        DataSearch(dataDirectory: dataDirectory, currentDirectory: currentDirectory, executablePath: nil)
    }
}

/// Asserts that `body` throws a `DatasetError` whose message is exactly `message`.
func XCTAssertDatasetError<T>(_ message: String, file: StaticString = #filePath, line: UInt = #line,
                              _ body: () throws -> T) {
    do {
        _ = try body()
        XCTFail("expected the error: \(message)", file: file, line: line)
    } catch let error as DatasetError {
        XCTAssertEqual(error.description, message, file: file, line: line)
    } catch {
        XCTFail("expected a DatasetError, got \(error)", file: file, line: line)
    }
}
