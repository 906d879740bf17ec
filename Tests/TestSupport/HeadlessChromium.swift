import Foundation

/// A page opened in Debian's `chromium` without a display (`--headless`), to check an HTML file as a browser
/// shows it: the DOM after its scripts ran, what it wrote to the console, and a screenshot.
///
/// As root (containers, CI) Chromium needs `--no-sandbox`; every call gets a fresh profile folder, no GPU and no
/// first-run set-up, and `timeout` kills a Chromium that hangs, so a test fails instead of stalling the suite.
public enum HeadlessChromium {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What the page left: the serialised DOM and the console lines (`INFO:CONSOLE(...)] "message", source: ...`).
    public struct Page {
        public var dom: String
        public var console: [String]
    }

    /// Seconds before a Chromium that has not finished is killed.
    public static let timeout = 60

    /// `file` opened and its DOM dumped once the page (and its scripts) loaded, with the console logged to stderr.
    public static func dumpDOM(_ file: String) throws -> Page {
        let result = try run(["--enable-logging=stderr", "--v=0", "--dump-dom", URL(fileURLWithPath: file).absoluteString])
        return Page(dom: result.output, console: result.error.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") })
    }

    /// `file` drawn in a `width` x `height` window, decoded.
    public static func screenshot(_ file: String, width: Int, height: Int) throws -> RenderedImage {
        let folder = TemporaryDirectory("chromium-shot")
        let png = folder.url.appendingPathComponent("page.png").path
        _ = try run(["--hide-scrollbars", "--screenshot=\(png)", "--window-size=\(width),\(height)",
                     URL(fileURLWithPath: file).absoluteString])
        return try RenderedImage(png: [UInt8](try Data(contentsOf: URL(fileURLWithPath: png))))
    }

    private static func run(_ arguments: [String]) throws -> Shell.Result {
        let profile = TemporaryDirectory("chromium-profile")
        let result = try Shell.run(["timeout", "--kill-after=5", String(timeout), "chromium", "--headless", "--no-sandbox",
                                    "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "chromium exited with \(result.status)\(result.status == 124 ? " (timed out)" : ""): "
                + result.error.suffix(2000))
        }
        return result
    }
}
