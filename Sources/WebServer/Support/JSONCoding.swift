import Foundation
import Hummingbird
import Operations

/// Reads request bodies and writes JSON responses, with errors that name the offending field.
enum JSONCoding {
    static let maxBodyBytes = 1 << 20

    static func decode<T: Decodable>(_ type: T.Type, from bytes: ByteBuffer) throws -> T {
        guard bytes.readableBytes > 0 else { throw APIError.malformed("A JSON body is required.") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes.readableBytesView))
        } catch let error as DecodingError {
            throw describe(error, body: bytes)
        }
    }

    static func encode<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> APIResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return APIResponse(status: status, body: Array(try encoder.encode(value)))
    }

    /// A JSON object built at run time (promotions and coupons carry type-specific fields).
    static func encode(object: Any, status: HTTPResponse.Status = .ok) throws -> APIResponse {
        APIResponse(status: status, body: Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
    }

    /// `lines[0].quantity` from a decoding path.
    static func describe(_ error: DecodingError, body: ByteBuffer? = nil) -> APIError {
        switch error {
        case .typeMismatch(let type, let context):
            let field = FieldPath.of(context.codingPath)
            return .malformed("Expected \(typeName(type)) at \(field.isEmpty ? "the top level" : field).", field: field.isEmpty ? nil : field, code: "invalid_type")
        case .valueNotFound(let type, let context):
            let field = FieldPath.of(context.codingPath)
            return .malformed("Expected \(typeName(type)), found null.", field: field, code: "invalid_type")
        case .keyNotFound(let key, let context):
            let field = FieldPath.of(context.codingPath + [key])
            return APIError(status: .unprocessableContent, code: "required", message: "\(field) is required.", field: field)
        case .dataCorrupted(let context):
            let field = FieldPath.of(context.codingPath)
            if field.isEmpty {
                // Foundation reports a valid number that fits no integer (1.5, 1e30) as invalid JSON, without a path.
                if let body, let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: .fragmentsAllowed) {
                    guard let field = nonIntegerPath(object) else { return .malformed("The body holds a value of the wrong type.", code: "invalid_type") }
                    return .malformed("Expected an integer at \(field).", field: field, code: "invalid_type")
                }
                return .malformed("The body is not valid JSON.")
            }
            return .malformed("Invalid value at \(field): \(context.debugDescription)", field: field, code: "invalid_value")
        @unknown default:
            return .malformed("The body could not be read.")
        }
    }

    /// The path of the first number that is not a whole Int64 (request bodies carry no fractional numbers).
    static func nonIntegerPath(_ value: Any, path: String = "") -> String? {
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = nonIntegerPath(object[key]!, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = nonIntegerPath(element, path: "\(path)[\(index)]") { return found }
            }
        case let number as NSNumber:
            let double = number.doubleValue
            if double.rounded() != double || double >= 0x1p63 || double < -0x1p63 { return path.isEmpty ? nil : path }
        default:
            break
        }
        return nil
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int64.Type, is Int.Type: "an integer"
        case is Bool.Type: "a boolean"
        case is Double.Type: "a number"
        default: "\(type)".contains("Dictionary") || "\(type)".contains("Input") ? "an object" : (("\(type)".hasPrefix("Array")) ? "an array" : "a value of type \(type)")
        }
    }
}

/// A JSON response of the API: status and encoded body.
struct APIResponse: Sendable {
    var status: HTTPResponse.Status
    var body: [UInt8]
    /// The content type of every JSON answer.
    static let jsonContentType = "application/json; charset=utf-8"
    var contentType = jsonContentType

    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
