import CZlib
import Foundation

/// An SVG drawn to pixels by librsvg's `rsvg-convert` (Debian `librsvg2-bin`), to check a picture as a viewer
/// would show it rather than only its XML.
public struct RenderedImage: Sendable {
    /// One pixel, 8 bits a channel, straight (not premultiplied) alpha as PNG stores it.
    public struct Pixel: Equatable, Sendable, CustomStringConvertible {
        public let red, green, blue, alpha: UInt8

        public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
            (self.red, self.green, self.blue, self.alpha) = (red, green, blue, alpha)
        }

        /// `#RRGGBB` as SVG writes colours; alpha must be 255.
        public init(hex: String) {
            let value = UInt32(hex.dropFirst(), radix: 16) ?? 0
            self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
        }

        /// The largest difference over the four channels: anti-aliased edges blend a colour with its
        /// background, so tests compare within a tolerance.
        public func distance(to other: Pixel) -> Int {
            max(abs(Int(red) - Int(other.red)), abs(Int(green) - Int(other.green)),
                abs(Int(blue) - Int(other.blue)), abs(Int(alpha) - Int(other.alpha)))
        }

        public var description: String {
            String(format: "#%02X%02X%02X/%d", red, green, blue, alpha)
        }
    }

    /// Why an image could not be made.
    public enum Failure: Error, CustomStringConvertible {
        case rendererFailed(status: Int32, message: String)
        case notPNG(String)

        public var description: String {
            switch self {
            case .rendererFailed(let status, let message): "rsvg-convert exited with \(status): \(message)"
            case .notPNG(let reason): "not a PNG this reader decodes: \(reason)"
            }
        }
    }

    public let width: Int
    public let height: Int
    /// Row-major RGBA bytes, 4 a pixel, top row first.
    public let rgba: [UInt8]

    public func pixel(x: Int, y: Int) -> Pixel {
        precondition((0..<width).contains(x) && (0..<height).contains(y), "pixel (\(x), \(y)) outside \(width)x\(height)")
        let at = (y * width + x) * 4
        return Pixel(red: rgba[at], green: rgba[at + 1], blue: rgba[at + 2], alpha: rgba[at + 3])
    }

    /// The pixel under the point (x, y) in SVG user units (pixel (i, j) covers [i, i+1) x [j, j+1)).
    public func pixel(at x: Double, _ y: Double) -> Pixel {
        pixel(x: Int(x.rounded(.down)), y: Int(y.rounded(.down)))
    }

    /// Renders `svg` at its own size (rsvg-convert maps one SVG px to one image pixel at its default 96 dpi).
    /// rsvg-convert refuses malformed XML with a non-zero exit, which this throws.
    public static func render(svg: String, renderer: String = "/usr/bin/rsvg-convert") throws -> RenderedImage {
        let folder = TemporaryDirectory("svg-render")
        let input = folder.write("picture.svg", svg)
        let output = folder.url.appendingPathComponent("picture.png").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = ["--format", "png", "--output", output, input]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.rendererFailed(status: process.terminationStatus,
                                         message: String(decoding: message, as: UTF8.self))
        }
        return try RenderedImage(png: [UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
    }

    /// Decodes a non-interlaced 8-bit RGBA or RGB PNG (what rsvg-convert writes), per the PNG specification
    /// (W3C, 2003): IHDR, the IDAT stream inflated by zlib, then each row's filter undone.
    public init(png bytes: [UInt8]) throws {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure.notPNG("no signature") }
        var header: [UInt8] = [], compressed: [UInt8] = [], at = 8
        while at + 12 <= bytes.count {
            let length = Int(Self.bigEndian(bytes, at))
            let type = String(decoding: bytes[at + 4 ..< at + 8], as: UTF8.self)
            guard at + 12 + length <= bytes.count else { throw Failure.notPNG("chunk \(type) runs past the end") }
            let data = bytes[at + 8 ..< at + 8 + length]
            if type == "IHDR" { header = Array(data) }
            if type == "IDAT" { compressed += data }
            at += 12 + length
            if type == "IEND" { break }
        }
        guard header.count == 13 else { throw Failure.notPNG("no IHDR") }
        let (width, height) = (Int(Self.bigEndian(header, 0)), Int(Self.bigEndian(header, 4)))
        let channels: Int
        switch (header[8], header[9]) {
        case (8, 6): channels = 4
        case (8, 2): channels = 3
        case let (depth, colourType): throw Failure.notPNG("bit depth \(depth), colour type \(colourType)")
        }
        guard header[12] == 0 else { throw Failure.notPNG("interlaced") }

        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = uncompress(&raw, &rawLength, compressed, uLong(compressed.count))
        guard status == Z_OK, Int(rawLength) == raw.count else { throw Failure.notPNG("zlib status \(status)") }

        // Filters are undone in place, row by row, through raw pointers: array indexing in a debug build
        // would make decoding a plot take a quarter of a second.
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        let zeros = [UInt8](repeating: 0, count: stride)
        try raw.withUnsafeMutableBufferPointer { raw in
            try zeros.withUnsafeBufferPointer { zeros in
            try rgba.withUnsafeMutableBufferPointer { rgba in
                for y in 0..<height {
                    let row = raw.baseAddress! + y * (stride + 1) + 1
                    let filter = row[-1]
                    let up = y > 0 ? UnsafePointer(row - (stride + 1)) : UnsafePointer(zeros.baseAddress!)
                    guard filter <= 4 else { throw Failure.notPNG("filter \(filter) on row \(y)") }
                    Self.unfilter(row, up: up, count: stride, channels: channels, filter: filter)
                    let out = rgba.baseAddress! + y * width * 4
                    if channels == 4 {
                        out.update(from: row, count: stride)
                    } else {
                        var (from, to) = (UnsafePointer(row), out)
                        var x = 0
                        while x < width {
                            to.update(from: from, count: 3)
                            (from, to, x) = (from + 3, to + 4, x + 1)
                        }
                    }
                }
            }
            }
        }
        (self.width, self.height, self.rgba) = (width, height, rgba)
    }

    private static func bigEndian(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        bytes[at ..< at + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Undoes one row's filter in place (PNG specification, section 9.2), given the decoded row above (zeros
    /// for the first row). `while` loops, because range iteration is not inlined in debug builds and made this
    /// ten times slower.
    private static func unfilter(_ row: UnsafeMutablePointer<UInt8>, up: UnsafePointer<UInt8>, count: Int,
                                 channels: Int, filter: UInt8) {
        var i = 0
        while i < count {
            let a = i >= channels ? row[i - channels] : 0, b = up[i], c = i >= channels ? up[i - channels] : 0
            switch filter {
            case 1: row[i] &+= a
            case 2: row[i] &+= b
            case 3: row[i] &+= UInt8((UInt16(a) + UInt16(b)) >> 1)
            case 4: row[i] &+= paeth(a, b, c)
            default: return
            }
            i += 1
        }
    }

    /// The Paeth predictor: whichever of left, up and upper-left is closest to left + up - upper-left.
    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let (pa, pb, pc) = (abs(p - Int(a)), abs(p - Int(b)), abs(p - Int(c)))
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }
}
