import CLibFuzzer
import Glibc

/// Hands the command line to libFuzzer, which runs `fuzzOneInput` until a limit or a finding.
@main
enum CompilerFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
        exit(status)
    }
}
