import CYAML

/// libyaml's errors as located `YAMLSyntaxError`s.
extension TreeBuilder {
    /// libyaml's problem at libyaml's mark, with its context and where that context began.
    ///
    /// Reader errors (bad UTF-8, control characters) carry a byte offset instead of a mark; it is
    /// turned into the line and column libyaml would have reported.
    func libyamlError(_ p: yaml_parser_t) -> YAMLSyntaxError {
        let problem = p.problem.map { String(cString: $0) } ?? (p.error == YAML_MEMORY_ERROR ? "out of memory" : "unknown error")
        if p.error == YAML_READER_ERROR {
            return readerError(problem, offset: Int(p.problem_offset), value: Int(p.problem_value))
        }
        let problemMark = Mark(source: source, libyamlLine: Int(p.problem_mark.line), libyamlColumn: Int(p.problem_mark.column))
        // libyaml drops a possible key 1024 characters after its start (YAML 1.2, 7.4.2: an implicit key is at most
        // 1024 characters) and, where a key is required, reports a missing ':' 1024 characters on: on the key's own
        // line that can only be its length, so say so at the key.
        if problem == "could not find expected ':'", p.context.map({ String(cString: $0) }) == "while scanning a simple key",
           p.context_mark.line == p.problem_mark.line {
            let keyMark = Mark(source: source, libyamlLine: Int(p.context_mark.line), libyamlColumn: Int(p.context_mark.column))
            return YAMLSyntaxError(mark: keyMark, message: Self.longKeyMessage)
        }
        // Where a key was only possible (the first key of a nested mapping, or after '- '), libyaml drops it silently
        // and then finds the ':' unexpected: the text before that ':' on its line is the key.
        if problem == "mapping values are not allowed in this context",
           let column = longKeyColumn(beforeLibyamlLine: Int(p.problem_mark.line), column: Int(p.problem_mark.column)) {
            return YAMLSyntaxError(mark: Mark(source: source, libyamlLine: Int(p.problem_mark.line), libyamlColumn: column),
                                   message: Self.longKeyMessage)
        }
        var message = problem
        if let context = p.context.map({ String(cString: $0) }) {
            let contextMark = Mark(source: source, libyamlLine: Int(p.context_mark.line), libyamlColumn: Int(p.context_mark.column))
            message += contextMark == problemMark
                ? " (\(context))"
                : " (\(context) from line \(contextMark.line), column \(contextMark.column))"
        }
        // libyaml cannot tell a tab from any other stray character here; users meet tabs most.
        if problem == "found character that cannot start any token",
           byte(atLibyamlLine: Int(p.problem_mark.line), column: Int(p.problem_mark.column)) == 0x09 {
            message += "; this is a tab, indent with spaces instead"
        }
        return YAMLSyntaxError(mark: problemMark, message: message)
    }

    static let longKeyMessage = "a mapping key is longer than 1024 characters, the most YAML allows before its ':'; "
        + "no setting's name is that long, so shorten the key (or add the missing ': ')"

    /// The 0-based column where the key before a ':' at `column` starts, when that key is a plain run of more
    /// than 1024 characters after the line's indentation and `- ` markers; nil otherwise.
    private func longKeyColumn(beforeLibyamlLine line: Int, column: Int) -> Int? {
        var characters: [UInt8] = []  // the first byte of each character on the line, up to the ':'
        walk { i, l, c in
            if l == line, c < column, i < bytes.count { characters.append(bytes[i]) }
            return l <= line && !(l == line && c >= column)
        }
        var start = 0
        while start < characters.count {
            if characters[start] == 0x20 { start += 1; continue }
            if characters[start] == UInt8(ascii: "-") || characters[start] == UInt8(ascii: "?"),
               start + 1 < characters.count, characters[start + 1] == 0x20 { start += 2; continue }
            break
        }
        var end = characters.count
        while end > start, characters[end - 1] == 0x20 { end -= 1 }
        guard end - start > 1024, !characters[start..<end].contains(UInt8(ascii: ":")) else { return nil }
        return start
    }

    private func readerError(_ problem: String, offset: Int, value: Int) -> YAMLSyntaxError {
        var offset = min(offset, bytes.count)
        let detail: String
        switch problem {
        case "invalid leading UTF-8 octet":
            detail = "\(problem) \(Self.hex(value))"
        case "invalid trailing UTF-8 octet":
            // libyaml points at the bad continuation byte; the character it breaks starts earlier.
            while offset > 0, offset - 1 < bytes.count, bytes[offset - 1] & 0xC0 == 0x80 { offset -= 1 }
            if offset > 0 { offset -= 1 }
            detail = "\(problem) \(Self.hex(value))"
        case "invalid Unicode character", "control characters are not allowed":
            detail = "\(problem): \(Self.codePoint(value))"
        default:
            // "incomplete UTF-8 octet sequence", "invalid length of a UTF-8 sequence": value is -1.
            detail = problem
        }
        let position = self.position(ofByte: offset)
        let mark = Mark(source: source, libyamlLine: position.line, libyamlColumn: position.column)
        if problem == "control characters are not allowed" {
            return YAMLSyntaxError(mark: mark, message: detail)
        }
        return YAMLSyntaxError(mark: mark, message: "invalid UTF-8 (\(detail)); save the file as UTF-8")
    }

    private static func codePoint(_ value: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }

    /// libyaml's 0-based line and column of the character starting at a byte offset.
    func position(ofByte offset: Int) -> (line: Int, column: Int) {
        var result = (line: 0, column: 0)
        walk { i, line, column in
            result = (line, column)
            return i < offset
        }
        return result
    }

    /// The first byte of the character at libyaml's 0-based line and column.
    func byte(atLibyamlLine line: Int, column: Int) -> UInt8? {
        var found: UInt8?
        walk { i, l, c in
            if i < bytes.count, l == line, c == column { found = bytes[i] }
            return found == nil && l <= line
        }
        return found
    }

    /// Visits each character start (and the end of input) with libyaml's 0-based line and column,
    /// counting as libyaml's reader does: a leading BOM is skipped, a column is one character, and
    /// `\r\n`, `\r`, `\n`, NEL, LS and PS break lines. Stops when `body` returns false.
    private func walk(_ body: (_ offset: Int, _ line: Int, _ column: Int) -> Bool) {
        let n = bytes.count
        var i = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var line = 0, column = 0
        while body(i, line, column), i < n {
            let b = bytes[i]
            let next = i + 1 < n ? bytes[i + 1] : 0
            let isBreak = b == 0x0A || (b == 0x0D && next != 0x0A) || (b == 0xC2 && next == 0x85)
                || (b == 0xE2 && next == 0x80 && i + 2 < n && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9))
            if isBreak {
                line += 1
                column = 0
            } else {
                column += 1
            }
            i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        }
    }
}
