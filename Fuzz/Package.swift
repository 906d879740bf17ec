// swift-tools-version:6.0
import PackageDescription

// The libFuzzer target, kept out of the root package so that its normal builds never compile it.
// Build and run it with scripts/fuzz (it passes -sanitize=fuzzer,address to every module).
let package = Package(
    name: "runner-fuzz",
    dependencies: [
        .package(name: "runner", path: ".."),
    ],
    targets: [
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(
            name: "CompilerFuzzer",
            dependencies: [
                .product(name: "YAML", package: "runner"),
                .product(name: "ExperimentCompiler", package: "runner"),
                "CLibFuzzer",
            ]
        ),
    ]
)
