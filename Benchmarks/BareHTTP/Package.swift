// swift-tools-version: 6.1
// A bare Hummingbird server answering GET /healthz: the ceiling of the HTTP stack Yunying is
// built on, measured by scripts/bench-flash.sh beside Redis and Yunying in the same run.
import PackageDescription

let package = Package(
    name: "BareHTTP",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1")],
    targets: [.executableTarget(name: "BareHTTP", dependencies: [.product(name: "Hummingbird", package: "hummingbird")])]
)
