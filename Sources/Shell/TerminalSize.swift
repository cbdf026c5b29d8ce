import Foundation

/// The terminal's size in character cells, when stdout is a terminal.
enum TerminalSize {
    static func current() -> (width: Int, height: Int)? {
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
