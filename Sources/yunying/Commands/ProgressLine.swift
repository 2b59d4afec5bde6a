import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error, redrawn at most ten times a second; silent when
/// standard error is not a terminal.
final class ProgressLine {
    private let enabled = isatty(STDERR_FILENO) != 0
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var drawn = false

    func draw(_ fraction: Double, _ detail: String) {
        guard enabled, ContinuousClock.now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = ContinuousClock.now
        let percent = Int(min(1, max(0, fraction)) * 100)
        let width = 30, filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(percent)%  \(detail)".utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
