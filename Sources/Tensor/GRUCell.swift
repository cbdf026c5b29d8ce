import Foundation

/// The elementwise part of one GRU step for one sequence, vectorised 8 lanes at a time.
/// Row layouts: gi, gh, gates, dGI, dGH are `[r | z | n]` of width 3·hid; gi and gh exclude biases.
enum GRUCell {
    /// Computes the gates and the new state; updates `h` in place and writes it to `out`.
    @inline(__always)
    static func forward(hid: Int, gi: UnsafePointer<Float>, gh: UnsafePointer<Float>,
                        bi: UnsafePointer<Float>, bh: UnsafePointer<Float>, h: UnsafeMutablePointer<Float>,
                        gates: UnsafeMutablePointer<Float>, ghn: UnsafeMutablePointer<Float>,
                        hPrev: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>) {
        var j = 0
        while j + 8 <= hid {
            let r = vsigmoid(load(gi + j) + load(bi + j) + load(gh + j) + load(bh + j))
            let z = vsigmoid(load(gi + hid + j) + load(bi + hid + j) + load(gh + hid + j) + load(bh + hid + j))
            let hn = load(gh + 2 * hid + j) + load(bh + 2 * hid + j)
            let c = vtanh((load(gi + 2 * hid + j) + load(bi + 2 * hid + j)).addingProduct(r, hn))
            let hp = load(h + j)
            let hNew = c.addingProduct(z, hp - c)
            store(r, gates + j); store(z, gates + hid + j); store(c, gates + 2 * hid + j)
            store(hn, ghn + j); store(hp, hPrev + j)
            store(hNew, h + j); store(hNew, out + j)
            j += 8
        }
        while j < hid {
            let r = 1 / (1 + expf(-(gi[j] + bi[j] + gh[j] + bh[j])))
            let z = 1 / (1 + expf(-(gi[hid + j] + bi[hid + j] + gh[hid + j] + bh[hid + j])))
            let hn = gh[2 * hid + j] + bh[2 * hid + j]
            let c = tanhf(gi[2 * hid + j] + bi[2 * hid + j] + r * hn)
            let hp = h[j]
            let hNew = c + z * (hp - c)
            gates[j] = r; gates[hid + j] = z; gates[2 * hid + j] = c
            ghn[j] = hn; hPrev[j] = hp
            h[j] = hNew; out[j] = hNew
            j += 1
        }
    }

    /// Given dh (carried gradient w.r.t. this step's output state, excluding gOut), writes the gate
    /// pre-activation gradients dGI/dGH and replaces dh by the direct part of d h_prev (dht ⊙ z);
    /// the caller adds dGH · W_hh.
    @inline(__always)
    static func backward(hid: Int, gates: UnsafePointer<Float>, ghn: UnsafePointer<Float>, hPrev: UnsafePointer<Float>,
                         gOut: UnsafePointer<Float>, dh: UnsafeMutablePointer<Float>,
                         dGI: UnsafeMutablePointer<Float>, dGH: UnsafeMutablePointer<Float>) {
        var j = 0
        let one = Vec(repeating: 1)
        while j + 8 <= hid {
            let r = load(gates + j), z = load(gates + hid + j), c = load(gates + 2 * hid + j)
            let dht = load(dh + j) + load(gOut + j)
            let dc = dht * (one - z) * (one - c * c)
            let dz = dht * (load(hPrev + j) - c) * z * (one - z)
            let dr = dc * load(ghn + j) * r * (one - r)
            store(dr, dGI + j); store(dz, dGI + hid + j); store(dc, dGI + 2 * hid + j)
            store(dr, dGH + j); store(dz, dGH + hid + j); store(dc * r, dGH + 2 * hid + j)
            store(dht * z, dh + j)
            j += 8
        }
        while j < hid {
            let r = gates[j], z = gates[hid + j], c = gates[2 * hid + j]
            let dht = dh[j] + gOut[j]
            let dc = dht * (1 - z) * (1 - c * c)
            let dz = dht * (hPrev[j] - c) * z * (1 - z)
            let dr = dc * ghn[j] * r * (1 - r)
            dGI[j] = dr; dGI[hid + j] = dz; dGI[2 * hid + j] = dc
            dGH[j] = dr; dGH[hid + j] = dz; dGH[2 * hid + j] = dc * r
            dh[j] = dht * z
            j += 1
        }
    }

    /// target[j] += Σ_rows m[row, j].
    static func addColumnSums(_ m: UnsafePointer<Float>, rows: Int, cols: Int, into target: UnsafeMutablePointer<Float>) {
        for r in 0..<rows { VectorOps.add(m + r * cols, target, cols) }
    }
}
