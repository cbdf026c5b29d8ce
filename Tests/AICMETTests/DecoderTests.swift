import XCTest
import Tensor
@testable import AICMET

final class DecoderTests: XCTestCase {
    func testGaussianLogLikelihoodMatchesClosedForm() {
        let head = Tensor(shape: [1, 2, 2], scalars: [0.5, log(0.25), -1, 0])
        let ll = GaussianDecoder().logLikelihood(head: head, targets: Tensor(shape: [1, 2], scalars: [1, -1])).scalars
        XCTAssertEqual(Double(ll[0]), -0.5 * log(2 * .pi * 0.25) - 0.25 / (2 * 0.25), accuracy: 1e-5)
        XCTAssertEqual(Double(ll[1]), -0.5 * log(2 * .pi), accuracy: 1e-5)
    }

    func testMixtureLogLikelihoodMatchesClosedForm() {
        // Two components: weights softmax([0, log 3]) = (0.25, 0.75), means (0, 2), variances (1, 4).
        let head = Tensor(shape: [1, 1, 6], scalars: [0, Float(log(3.0)), 0, 2, 0, Float(log(4.0))])
        let ll = MixtureDecoder(components: 2).logLikelihood(head: head, targets: Tensor(shape: [1, 1], scalars: [1])).scalars
        func normal(_ x: Double, _ m: Double, _ v: Double) -> Double { exp(-(x - m) * (x - m) / (2 * v)) / (2 * .pi * v).squareRoot() }
        XCTAssertEqual(Double(ll[0]), log(0.25 * normal(1, 0, 1) + 0.75 * normal(1, 2, 4)), accuracy: 1e-5)
        let mixture = MixtureDecoder(components: 2).distribution(head.scalars[0..<6])
        XCTAssertEqual(mixture.weights[1], 0.75, accuracy: 1e-6)
        XCTAssertEqual(mixture.sds[1], 2, accuracy: 1e-6)
    }

    func testQuantilesOfAGaussianAndAMixture() {
        let g = GaussianMixture(weights: [1], means: [1], sds: [2])
        XCTAssertEqual(g.quantile(0.5), 1, accuracy: 1e-8)
        XCTAssertEqual(g.quantile(0.95), 1 + 2 * 1.6448536269514722, accuracy: 1e-7)
        XCTAssertEqual(g.quantile(0.05), 1 - 2 * 1.6448536269514722, accuracy: 1e-7)
        XCTAssertEqual(g.meanOfExp, exp(1 + 2.0), accuracy: 1e-9)
        // Symmetric two-component mixture: median at the centre; CDF at its quantiles returns p.
        let m = GaussianMixture(weights: [0.5, 0.5], means: [-1, 1], sds: [0.5, 0.5])
        XCTAssertEqual(m.quantile(0.5), 0, accuracy: 1e-8)
        for p in [0.05, 0.3, 0.95] { XCTAssertEqual(m.cdf(m.quantile(p)), p, accuracy: 1e-8) }
    }

    func testDecoderSpecParsing() throws {
        XCTAssertEqual(try DecoderSpec.parse("gaussian"), DecoderSpec(id: "gaussian"))
        XCTAssertEqual(try DecoderSpec.parse("mixture:4").components, 4)
        XCTAssertThrowsError(try DecoderSpec.parse("mixture:1"))
        XCTAssertThrowsError(try DecoderSpec.parse("student"))
    }
}
