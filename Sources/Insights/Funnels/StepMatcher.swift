/// Per-type-code step bitmasks so the hot loop does table lookups only: `plain[type]` holds the
/// steps an event of that type always matches, `filtered[type]` the steps it matches only if
/// their SKU/channel/device filters pass.
struct StepMatcher {
    var plain = [UInt16](repeating: 0, count: 256)
    var filtered = [UInt16](repeating: 0, count: 256)
    var skuBits: [[UInt64]?] = []
    var channelAllowed: [UInt16] = []
    var deviceAllowed: [UInt16] = []

    init(steps: [FunnelStep]) {
        for (k, step) in steps.enumerated() {
            let bit = UInt16(1) << UInt16(k)
            if step.isFiltered { filtered[Int(step.type)] |= bit } else { plain[Int(step.type)] |= bit }
            if let skus = step.skus {
                let maxSku = Int(skus.max() ?? 0)
                var words = [UInt64](repeating: 0, count: maxSku / 64 + 1)
                for s in skus where s > 0 { words[Int(s) / 64] |= 1 << UInt64(Int(s) % 64) }
                skuBits.append(words)
            } else {
                skuBits.append(nil)
            }
            channelAllowed.append(step.channel.map { 1 << UInt16($0.rawValue) } ?? .max)
            deviceAllowed.append(step.device.map { 1 << UInt16($0.rawValue) } ?? .max)
        }
    }

    /// Steps matched by event e of the frame.
    @inline(__always)
    func mask(_ e: Int, _ view: FrameView) -> UInt16 {
        let type = Int(view.type[e])
        var m = plain[type]
        var candidates = filtered[type]
        guard candidates != 0 else { return m }
        let s = Int(view.session[e])
        let channelBit = UInt16(1) << UInt16(view.sessionChannel[s])
        let deviceBit = UInt16(1) << UInt16(view.sessionDevice[s])
        let sku = Int(view.sku[e])
        while candidates != 0 {
            let k = candidates.trailingZeroBitCount
            candidates &= candidates - 1
            guard channelAllowed[k] & channelBit != 0, deviceAllowed[k] & deviceBit != 0 else { continue }
            if let words = skuBits[k] {
                let w = sku / 64
                guard sku > 0, w < words.count, words[w] & (1 << UInt64(sku % 64)) != 0 else { continue }
            }
            m |= 1 << UInt16(k)
        }
        return m
    }
}
