import Foundation

/// Where text goes: standard output/error, a file, or a buffer (tests).
public protocol TextSink: AnyObject {
    func write(_ text: String)
}

/// Writes to a file descriptor (1 = stdout, 2 = stderr), unbuffered.
public final class FileDescriptorSink: TextSink {
    let handle: FileHandle
    public init(_ handle: FileHandle) { self.handle = handle }
    public static let standardOutput = FileDescriptorSink(.standardOutput)
    public static let standardError = FileDescriptorSink(.standardError)
    public func write(_ text: String) { handle.write(Data(text.utf8)) }
}

/// Collects text in memory (transcript tests route stdout and stderr to one buffer, in order).
public final class BufferSink: TextSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
}

/// Writes to a file opened (truncated) by `.output FILE` / `.once FILE`.
final class FileSink: TextSink {
    let handle: FileHandle
    let path: String
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw ShellFailure("cannot write '\(path)'", hint: "check that the directory exists and is writable")
        }
        handle = h
        self.path = path
    }
    func write(_ text: String) { handle.write(Data(text.utf8)) }
    deinit { try? handle.close() }
}
