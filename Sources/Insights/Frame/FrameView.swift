/// Unsafe read-only views of an `EventFrame`'s columns for hot loops. Valid only inside
/// `EventFrame.withView(_:)`.
struct FrameView {
    let personStart: UnsafeBufferPointer<Int32>
    let time: UnsafeBufferPointer<Int64>
    let type: UnsafeBufferPointer<UInt8>
    let sku: UnsafeBufferPointer<Int32>
    let session: UnsafeBufferPointer<Int32>
    let sessionChannel: UnsafeBufferPointer<UInt8>
    let sessionDevice: UnsafeBufferPointer<UInt8>

    var personCount: Int { personStart.count - 1 }
}

extension EventFrame {
    /// Runs `body` with unsafe views of the columns.
    func withView<R>(_ body: (FrameView) throws -> R) rethrows -> R {
        try personStart.withUnsafeBufferPointer { ps in
            try time.withUnsafeBufferPointer { t in
                try type.withUnsafeBufferPointer { ty in
                    try sku.withUnsafeBufferPointer { sk in
                        try session.withUnsafeBufferPointer { se in
                            try sessionChannel.withUnsafeBufferPointer { sc in
                                try sessionDevice.withUnsafeBufferPointer { sd in
                                    try body(FrameView(
                                        personStart: ps, time: t, type: ty, sku: sk, session: se,
                                        sessionChannel: sc, sessionDevice: sd))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
