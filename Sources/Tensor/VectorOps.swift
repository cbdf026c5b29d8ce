/// Small vectorised BLAS-1 style loops (8 lanes, scalar tail) on raw pointers.
enum VectorOps {
    /// Σ a[i]·b[i] for i < n.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = Vec(repeating: 0)
        var i = 0
        while i + 8 <= n {
            acc = acc.addingProduct(load(a + i), load(b + i))
            i += 8
        }
        let half = acc.lowHalf + acc.highHalf
        let quarter = half.lowHalf + half.highHalf
        var s = quarter[0] + quarter[1]
        while i < n {
            s += a[i] * b[i]
            i += 1
        }
        return s
    }

    /// y[i] += alpha · x[i] for i < n.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let va = Vec(repeating: alpha)
        var i = 0
        while i + 8 <= n {
            store(load(y + i).addingProduct(va, load(x + i)), y + i)
            i += 8
        }
        while i < n {
            y[i] += alpha * x[i]
            i += 1
        }
    }

    /// y[i] += x[i] for i < n.
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(y + i) + load(x + i), y + i)
            i += 8
        }
        while i < n {
            y[i] += x[i]
            i += 1
        }
    }

    /// y[i] += a[i] · b[i] for i < n.
    @inline(__always)
    static func addProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(y + i).addingProduct(load(a + i), load(b + i)), y + i)
            i += 8
        }
        while i < n {
            y[i] += a[i] * b[i]
            i += 1
        }
    }

    /// Σ x[i] for i < n.
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = Vec(repeating: 0)
        var i = 0
        while i + 8 <= n {
            acc += load(x + i)
            i += 8
        }
        var s = horizontalSum(acc)
        while i < n {
            s += x[i]
            i += 1
        }
        return s
    }

    @inline(__always)
    static func horizontalSum(_ v: Vec) -> Float {
        let half = v.lowHalf + v.highHalf
        let quarter = half.lowHalf + half.highHalf
        return quarter[0] + quarter[1]
    }

    /// dot(a, rows[j]) for the rows `base + keys[j]·stride`, written to out[keys[j]]·scale; four rows at a
    /// time with independent accumulators (hides FMA latency for short vectors).
    @inline(__always)
    static func dots(_ a: UnsafePointer<Float>, base: UnsafePointer<Float>, stride: Int, keys: [Int], n: Int,
                     scale: Float, into out: UnsafeMutablePointer<Float>) {
        var idx = 0
        let count = keys.count
        if n % 8 == 0 {
            while idx + 4 <= count {
                let j0 = keys[idx], j1 = keys[idx + 1], j2 = keys[idx + 2], j3 = keys[idx + 3]
                let r0 = base + j0 * stride, r1 = base + j1 * stride, r2 = base + j2 * stride, r3 = base + j3 * stride
                var c0 = Vec(repeating: 0), c1 = Vec(repeating: 0), c2 = Vec(repeating: 0), c3 = Vec(repeating: 0)
                var i = 0
                while i < n {
                    let x = load(a + i)
                    c0 = c0.addingProduct(x, load(r0 + i))
                    c1 = c1.addingProduct(x, load(r1 + i))
                    c2 = c2.addingProduct(x, load(r2 + i))
                    c3 = c3.addingProduct(x, load(r3 + i))
                    i += 8
                }
                out[j0] = scale * horizontalSum(c0)
                out[j1] = scale * horizontalSum(c1)
                out[j2] = scale * horizontalSum(c2)
                out[j3] = scale * horizontalSum(c3)
                idx += 4
            }
        }
        while idx < count {
            let j = keys[idx]
            out[j] = scale * dot(a, base + j * stride, n)
            idx += 1
        }
    }

    /// out[0..<n] += Σ_j w[keys[j]] · (base + keys[j]·stride)[0..<n]. Accumulates 32 columns at a time in
    /// registers (no store/load chain through `out` per key).
    @inline(__always)
    static func weightedRowSum(weights w: UnsafePointer<Float>, keys: [Int], base: UnsafePointer<Float>, stride: Int,
                               n: Int, into out: UnsafeMutablePointer<Float>) {
        var c = 0
        while c + 32 <= n {
            var a0 = load(out + c), a1 = load(out + c + 8), a2 = load(out + c + 16), a3 = load(out + c + 24)
            for j in keys {
                let wj = Vec(repeating: w[j])
                let row = base + j * stride + c
                a0 = a0.addingProduct(wj, load(row))
                a1 = a1.addingProduct(wj, load(row + 8))
                a2 = a2.addingProduct(wj, load(row + 16))
                a3 = a3.addingProduct(wj, load(row + 24))
            }
            store(a0, out + c); store(a1, out + c + 8); store(a2, out + c + 16); store(a3, out + c + 24)
            c += 32
        }
        while c + 8 <= n {
            var a0 = load(out + c)
            for j in keys { a0 = a0.addingProduct(Vec(repeating: w[j]), load(base + j * stride + c)) }
            store(a0, out + c)
            c += 8
        }
        if c < n {
            for j in keys {
                let wj = w[j], row = base + j * stride
                for i in c..<n { out[i] += wj * row[i] }
            }
        }
    }
}
