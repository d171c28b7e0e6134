// swift-tools-version:6.0
import PackageDescription

/// okta-connect: connect an Okta org with an API token, sync its users into SQLite and browse
/// them in a terminal.
///
/// The module list is the architecture:
/// - `OktaCore` knows Okta: org addresses, tokens, the HTTP client, rate limits, the connection
///   check and the saved connection. It never imports ncurses.
/// - `UserStore` keeps synced users in SQLite and answers the queries the screens need.
/// - `SimulatedOrg` is a deterministic Okta org for tests, benchmarks and `--demo`.
/// - `TerminalUI` holds screens as pure values (state in, text canvas out); it knows no HTTP.
/// - `CursesTerminal` copies a canvas to ncursesw and turns key presses into keys.
/// - `okta-connect` is the thin executable that wires them together.
let package = Package(
    name: "okta-connect",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "okta-connect", targets: ["okta-connect"]),
        .executable(name: "okta-connect-bench", targets: ["okta-connect-bench"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .target(
            name: "CCurses",
            linkerSettings: [.linkedLibrary("ncursesw", .when(platforms: [.linux]))]),
        .target(name: "OktaCore"),
        .target(name: "UserStore", dependencies: ["OktaCore", "CSQLite"]),
        .target(name: "SimulatedOrg", dependencies: ["OktaCore"]),
        .target(name: "TerminalUI", dependencies: ["OktaCore", "UserStore"]),
        .target(name: "CursesTerminal", dependencies: ["TerminalUI", "CCurses"]),
        .executableTarget(
            name: "okta-connect",
            dependencies: ["OktaCore", "UserStore", "SimulatedOrg", "TerminalUI", "CursesTerminal"]),
        .executableTarget(
            name: "okta-connect-bench",
            dependencies: ["OktaCore", "UserStore", "SimulatedOrg", "TerminalUI"]),
        .target(
            name: "TestSupport", dependencies: ["OktaCore", "SimulatedOrg"],
            path: "Tests/TestSupport"),
        .testTarget(
            name: "OktaCoreTests", dependencies: ["OktaCore", "SimulatedOrg", "TestSupport"],
            resources: [.copy("Recordings")]),
        .testTarget(
            name: "UserStoreTests",
            dependencies: ["UserStore", "OktaCore", "SimulatedOrg", "TestSupport"]),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "UserStore", "OktaCore", "SimulatedOrg", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["okta-connect", "OktaCore", "SimulatedOrg", "TestSupport"]),
    ]
)
