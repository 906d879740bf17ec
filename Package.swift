// swift-tools-version:6.0
import PackageDescription

// Targets are listed in data-path order (see docs/architecture.md); imports only point up this list.
let package = Package(
    name: "runner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "runner", targets: ["runner"]),
        // For the fuzzer package in Fuzz/, which builds with sanitizers and must not slow down normal builds.
        .library(name: "YAML", targets: ["YAML"]),
        .library(name: "ExperimentCompiler", targets: ["ExperimentCompiler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // SHA-256 of the dataset files (OpenSSL uses the CPU's SHA extensions: ~35 ms for MNIST).
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // prctl(2) for a sweep's children (PR_SET_PDEATHSIG), which Swift cannot call: it is variadic.
        .systemLibrary(name: "CProcess"),

        .target(name: "YAML", dependencies: ["CYAML"]),
        .target(name: "ModelKinds"),
        .target(name: "ExperimentCompiler", dependencies: ["YAML", "ModelKinds"]),
        .target(name: "SeededRandom"),
        .target(name: "Datasets", dependencies: ["CZlib", "CCrypto", "SeededRandom"]),
        // Element-wise kernels compiled for several instruction sets, chosen at load time (see its files).
        .target(name: "CKernels"),
        .target(name: "NeuralNetwork", dependencies: ["CBLAS", "CKernels", "SeededRandom", "ModelKinds"]),
        .target(name: "Training", dependencies: ["ExperimentCompiler", "ModelKinds", "Datasets", "NeuralNetwork", "SeededRandom"]),
        // Intervals, paired tests, Holm and power for comparing seeds; Foundation only (see docs/results.md).
        .target(name: "Statistics"),
        .target(name: "RunStore", dependencies: ["Training", "ExperimentCompiler", "Datasets", "NeuralNetwork", "SeededRandom"]),
        .target(name: "Reports", dependencies: ["RunStore", "ExperimentCompiler", "Datasets", "Statistics"]),
        .target(name: "Sweeps", dependencies: ["ExperimentCompiler", "YAML"]),
        .target(name: "RunLifecycle", dependencies: [
            "CProcess", "YAML", "ExperimentCompiler", "ModelKinds", "SeededRandom", "Datasets", "NeuralNetwork", "Training", "RunStore",
            "Sweeps",
        ]),
        .executableTarget(
            name: "runner",
            dependencies: [
                "ExperimentCompiler", "Datasets", "Training", "RunStore", "Reports", "Sweeps", "RunLifecycle",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", dependencies: ["CZlib"], path: "Tests/TestSupport"),
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "ModelKindsTests", dependencies: ["ModelKinds"]),
        .testTarget(name: "ExperimentCompilerTests", dependencies: ["ExperimentCompiler", "ModelKinds", "YAML", "Datasets", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "SeededRandom", "CZlib", "TestSupport"]),
        .testTarget(name: "NeuralNetworkTests", dependencies: ["NeuralNetwork", "ModelKinds", "SeededRandom", "TestSupport"], exclude: ["Reference"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "ExperimentCompiler", "ModelKinds", "Datasets", "NeuralNetwork", "CAllocationCounter"]),
        .testTarget(name: "RunStoreTests", dependencies: ["RunStore", "Training", "ExperimentCompiler", "Datasets", "NeuralNetwork", "SeededRandom", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "RunStore", "ExperimentCompiler", "TestSupport"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "ExperimentCompiler", "YAML", "TestSupport"]),
        .testTarget(name: "RunLifecycleTests", dependencies: ["RunLifecycle", "RunStore", "ExperimentCompiler", "ModelKinds", "Training", "TestSupport"]),
        .testTarget(name: "RunnerTests", dependencies: ["TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "SeededRandom", "TestSupport"], exclude: ["Reference"]),
    ]
)
