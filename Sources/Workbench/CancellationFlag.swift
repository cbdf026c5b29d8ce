import Synchronization

/// A flag a long command polls (`Session.checkCancelled()`); set asynchronously, e.g. from a SIGINT
/// handler (an atomic store is async-signal-safe). The Shell clears it before each command.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public func reset() { flag.store(false, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
