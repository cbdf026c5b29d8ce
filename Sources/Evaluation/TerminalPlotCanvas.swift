/// A character grid with sub-cell dots: Unicode braille (2×4 dots per cell), half blocks (1×2) or ASCII (1×1).
/// Dot coordinates are in sub-cell units with (0, 0) at the top left. A cell shows, in order of precedence:
/// a marker glyph, its dots, band shading, or a blank; `ink` says which series or band drew what is shown
/// (the last one to touch the cell).
struct TerminalPlotCanvas {
    let cols: Int
    let rows: Int
    let charset: TerminalPlot.Charset
    private var dots: [UInt8]
    private var markers: [Character?]
    private var shaded: [Bool]
    private var dotInk: [TerminalPlot.Ink?]
    private var markerInk: [TerminalPlot.Ink?]
    private var bandInk: [TerminalPlot.Ink?]

    init(cols: Int, rows: Int, charset: TerminalPlot.Charset) {
        self.cols = cols; self.rows = rows; self.charset = charset
        dots = Array(repeating: 0, count: cols * rows)
        markers = Array(repeating: nil, count: cols * rows)
        shaded = Array(repeating: false, count: cols * rows)
        dotInk = Array(repeating: nil, count: cols * rows)
        markerInk = dotInk
        bandInk = dotInk
    }

    /// Sub-cell resolution (dots per cell horizontally, vertically).
    var resolution: (x: Int, y: Int) {
        switch charset { case .braille: return (2, 4); case .block: return (1, 2); case .ascii: return (1, 1) }
    }
    var dotWidth: Int { cols * resolution.x }
    var dotHeight: Int { rows * resolution.y }

    mutating func setDot(_ x: Int, _ y: Int, ink: TerminalPlot.Ink? = nil) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let (rx, ry) = resolution
        let cell = (y / ry) * cols + x / rx
        dotInk[cell] = ink
        let (dx, dy) = (x % rx, y % ry)
        switch charset {
        case .braille:
            let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
            dots[cell] |= bits[dx][dy]
        case .block: dots[cell] |= dy == 0 ? 1 : 2
        case .ascii: dots[cell] = 1
        }
    }

    /// Bresenham line between two dot positions (inclusive).
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, ink: TerminalPlot.Ink? = nil) {
        var (x, y) = (x0, y0)
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            setDot(x, y, ink: ink)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += stepX }
            if e2 <= dx { err += dx; y += stepY }
        }
    }

    mutating func mark(col: Int, row: Int, _ glyph: Character, ink: TerminalPlot.Ink? = nil) {
        guard col >= 0, row >= 0, col < cols, row < rows else { return }
        markers[row * cols + col] = glyph
        markerInk[row * cols + col] = ink
    }

    mutating func shade(col: Int, row: Int, ink: TerminalPlot.Ink? = nil) {
        guard col >= 0, row >= 0, col < cols, row < rows else { return }
        shaded[row * cols + col] = true
        bandInk[row * cols + col] = ink
    }

    /// Which series or band drew the visible content of a cell (nil for a blank cell).
    func ink(col: Int, row: Int) -> TerminalPlot.Ink? {
        let i = row * cols + col
        if markers[i] != nil { return markerInk[i] }
        if dots[i] != 0 { return dotInk[i] }
        return shaded[i] ? bandInk[i] : nil
    }

    func character(col: Int, row: Int) -> Character {
        let i = row * cols + col
        if let m = markers[i] { return m }
        if dots[i] != 0 {
            switch charset {
            case .braille: return Character(Unicode.Scalar(0x2800 + UInt32(dots[i]))!)
            case .block: return dots[i] == 1 ? "▀" : dots[i] == 2 ? "▄" : "█"
            case .ascii: return "."
            }
        }
        if shaded[i] { return charset == .ascii ? ":" : "░" }
        return " "
    }
}
