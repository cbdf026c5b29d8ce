import XCTest
import Foundation
import Tensor

final class VectorMathTests: XCTestCase {
    /// The vectorised exp/tanh/sigmoid agree with libm: exp to 1e-6 relative on [−80, 80],
    /// tanh and sigmoid to 1e-6 absolute on [−20, 20] (values checked 8 lanes at a time and in the tail).
    func testTranscendentalsMatchLibm() {
        let xs = (0..<4003).map { -80 + 160 * Float($0) / 4002 }
        let e = Tensor(shape: [xs.count], scalars: xs).exp().scalars
        for (x, y) in zip(xs, e) { XCTAssertEqual(y, Foundation.exp(x), accuracy: 1e-6 * Foundation.exp(x)) }
        let ys = (0..<1001).map { -20 + 40 * Float($0) / 1000 }
        let t = Tensor(shape: [ys.count], scalars: ys)
        for (x, y) in zip(ys, t.tanh().scalars) { XCTAssertEqual(y, Foundation.tanh(x), accuracy: 1e-6) }
        for (x, y) in zip(ys, t.sigmoid().scalars) { XCTAssertEqual(y, 1 / (1 + Foundation.exp(-x)), accuracy: 1e-6) }
        XCTAssertEqual(Tensor(shape: [9], scalars: [Float](repeating: -200, count: 9)).exp().scalars.max()!, 0, accuracy: 1e-37)
        // GELU x·Φ(x) against erf from libm, to 1e-6 absolute (+ 1e-6 relative).
        for (x, y) in zip(ys, t.gelu().scalars) {
            let exact = 0.5 * x * (1 + Foundation.erf(x * Float(0.5).squareRoot()))
            XCTAssertEqual(y, exact, accuracy: 1e-6 + 1e-6 * Swift.abs(exact))
        }
    }
}
