import Foundation

extension Runner {
    /// The argument vector as the kernel gave it, byte for byte (without the program's name).
    static func rawArguments() -> [[UInt8]] {
        (1..<Int(CommandLine.argc)).map { i in
            guard let pointer = CommandLine.unsafeArgv[i] else { return [] }
            return Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
        }
    }

    /// A refusal for the first argument that is not valid UTF-8, or nil. Swift's `CommandLine.arguments` repairs such
    /// bytes to U+FFFD, so an existing file would "not exist" and `--results` would name another folder; paths are
    /// carried as text from here to every module, so a name that is not text is refused, never silently mangled.
    static func nonUTF8Refusal(_ arguments: [[UInt8]]) -> String? {
        for (index, bytes) in arguments.enumerated() {
            guard String(validating: bytes, as: UTF8.self) == nil else { continue }
            var shown = "", firstBad: (offset: Int, byte: UInt8)?
            var offset = 0
            while offset < bytes.count {
                // The longest valid UTF-8 sequence at `offset` (1 to 4 bytes), else one byte shown as \xHH.
                if let length = (1...4).reversed().first(where: { offset + $0 <= bytes.count
                    && String(validating: bytes[offset..<(offset + $0)], as: UTF8.self).map { $0.unicodeScalars.count == 1 } == true }) {
                    shown += String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
                    offset += length
                } else {
                    shown += "\\x" + String(bytes[offset], radix: 16, uppercase: true).leftPadded(to: 2)
                    if firstBad == nil { firstBad = (offset, bytes[offset]) }
                    offset += 1
                }
            }
            let bad = firstBad.map { "byte 0x\(String($0.byte, radix: 16, uppercase: true).leftPadded(to: 2)) at offset \($0.offset)" } ?? ""
            return "error: argument \(index + 1) ('\(shown)') is not valid UTF-8 (\(bad)); runner takes file names and values as "
                + "UTF-8 text, so give the file a UTF-8 name (rename it, or link it: ln -s OLD NEW) and pass that name"
        }
        return nil
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
