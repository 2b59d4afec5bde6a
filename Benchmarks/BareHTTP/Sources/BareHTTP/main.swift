import Hummingbird

// One route, no middleware: what the framework alone answers per second on this machine.
let router = Router()
router.get("healthz") { _, _ in #"{"status":"ok"}"# }
let port = Int(CommandLine.arguments.dropFirst().first ?? "8090") ?? 8090
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
