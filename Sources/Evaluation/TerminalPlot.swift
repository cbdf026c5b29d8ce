/// Renders a `PlotFigure` as text for a terminal: braille dots (or half blocks, or ASCII), with a y axis and
/// tick labels on the left, an x axis with tick labels below, axis labels, and a legend.
///
///     print(TerminalPlot.render(figure, width: 80, height: 24))
///
/// Contract: the output has at most `height` lines (no trailing newline) of at most `width` characters
/// (one column per character; trailing blanks trimmed), the plot area shrinking to make room for the title,
/// axis labels and legend (never below 3 rows × 8 columns). Lines are drawn as dots, series points as
/// markers (●○◆◇■□▲△▼▽✚✖, ASCII `*ox+#@%&=~^$`), bands as `░` (ASCII `:`). No colour and no terminal
/// queries: the same figure and size always give the same text.
public struct TerminalPlot: Sendable {
    public enum Charset: String, Sendable, CaseIterable { case braille, block, ascii }

    public var figure: PlotFigure
    public var width: Int
    public var height: Int
    public var charset: Charset

    public init(_ figure: PlotFigure, width: Int = 80, height: Int = 24, charset: Charset = .braille) {
        self.figure = figure; self.width = width; self.height = height; self.charset = charset
    }

    public static func render(_ figure: PlotFigure, width: Int = 80, height: Int = 24, charset: Charset = .braille) -> String {
        TerminalPlot(figure, width: width, height: height, charset: charset).render()
    }

    static let unicodeMarkers: [Character] = ["●", "○", "◆", "◇", "■", "□", "▲", "△", "▼", "▽", "✚", "✖"]
    static let asciiMarkers: [Character] = ["*", "o", "x", "+", "#", "@", "%", "&", "=", "~", "^", "$"]

    func marker(_ i: Int) -> Character {
        let set = charset == .ascii ? Self.asciiMarkers : Self.unicodeMarkers
        return set[i % set.count]
    }

    public func render() -> String {
        let width = max(20, self.width)
        let ascii = charset == .ascii
        let legend = legendLines(width: width)
        var fixed = 2 + legend.count
        if figure.title != nil { fixed += 1 }
        if !figure.yLabel.isEmpty { fixed += 1 }
        if !figure.xLabel.isEmpty { fixed += 1 }
        let rows = max(3, height - fixed)
        let yScale = PlotScale.nice(figure.dataRange(x: false), log: figure.logY, targetTicks: max(2, rows / 3))
        let yLabels = yScale.ticks.map { yScale.label($0) }
        let margin = (yLabels.map(\.count).max() ?? 1) + 1
        let cols = max(8, width - margin)
        let xScale = PlotScale.nice(figure.dataRange(x: true), log: figure.logX, targetTicks: max(2, cols / 12))

        var canvas = TerminalPlotCanvas(cols: cols, rows: rows, charset: charset)
        draw(on: &canvas, x: xScale, y: yScale)

        var out: [String] = []
        if let title = figure.title { out.append(title) }
        if !figure.yLabel.isEmpty { out.append(figure.yLabel) }
        var tickRows: [Int: String] = [:]
        for (t, label) in zip(yScale.ticks, yLabels) {
            if let p = yScale.position(t) { tickRows[Int(((1 - p) * Double(rows - 1)).rounded())] = label }
        }
        for r in 0..<rows {
            let label = tickRows[r] ?? ""
            let axis: Character = tickRows[r] != nil ? (ascii ? "+" : "┤") : (ascii ? "|" : "│")
            var line = String(repeating: " ", count: margin - 1 - label.count) + label + String(axis)
            for c in 0..<cols { line.append(canvas.character(col: c, row: r)) }
            out.append(line)
        }
        // x axis and tick labels.
        var axis = Array(repeating: Character(ascii ? "-" : "─"), count: cols)
        var labels = Array(repeating: Character(" "), count: margin + cols)
        var nextFree = 0
        for t in xScale.ticks {
            guard let p = xScale.position(t) else { continue }
            let c = Int((p * Double(cols - 1)).rounded())
            axis[c] = ascii ? "+" : "┬"
            let text = Array(xScale.label(t))
            let start = min(max(margin + c - (text.count - 1) / 2, 0), labels.count - text.count)
            guard start >= nextFree else { continue }
            for (k, ch) in text.enumerated() { labels[start + k] = ch }
            nextFree = start + text.count + 1
        }
        out.append(String(repeating: " ", count: margin - 1) + (ascii ? "+" : "└") + String(axis))
        out.append(String(labels))
        if !figure.xLabel.isEmpty {
            let pad = max(0, margin + (cols - figure.xLabel.count) / 2)
            out.append(String(repeating: " ", count: pad) + figure.xLabel)
        }
        out += legend
        return out.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    /// Bands, then lines, then markers.
    func draw(on canvas: inout TerminalPlotCanvas, x: PlotScale, y: PlotScale) {
        for band in figure.bands {
            for c in 0..<canvas.cols {
                guard let (lo, hi) = band.limits(at: x.value(at: (Double(c) + 0.5) / Double(canvas.cols))) else { continue }
                let pLo = y.position(lo) ?? 0, pHi = y.position(hi) ?? 0
                for r in 0..<canvas.rows {
                    let p = 1 - (Double(r) + 0.5) / Double(canvas.rows)
                    if p >= pLo && p <= pHi { canvas.shade(col: c, row: r) }
                }
            }
        }
        let (w, h) = (canvas.dotWidth, canvas.dotHeight)
        func dot(_ pt: PlotPoint) -> (Int, Int)? {
            guard let px = x.position(pt.x), let py = y.position(pt.y) else { return nil }
            return (Int((px * Double(w - 1)).rounded()), Int(((1 - py) * Double(h - 1)).rounded()))
        }
        for s in figure.series where s.drawsLine {
            var previous: (Int, Int)? = nil
            for pt in s.points {
                let d = dot(pt)
                if let a = previous, let b = d { canvas.line(a.0, a.1, b.0, b.1) } else if let b = d { canvas.setDot(b.0, b.1) }
                previous = d
            }
        }
        let (rx, ry) = canvas.resolution
        for (i, s) in figure.series.enumerated() where s.drawsPoints {
            for pt in s.points { if let d = dot(pt) { canvas.mark(col: d.0 / rx, row: d.1 / ry, marker(i)) } }
        }
    }

    /// Legend entries ("● name", "⠤⠤ name", "░░ name") wrapped to `width`, plus a note on hidden log-axis points.
    func legendLines(width: Int) -> [String] {
        var entries: [String] = []
        for (i, s) in figure.series.enumerated() {
            let lineSymbol = charset == .braille ? "⠤⠤" : charset == .block ? "▄▄" : ".."
            let symbol = s.style == .line ? lineSymbol : s.style == .points ? String(marker(i)) : "\(marker(i))\(lineSymbol.first!)"
            entries.append("\(symbol) \(s.name)")
        }
        for b in figure.bands { entries.append("\(charset == .ascii ? "::" : "░░") \(b.name)") }
        if figure.hiddenOnLogAxis > 0 { entries.append("(\(figure.hiddenOnLogAxis) points ≤ 0 not shown on the log axis)") }
        var lines: [String] = []
        var current = ""
        for e in entries {
            if current.isEmpty { current = e } else if current.count + 2 + e.count <= width { current += "  " + e } else {
                lines.append(current); current = e
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
