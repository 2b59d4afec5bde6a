import Hummingbird
import Persistence

/// Builds the OpenAPI 3.1 document from the routes as registered, so it cannot drift from them.
enum OpenAPIDocument {
    typealias Route = (method: HTTPRequest.Method, path: String, roles: Set<Role>, doc: RouteDoc)

    static func build(_ routes: [Route]) -> JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for route in routes {
            let path = openAPIPath(route.path)
            let operation = operation(route)
            if let index = paths.firstIndex(where: { $0.0 == path }) {
                paths[index].1.append((route.method.rawValue.lowercased(), operation))
            } else {
                paths.append((path, [(route.method.rawValue.lowercased(), operation)]))
            }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Yunying API",
                "version": "1.0.0",
                "description": "E-commerce operations: catalog, stock, orders, payments. Money is integer minor units with an ISO currency.",
            ],
            "servers": [["url": "/"]],
            "components": [
                "securitySchemes": ["apiKey": ["type": "http", "scheme": "bearer", "description": "Authorization: Bearer yk_…"]],
                "schemas": .object(OpenAPISchemas.all),
            ],
            "paths": .object(paths.map { ($0.0, .object($0.1)) }),
        ]
    }

    /// `/orders/:id` → `/orders/{id}`.
    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }

    static func operation(_ route: Route) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("summary", .string(route.doc.summary)),
            ("tags", [.string(route.doc.tag)]),
            ("operationId", .string(route.method.rawValue.lowercased() + route.path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ":", with: ""))),
        ]
        var parameters: [JSONValue] = route.path.split(separator: "/").filter { $0.hasPrefix(":") }.map { part in
            ["name": .string(String(part.dropFirst())), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += route.doc.query.map { name in ["name": .string(name), "in": "query", "required": false, "schema": ["type": "string"]] }
        if route.method == .post && !route.roles.isEmpty {
            parameters.append(["name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string", "maxLength": 255]])
        }
        if !parameters.isEmpty { fields.append(("parameters", .array(parameters))) }
        if let request = route.doc.request {
            fields.append(("requestBody", ["required": true, "content": ["application/json": ["schema": .ref(request)]]]))
        }
        if route.roles.isEmpty {
            fields.append(("security", []))
        } else {
            fields.append(("security", [["apiKey": []]]))
            fields.append(("x-roles", .array(Role.allCases.filter(route.roles.contains).map { .string($0.rawValue) })))
        }
        let errorResponse: JSONValue = ["description": "Error", "content": ["application/json": ["schema": .ref("Error")]]]
        fields.append(("responses", [
            "\(route.doc.status)": ["description": "Success", "content": ["application/json": ["schema": .ref(route.doc.response)]]],
            "4XX": errorResponse,
        ]))
        return .object(fields)
    }
}
