// swift-tools-version:6.0
import PackageDescription

/// Strict settings shared by every target: see STYLE.md ("Values and seams").
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Refinery",
    products: [
        .executable(name: "refinery", targets: ["refinery"]),
        .executable(name: "refinery-bench", targets: ["refinery-bench"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "RefineryHashing", swiftSettings: strict),
        .target(name: "RefineryJSON", swiftSettings: strict),
        .target(name: "IML", dependencies: ["RefineryJSON", "RefineryHashing"], swiftSettings: strict),
        .target(name: "RefineryHTTP", dependencies: ["RefineryJSON"], swiftSettings: strict),
        .target(name: "Refinery", dependencies: ["IML", "RefineryHTTP", "RefineryPostgres"], swiftSettings: strict),
        .target(name: "RefineryPostgres", dependencies: ["RefineryHashing", "RefineryHTTP"], swiftSettings: strict),
        .target(name: "RefinerySandbox", dependencies: ["RefineryJSON", "RefineryHTTP"], swiftSettings: strict),
        .target(
            name: "RefineryCLI",
            dependencies: ["RefineryJSON", "IML", "RefineryHTTP", "Refinery", "RefinerySandbox", "RefineryPostgres"],
            swiftSettings: strict
        ),
        .target(
            name: "RefineryTesting",
            dependencies: ["RefineryJSON", "RefineryHTTP", "Refinery", "RefineryPostgres"],
            swiftSettings: strict
        ),
        .executableTarget(name: "refinery", dependencies: ["RefineryCLI"], swiftSettings: strict),
        .executableTarget(
            name: "refinery-bench",
            dependencies: ["RefineryJSON", "IML", "RefineryHTTP", "Refinery", "RefinerySandbox", "RefineryCLI", "RefineryPostgres", "RefineryTesting"],
            path: "Benchmarks/Sources/refinery-bench",
            swiftSettings: strict
        ),
        .testTarget(
            name: "RefineryJSONTests",
            dependencies: ["RefineryJSON", "RefineryTesting"],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(name: "RefineryHashingTests", dependencies: ["RefineryHashing"], swiftSettings: strict),
        .testTarget(name: "IMLTests", dependencies: ["IML", "RefineryTesting"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "RefineryHTTPTests", dependencies: ["RefineryHTTP", "RefineryTesting"], swiftSettings: strict),
        .testTarget(name: "RefineryTests", dependencies: ["Refinery", "RefinerySandbox", "RefineryTesting", "RefineryPostgres"], swiftSettings: strict),
        .testTarget(
            name: "RefineryPostgresTests",
            dependencies: ["RefineryPostgres", "RefineryHashing", "RefineryTesting"],
            swiftSettings: strict
        ),
        .testTarget(name: "RefinerySandboxTests", dependencies: ["RefinerySandbox", "RefineryTesting"], swiftSettings: strict),
        .testTarget(
            name: "RefineryCLITests",
            dependencies: ["RefineryCLI", "RefineryTesting", "RefineryPostgres"],
            resources: [.copy("Golden")],
            swiftSettings: strict
        ),
    ]
)
