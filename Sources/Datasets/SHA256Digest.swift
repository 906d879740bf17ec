import CCrypto

/// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions (about 35 ms for all of MNIST).
public enum SHA256Digest {
    /// The lowercase hexadecimal SHA-256 of `bytes`, as `sha256sum` prints it.
    public static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The SHA-256 of a file's bytes as stored (a .gz is not decompressed): a data file's content digest.
    public static func hex(ofFileAt path: String) throws(DatasetError) -> String {
        hex(try DatasetFile.read(path))
    }
}
