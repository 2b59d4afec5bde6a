// swift-tools-version: 6.1
import PackageDescription

/// Yunying: one package, one target per layer (see DESIGN.md).
let package = Package(
    name: "yunying",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yunying", targets: ["yunying"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .target(name: "Commerce"),
        .target(name: "Insights"),
        .target(
            name: "Persistence",
            dependencies: [
                "Commerce",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Operations",
            dependencies: [
                "Commerce", "Insights", "Persistence",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "WebServer",
            dependencies: [
                "Commerce", "Operations", "Persistence",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Dashboard/Templates"), .copy("Dashboard/Static")]
        ),
        .target(name: "Simulator", dependencies: ["Commerce", "Insights", "Operations", "Persistence"]),
        .executableTarget(
            name: "yunying",
            dependencies: [
                "Commerce", "Persistence", "Operations", "WebServer", "Simulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fresh stores of either kind for the test targets (never part of the product).
        .target(name: "StoreTesting", dependencies: ["Persistence"], path: "Tests/StoreTesting"),
        .testTarget(name: "CommerceTests", dependencies: ["Commerce"]),
        .testTarget(name: "InsightsTests", dependencies: ["Insights"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PersistenceTests", dependencies: ["Commerce", "Persistence", "StoreTesting"]),
        .testTarget(
            name: "OperationsTests",
            dependencies: ["Commerce", "Persistence", "Operations", "StoreTesting"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "WebServerTests",
            dependencies: [
                "Commerce", "Persistence", "Operations", "WebServer", "StoreTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        .testTarget(name: "SimulatorTests", dependencies: ["Commerce", "Insights", "Operations", "Persistence", "Simulator"]),
        .testTarget(name: "SystemTests", dependencies: ["yunying", "StoreTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
