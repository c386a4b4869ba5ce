// swift-tools-version:6.2
import PackageDescription

// Dependencies point one way: GrievanceCrypto ← AuditLog ← Cases ← Summaries; Cases ← {grievance-server, grievance-cli}.
// The executables parse input, call Cases and render output; every rule lives in Cases.
let package = Package(
    name: "Grievance",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "grievance-server", targets: ["grievance-server"]),
        .executable(name: "grievance-cli", targets: ["grievance-cli"]),
        .executable(name: "grievance-bench", targets: ["Benchmarks"]),
        .executable(name: "grievance-bench-baseline-server", targets: ["BaselineServer"]),
        .executable(name: "grievance-fuzz", targets: ["grievance-fuzz"]),
        .library(name: "Cases", targets: ["Cases"]),
        .library(name: "CasesTesting", targets: ["CasesTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // postgres-nio's own TLS, named here because Cases configures it (sslmode=verify-full).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Debian 12 ships libsodium 1.0.18; the binding over it is ours (Sources/Crypto).
        .systemLibrary(
            name: "CSodium",
            path: "Sources/CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // COIN-OR's simplex solver (Debian 12: Clp 1.17), for the disclosure audit of summaries.
        .systemLibrary(
            name: "CClp",
            path: "Sources/CClp",
            pkgConfig: "clp",
            providers: [.apt(["coinor-libclp-dev"])]
        ),
        // prctl(2) is variadic, which Swift cannot call; this is its one-line C wrapper.
        .target(name: "CProcessHardening", path: "Sources/CProcessHardening"),
        // The folder is Sources/Crypto; the module cannot be called Crypto because swift-crypto,
        // which Hummingbird brings in, already declares a module of that name.
        .target(
            name: "GrievanceCrypto",
            dependencies: ["CSodium", "CProcessHardening"],
            path: "Sources/Crypto"
        ),
        .target(
            name: "AuditLog",
            dependencies: [
                "GrievanceCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Sources/AuditLog"
        ),
        // The languages, their plural rules and direction, and the catalogues' format and check:
        // shared by the pages, the summaries and the intake's validation.
        .target(
            name: "Languages",
            path: "Sources/Languages",
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .target(
            name: "Cases",
            dependencies: [
                "AuditLog", "GrievanceCrypto", "Languages",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                // The second engine, for several server instances over one database.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Cases",
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The one fixture of every test target and benchmark: a data directory with people of
        // every role, events and a clock the test moves.
        .target(
            name: "CasesTesting",
            dependencies: ["Cases", "AuditLog", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/CasesTesting"
        ),
        // Anonymised summaries under disclosure control: read clear metadata, never a case key.
        .target(
            name: "Summaries",
            dependencies: ["Cases", "AuditLog", "GrievanceCrypto", "CClp", "Languages"],
            path: "Sources/Summaries",
            resources: [.copy("Catalogs")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "grievance-server",
            dependencies: [
                "Cases", "Languages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // A pool of threads for Cases, whose storage calls block: never on the event loops.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                // A streaming parser: attachments are encrypted as their bytes arrive.
                "MultipartParsing",
                "FuzzingSupport",
            ],
            path: "Sources/grievance-server",
            resources: [.copy("Catalogs")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "grievance-cli",
            dependencies: [
                "Cases", "Summaries",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/grievance-cli",
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // Measured, not timed in tests: `swift run -c release grievance-bench --help`.
        .executableTarget(
            name: "Benchmarks",
            dependencies: [
                "GrievanceCrypto", "CSodium", "AuditLog", "Cases", "CasesTesting", "Summaries",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/Benchmarks"
        ),
        // multipart-kit 4.7.1's streaming parser, with the fix for a crash on one byte
        // (see the file's head); the rest of that package was never used.
        .target(
            name: "MultipartParsing",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            path: "Sources/MultipartParsing",
            exclude: ["LICENSE"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // libFuzzer's driver for the harnesses, or a replay of inputs in an ordinary build
        // (scripts/fuzz, docs/RELIABILITY.md).
        .target(name: "FuzzingSupport", path: "Sources/FuzzingSupport"),
        // The harness for the parsers of what people hand the command line and the verifier.
        // The server's own (form, JSON, multipart) is in the server, built for fuzzing only.
        .executableTarget(
            name: "grievance-fuzz",
            dependencies: ["AuditLog", "Cases", "FuzzingSupport"],
            path: "Sources/grievance-fuzz"
        ),
        // The HTTP layer alone, for grievance-bench intake to measure beside the server.
        .executableTarget(
            name: "BaselineServer",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/BaselineServer"
        ),
        .testTarget(
            name: "CryptoTests",
            dependencies: ["GrievanceCrypto"],
            path: "Tests/CryptoTests",
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "AuditLogTests",
            dependencies: ["AuditLog", "GrievanceCrypto", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/AuditLogTests",
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "LanguagesTests",
            dependencies: ["Languages"],
            path: "Tests/LanguagesTests"
        ),
        .testTarget(
            name: "CasesTests",
            dependencies: ["Cases", "CasesTesting", "AuditLog", "GrievanceCrypto", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/CasesTests"
        ),
        .testTarget(
            name: "SummariesTests",
            dependencies: ["Summaries", "Cases", "CasesTesting", "AuditLog", "GrievanceCrypto", "Languages"],
            path: "Tests/SummariesTests"
        ),
        .testTarget(
            name: "GrievanceServerTests",
            dependencies: [
                "grievance-server", "Cases", "CasesTesting", "Languages",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/GrievanceServerTests"
        ),
        .testTarget(
            name: "GrievanceCLITests",
            dependencies: ["grievance-cli", "grievance-server", "Cases", "CasesTesting", "AuditLog", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/GrievanceCLITests"
        ),
    ]
)
