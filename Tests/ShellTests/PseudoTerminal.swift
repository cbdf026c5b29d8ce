import Foundation

/// Runs a program on a pseudo-terminal (as its controlling terminal, so Ctrl-C raises SIGINT) and
/// talks to it like a user: send keys, wait for text to appear.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private(set) var transcript = ""

    init(_ path: String, arguments: [String], environment: [String: String]) throws {
        // Everything the child needs is prepared before fork: after it only exec is called.
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var fd: Int32 = -1
        var size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        let child = forkpty(&fd, nil, nil, &size)
        if child == 0 {
            execve(path, argv, envp)
            _exit(127)
        }
        guard child > 0 else { throw NSError(domain: "forkpty", code: Int(errno)) }
        pid = child
        master = fd
    }

    /// Sends keys once the line editor reads them raw (ICANON off on the terminal): keys typed while a
    /// command runs would be echoed and line-buffered by the kernel instead.
    func send(_ keys: String, timeout: Double = 10) {
        let deadline = Date().addingTimeInterval(timeout)
        var t = termios()
        while Date() < deadline, tcgetattr(master, &t) == 0, t.c_lflag & tcflag_t(ICANON) != 0 {
            _ = wait(for: "\u{0}", timeout: 0.02)
        }
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads until the text read since `from` contains `needle` (true) or `timeout` seconds pass (false).
    @discardableResult
    func wait(for needle: String, from start: String.Index? = nil, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if transcript[(start ?? transcript.startIndex)...].contains(needle) { return true }
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 100) >= 0 else { return false }
            if p.revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { return transcript.contains(needle) }
                transcript += String(decoding: buffer[0..<n], as: UTF8.self)
            } else if p.revents & Int16(POLLHUP) != 0 {
                return transcript[(start ?? transcript.startIndex)...].contains(needle)
            }
        }
        return false
    }

    /// Waits until the terminal is in cooked mode (ICANON on), i.e. the line editor has handed over
    /// and a command is running.
    func waitForCommandToRun(timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var t = termios()
        while Date() < deadline, tcgetattr(master, &t) == 0 {
            if t.c_lflag & tcflag_t(ICANON) != 0 { return true }
            _ = wait(for: "\u{0}", timeout: 0.005)
        }
        return false
    }

    /// Writes keys at once, whatever the terminal mode (e.g. Ctrl-C while a command runs).
    func sendNow(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Marks the current end of the transcript (to wait for text that appears after it).
    var mark: String.Index { transcript.endIndex }

    /// Waits for the child to exit; its exit status (or 128 + signal), nil on timeout (then killed).
    func exitStatus(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            _ = wait(for: "\u{0}", timeout: 0.1)  // drain output so the child never blocks on writing
            if waitpid(pid, &status, WNOHANG) == pid {
                close(master)
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        close(master)
        return nil
    }
}
