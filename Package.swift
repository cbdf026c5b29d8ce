// swift-tools-version:6.0
import PackageDescription

// Numeric modules are compiled optimised even in debug builds, so tests and training stay fast.
let numeric: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"])]
// Tensor and the benchmark: AVX2 + FMA code generation (SIMD kernels); runs on any x86-64 CPU since Haswell (2013).
#if arch(x86_64)
let tensorFlags: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-target-cpu", "haswell"])]
#else
let tensorFlags: [SwiftSetting] = numeric
#endif

let package = Package(
    name: "AICMETWorkbench",
    products: [
        .executable(name: "aicmet", targets: ["aicmet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        // The engine's AVX-512 sgemm: optimised even in debug builds; its AVX-512 functions are selected at run time.
        .target(name: "CGemm", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "Tensor", dependencies: ["CBLAS", "CGemm"], swiftSettings: tensorFlags),
        .target(name: "PKData"),
        .target(name: "PKSim", dependencies: ["PKData"], swiftSettings: numeric),
        .target(name: "AICMET", dependencies: ["Tensor", "PKData", "PKSim"], swiftSettings: numeric),
        .target(name: "NLME", dependencies: ["PKData", "PKSim"], swiftSettings: numeric),
        .target(name: "Evaluation", dependencies: ["PKData"]),
        .target(name: "Workspace", dependencies: ["PKData", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Workbench", dependencies: [
            "PKData", "PKSim", "AICMET", "NLME", "Evaluation", "Workspace", "Tensor",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "Shell", dependencies: [
            "Workbench", "CEditLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "aicmet", dependencies: ["Shell"]),
        .executableTarget(name: "aicmet-train", dependencies: [
            "AICMET", "PKSim", "PKData", "Evaluation", "NLME", "Tensor", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Tools/aicmet-train", swiftSettings: numeric),
        .executableTarget(name: "aicmet-bench", dependencies: ["Tensor", "PKSim", "AICMET", "NLME", "Evaluation", "PKData"],
                          path: "Benchmarks/aicmet-bench", swiftSettings: tensorFlags),

        .testTarget(name: "TensorTests", dependencies: ["Tensor", "CGemm"]),
        .testTarget(name: "PKDataTests", dependencies: ["PKData"]),
        .testTarget(name: "PKSimTests", dependencies: ["PKSim"]),
        .testTarget(name: "AICMETTests", dependencies: ["AICMET"]),
        .target(name: "TestData", dependencies: ["PKData"], path: "Tests/TestData"),
        .testTarget(name: "NLMETests", dependencies: ["NLME", "Evaluation", "TestData"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestData"]),
        .testTarget(name: "WorkspaceTests", dependencies: ["Workspace"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell"], exclude: ["Transcripts", "Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
