import Synchronization

/// A boolean safe to read from a signal handler (lock-free atomic).
final class AtomicFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set(_ on: Bool) { value.store(on, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}
