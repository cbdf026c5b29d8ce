/// Renders a `PlotFigure` as text for a terminal: braille dots (or half blocks, or ASCII), with a y axis and
/// tick labels on the left, an x axis with tick labels below, axis labels, and a legend.
///
///     print(TerminalPlot.render(figure, width: 80, height: 24))
///
/// Contract: the output has at most `height` lines (no trailing newline) of at most `width` characters
/// (one column per character; trailing blanks trimmed; longer titles, labels and legend entries cut with `…`),
/// the plot area shrinking to make room for the title, axis labels and legend (never below 3 rows × 8 columns). Lines are drawn as dots, series points as
/// markers (●○◆◇■□▲△▼▽✚✖, ASCII `*ox+#@%&=~^$`), bands as `░` (ASCII `:`). No terminal queries: the same
/// figure and size always give the same text. Colour is the caller's: `render(paint:)` hands every run of
/// plot cells and every legend symbol to `paint` with the `Ink` that drew it (the shell wraps it in ANSI codes);
/// the visible characters, and so the layout, are unchanged.
public struct TerminalPlot: Sendable {
    public enum Charset: String, Sendable, CaseIterable { case braille, block, ascii }

    /// What drew a piece of the plot: a series or a band (by index in the figure), or the axes and tick labels.
    public enum Ink: Hashable, Sendable { case series(Int), band(Int), axis }

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

    public func render(paint: ((String, Ink) -> String)? = nil) -> String {
        let width = max(20, self.width)
        let paint = paint ?? { text, _ in text }
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

        /// Trailing blanks removed (they are never painted); text lines longer than the width cut with "…".
        func fit(_ line: String) -> String {
            let trimmed = String(line.reversed().drop(while: { $0 == " " }).reversed())
            return trimmed.count <= width ? trimmed : String(trimmed.prefix(width - 1)) + "…"
        }
        func trimmed(_ line: String) -> String { String(line.reversed().drop(while: { $0 == " " }).reversed()) }
        var out: [String] = []
        if let title = figure.title { out.append(fit(title)) }
        if !figure.yLabel.isEmpty { out.append(fit(figure.yLabel)) }
        var tickRows: [Int: String] = [:]
        for (t, label) in zip(yScale.ticks, yLabels) {
            if let p = yScale.position(t) { tickRows[Int(((1 - p) * Double(rows - 1)).rounded())] = label }
        }
        for r in 0..<rows {
            let label = tickRows[r] ?? ""
            let axis: Character = tickRows[r] != nil ? (ascii ? "+" : "┤") : (ascii ? "|" : "│")
            var line = String(repeating: " ", count: margin - 1 - label.count) + paint(label + String(axis), .axis)
            var run = "", runInk: Ink? = nil
            for c in 0..<cols {
                let ink = canvas.ink(col: c, row: r)
                if ink != runInk {
                    line += runInk.map { paint(run, $0) } ?? run
                    run = ""; runInk = ink
                }
                run.append(canvas.character(col: c, row: r))
            }
            line += runInk.map { paint(run, $0) } ?? run
            out.append(trimmed(line))
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
            guard text.count <= labels.count else { continue }
            let start = min(max(margin + c - (text.count - 1) / 2, 0), labels.count - text.count)
            guard start >= nextFree else { continue }
            for (k, ch) in text.enumerated() { labels[start + k] = ch }
            nextFree = start + text.count + 1
        }
        out.append(String(repeating: " ", count: margin - 1) + paint((ascii ? "+" : "└") + String(axis), .axis))
        out.append(trimmed(String(labels)))
        if !figure.xLabel.isEmpty {
            let pad = max(0, margin + (cols - figure.xLabel.count) / 2)
            out.append(fit(String(repeating: " ", count: pad) + figure.xLabel))
        }
        for entries in legend {
            let plain = entries.map { "\($0.symbol) \($0.text)" }.joined(separator: "  ")
            func painted(_ e: LegendEntry) -> String { e.ink.map { paint(e.symbol, $0) } ?? e.symbol }
            if plain.count <= width {
                out.append(entries.map { painted($0) + " " + $0.text }.joined(separator: "  "))
            } else {  // a single entry longer than the line: cut its text
                out.append(painted(entries[0]) + fit(plain).dropFirst(entries[0].symbol.count))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Bands, then lines, then markers.
    func draw(on canvas: inout TerminalPlotCanvas, x: PlotScale, y: PlotScale) {
        for (j, band) in figure.bands.enumerated() {
            for c in 0..<canvas.cols {
                guard let (lo, hi) = band.limits(at: x.value(at: (Double(c) + 0.5) / Double(canvas.cols))) else { continue }
                let pLo = y.position(lo) ?? 0, pHi = y.position(hi) ?? 0
                for r in 0..<canvas.rows {
                    let p = 1 - (Double(r) + 0.5) / Double(canvas.rows)
                    if p >= pLo && p <= pHi { canvas.shade(col: c, row: r, ink: .band(j)) }
                }
            }
        }
        let (w, h) = (canvas.dotWidth, canvas.dotHeight)
        func dot(_ pt: PlotPoint) -> (Int, Int)? {
            guard let px = x.position(pt.x), let py = y.position(pt.y), px.isFinite, py.isFinite,
                  (-1...2).contains(px), (-1...2).contains(py) else { return nil }
            return (Int((px * Double(w - 1)).rounded()), Int(((1 - py) * Double(h - 1)).rounded()))
        }
        for (i, s) in figure.series.enumerated() where s.drawsLine {
            var previous: (Int, Int)? = nil
            for pt in s.points {
                let d = dot(pt)
                if let a = previous, let b = d { canvas.line(a.0, a.1, b.0, b.1, ink: .series(i)) } else if let b = d { canvas.setDot(b.0, b.1, ink: .series(i)) }
                previous = d
            }
        }
        let (rx, ry) = canvas.resolution
        for (i, s) in figure.series.enumerated() where s.drawsPoints {
            for pt in s.points { if let d = dot(pt) { canvas.mark(col: d.0 / rx, row: d.1 / ry, marker(i), ink: .series(i)) } }
        }
    }

    struct LegendEntry { var symbol: String; var text: String; var ink: Ink? }

    /// Legend entries ("● name", "⠤⠤ name", "░░ name") wrapped into lines of at most `width` characters
    /// (an entry longer than a line gets a line of its own), plus a note on points hidden by a log axis.
    func legendLines(width: Int) -> [[LegendEntry]] {
        var entries: [LegendEntry] = []
        for (i, s) in figure.series.enumerated() {
            let lineSymbol = charset == .braille ? "⠤⠤" : charset == .block ? "▄▄" : ".."
            let symbol = s.style == .line ? lineSymbol : s.style == .points ? String(marker(i)) : "\(marker(i))\(lineSymbol.first!)"
            entries.append(LegendEntry(symbol: symbol, text: s.name, ink: .series(i)))
        }
        for (j, b) in figure.bands.enumerated() { entries.append(LegendEntry(symbol: charset == .ascii ? "::" : "░░", text: b.name, ink: .band(j))) }
        if figure.hiddenOnLogAxis > 0 {
            entries.append(LegendEntry(symbol: "(\(figure.hiddenOnLogAxis)", text: "points ≤ 0 not shown on the log axis)", ink: nil))
        }
        var lines: [[LegendEntry]] = []
        var current: [LegendEntry] = [], used = 0
        for e in entries {
            let w = e.symbol.count + 1 + e.text.count
            if !current.isEmpty && used + 2 + w > width { lines.append(current); current = []; used = 0 }
            used += (current.isEmpty ? 0 : 2) + w
            current.append(e)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
