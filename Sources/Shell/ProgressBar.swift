import Foundation

/// A one-line progress bar on stderr: `[#####-----]  50/100  loss 0.123  ETA 12s`, redrawn in place.
/// Disabled (silent) in batch mode.
final class ProgressBar {
    let sink: TextSink
    var enabled: Bool
    private var started: Date?
    private var visible = false

    init(sink: TextSink, enabled: Bool) { self.sink = sink; self.enabled = enabled }

    func update(done: Int, total: Int, metric: String) {
        guard enabled, total > 0 else { return }
        let now = Date()
        if started == nil || done == 0 { started = now }
        let fraction = min(1, max(0, Double(done) / Double(total)))
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        var line = "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
        line += "\(done)/\(total)"
        if !metric.isEmpty { line += "  " + metric }
        if let started, done > 0, done < total {
            let eta = now.timeIntervalSince(started) / Double(done) * Double(total - done)
            line += "  ETA " + ProgressBar.duration(eta)
        }
        sink.write(line + "\u{1B}[K")
        visible = true
        if done >= total { finish() }
    }

    /// Ends the bar's line (called after each command).
    func finish() {
        if visible { sink.write("\n") }
        visible = false
        started = nil
    }

    static func duration(_ s: Double) -> String {
        s < 90 ? "\(Int(s.rounded()))s" : s < 5400 ? "\(Int((s / 60).rounded()))m" : String(format: "%.1fh", s / 3600)
    }
}
