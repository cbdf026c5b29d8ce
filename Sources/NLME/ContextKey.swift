import PKData

/// A fingerprint of a context (its subjects' IDs, doses and observations): FNV-1a 64 over their bit
/// patterns, plus the subject count. Two contexts with the same key are treated as the same data.
enum ContextKey {
    static func make(_ subjects: [Subject]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ x: UInt64) { h = (h ^ x) &* 0x0000_0100_0000_01B3 }
        for s in subjects {
            for b in s.id.utf8 { mix(UInt64(b)) }
            mix(0xFF)
            for d in s.doses { mix(d.time.bitPattern); mix(d.amount.bitPattern); mix(d.duration.bitPattern); mix(d.route == .oral ? 1 : 2) }
            for o in s.observations { mix(o.time.bitPattern); mix(o.value.bitPattern); mix(UInt64(o.output)); mix(o.censored ? 1 : 0) }
            mix(0xFE)
        }
        return "\(subjects.count)-\(String(h, radix: 16))"
    }
}
