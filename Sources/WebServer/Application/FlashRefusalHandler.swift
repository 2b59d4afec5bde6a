import Dispatch
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Sits between HTTP/1 decoding and Hummingbird's request loop on every connection and answers
/// the requests `FlashRefusal` refuses itself, on the event loop, before any task is made for them.
/// Their parts are not passed on; every other request is, untouched.
///
/// Answers keep their order: a request is answered here only when no earlier request on the
/// connection is still waiting for its response from the router (pipelined requests behind a
/// routed one are routed too).
final class FlashRefusalHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let refusal: FlashRefusal
    /// Requests passed to the router whose response has not ended yet.
    private var routed = 0
    /// When the request being swallowed arrived (uptime nanoseconds); nil when none is.
    private var refusingSince: UInt64?

    init(_ refusal: FlashRefusal) {
        self.refusal = refusal
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if routed == 0, refusal.refuses(request) {
                refusingSince = DispatchTime.now().uptimeNanoseconds
                return
            }
            routed += 1
            context.fireChannelRead(data)
        case .body:
            if refusingSince == nil { context.fireChannelRead(data) }
        case .end:
            guard let start = refusingSince else { return context.fireChannelRead(data) }
            refusingSince = nil
            context.write(wrapOutboundOut(.head(refusal.head())), promise: nil)
            context.write(wrapOutboundOut(.body(refusal.body)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            refusal.record(startedAt: start)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { routed -= 1 }
        context.write(data, promise: promise)
    }
}
