import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import NIOCore
import Operations
import Persistence

/// Decides, from memory only, that a request is an order for a flash sale that sold out a moment
/// ago, and holds the answer the routed request would get (`OrderService.flashSoldOut`, as the
/// API's error shape). `FlashRefusalHandler` uses it to answer such requests on the connection's
/// event loop, so the crowd that keeps trying after the last unit costs no task, routing or
/// middleware.
///
/// It answers only what the router would answer the same way: a POST to
/// `/api/v1/flash-sales/{id}/orders` with a key verified within the last minute whose role may
/// place flash orders, of a shop read within the last minute, a declared body within the API's
/// limit, no `Idempotency-Key` (a replay must return the stored answer), no `Expect` and no
/// `Connection: close`. Everything else, including the caller the gate sends to re-check the
/// database once a second, goes through the router.
struct FlashRefusal: Sendable {
    /// The route as registered, `/api/v1/flash-sales/:id/orders`.
    static let path = APIRouter.prefix + PromotionRoutes.flashOrders.path
    /// The route as the router names it, so metrics count both paths under one name.
    static let route = RouterPath(path)
    /// What comes before and after `:id` in the route.
    static let (pathPrefix, pathSuffix): (String, String) = {
        let parts = path.split(separator: ":id", maxSplits: 1)
        return (String(parts[0]), String(parts[1]))
    }()

    let access: AccessService
    let orders: OrderService
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer
    let date = HTTPDateHeader()
    let counter: Counter
    let timer: Metrics.Timer
    /// Refusals answered here rather than by the router: how much of a crowd the gate absorbs.
    let answeredEarly: Counter

    init(_ yunying: Yunying, serverName: String, metrics: any MetricsFactory = MetricsSystem.factory) {
        access = yunying.access
        orders = yunying.orders
        let error = APIError(OrderService.flashSoldOut)
        status = error.status
        body = ByteBuffer(bytes: error.body)
        var headers = HTTPFields()
        headers[.contentType] = APIResponse.jsonContentType
        headers[.contentLength] = String(body.readableBytes)
        headers[.server] = serverName
        self.headers = headers
        // The series Hummingbird's MetricsMiddleware records for the routed refusal.
        let dimensions = [
            ("http.route", Self.route.description), ("http.request.method", HTTPRequest.Method.post.rawValue),
            ("http.response.status_code", String(status.code)),
        ]
        counter = Counter(label: "hb.requests", dimensions: dimensions, factory: metrics)
        timer = Metrics.Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: metrics)
        answeredEarly = Counter(label: "yunying_flash_refusals_before_routing_total", factory: metrics)
    }

    /// True when the router would refuse `request` as sold out without reading anything.
    func refuses(_ request: HTTPRequest) -> Bool {
        guard request.method == .post, let path = request.path, let id = Self.promotionID(path: path),
              let length = request.headerFields[.contentLength].flatMap({ Int($0) }), length <= JSONCoding.maxBodyBytes,
              request.headerFields[.idempotencyKey] == nil, request.headerFields[.expect] == nil,
              request.headerFields[.connection] != "close",
              let authorization = request.headerFields[.authorization], authorization.hasPrefix("Bearer "),
              let key = access.verifiedKey(secret: String(authorization.dropFirst(7))), PromotionRoutes.flashOrders.roles.contains(key.role),
              access.knownShop(key.shopID) != nil
        else { return false }
        return orders.flashSaleRefusesFromMemory(key.shopID, promotionID: String(id))
    }

    /// The `{id}` of `/api/v1/flash-sales/{id}/orders` (a query string allowed), or nil. It reads
    /// the path's UTF-8 bytes: it runs on every request the server gets.
    static func promotionID(path: String) -> Substring? {
        let bytes = path.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        let route = bytes[..<end]
        guard route.count > pathPrefix.utf8.count + pathSuffix.utf8.count, route.starts(with: pathPrefix.utf8),
              route.reversed().starts(with: pathSuffix.utf8.reversed())
        else { return nil }
        let start = bytes.index(route.startIndex, offsetBy: pathPrefix.utf8.count)
        let stop = bytes.index(end, offsetBy: -pathSuffix.utf8.count)
        guard !bytes[start..<stop].contains(UInt8(ascii: "/")) else { return nil }
        return path[start..<stop]
    }

    /// The head of the answer, as Hummingbird would write it (with `Date` and `Server`).
    func head() -> HTTPResponse {
        var fields = headers
        fields[.date] = date.value
        return HTTPResponse(status: status, headerFields: fields)
    }

    /// Counts an answered refusal where the router's metrics would have.
    func record(startedAt start: UInt64) {
        counter.increment()
        answeredEarly.increment()
        timer.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
    }
}
