import Hummingbird
import Prometheus

/// `/healthz`, `/metrics` and `/api/v1/openapi.json`.
enum SystemRoutes {
    static func register(_ api: APIRouter, metrics: PrometheusCollectorRegistry?) {
        let health = try! JSONCoding.encode(["status": "ok"])
        api.addPublic(.get, "/healthz", doc: RouteDoc(summary: "Liveness check", tag: "System", response: "Health")) { _, _ in
            health.response
        }
        api.addPublic(.get, "/metrics", doc: RouteDoc(summary: "Prometheus metrics (text format)", tag: "System", response: "Metrics")) { _, _ in
            var buffer: [UInt8] = []
            metrics?.emit(into: &buffer)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    /// Serves the OpenAPI document built from every documented route; added last so it lists them all.
    static func registerOpenAPI(_ api: APIRouter) throws {
        let path = "/api/v1/openapi.json"
        let doc = RouteDoc(summary: "This OpenAPI 3.1 document", tag: "System", response: "OpenAPI")
        let document = try JSONCoding.encode(OpenAPIDocument.build(api.documented + [(.get, path, [], doc)]))
        api.addPublic(.get, path, doc: doc) { _, _ in document.response }
    }
}
