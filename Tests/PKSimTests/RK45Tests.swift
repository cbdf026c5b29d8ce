import XCTest
import Foundation
@testable import PKSim

final class RK45Tests: XCTestCase {
    /// Harmonic oscillator y'' = −y over 10 periods: end point and 200 dense outputs within 1e-7 of
    /// (cos t, −sin t) at rtol 1e-10; a looser tolerance takes fewer steps.
    func testDenseOutputOnHarmonicOscillator() {
        let outputs = (1...200).map { Double($0) * 0.1 * Double.pi }
        var y = [1.0, 0.0]
        var worst = 0.0
        let stats = RK45(rtol: 1e-10, atol: 1e-12).integrate(from: 0, to: 20 * Double.pi, y: &y, outputs: outputs, record: { k, s in
            let t = outputs[k]
            worst = max(worst, abs(s[0] - cos(t)), abs(s[1] + sin(t)))
        }, f: { _, s, dy in dy[0] = s[1]; dy[1] = -s[0] })
        XCTAssertLessThan(worst, 1e-7)
        XCTAssertEqual(y[0], 1, accuracy: 1e-7)
        XCTAssertEqual(y[1], 0, accuracy: 1e-7)
        var z = [1.0, 0.0]
        let loose = RK45(rtol: 1e-5, atol: 1e-8).integrate(from: 0, to: 20 * Double.pi, y: &z) { _, s, dy in dy[0] = s[1]; dy[1] = -s[0] }
        XCTAssertLessThan(loose.accepted, stats.accepted / 4)
        XCTAssertEqual(z[0], 1, accuracy: 1e-3)
    }

    /// Outputs at the start and exactly at the end are recorded; an empty span returns the initial state.
    func testOutputsAtTheEnds() {
        var y = [2.0]
        var seen: [Int: Double] = [:]
        RK45().integrate(from: 1, to: 3, y: &y, outputs: [1, 2, 3], record: { k, s in seen[k] = s[0] }) { _, s, dy in dy[0] = -0.5 * s[0] }
        XCTAssertEqual(seen[0]!, 2, accuracy: 1e-12)
        XCTAssertEqual(seen[1]!, 2 * exp(-0.5), accuracy: 1e-9)
        XCTAssertEqual(seen[2]!, 2 * exp(-1), accuracy: 1e-9)
        XCTAssertEqual(y[0], 2 * exp(-1), accuracy: 1e-9)
        var w = [5.0]
        let s = RK45().integrate(from: 2, to: 2, y: &w) { _, _, dy in dy[0] = 1 }
        XCTAssertEqual(w, [5]); XCTAssertEqual(s.accepted, 0)
    }
}
