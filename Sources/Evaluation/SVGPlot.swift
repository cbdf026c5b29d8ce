/// Renders a `PlotFigure` as a standalone SVG document (pure string output, no dependencies), for reports.
///
///     try SVGPlot.render(figure, width: 640, height: 400).write(toFile: "fit.svg", atomically: true, encoding: .utf8)
///
/// Layout: title on top, y tick labels and label on the left, x ticks and label below, light grid lines at the
/// ticks, bands as translucent polygons, series as polylines (dashed when asked) and/or circles, clipped to the
/// plot area, and a legend box in the top-right corner. Colours cycle through a fixed 10-colour palette in
/// series order (a band takes the colour of its `seriesIndex`, else grey). Coordinates are written with 2 decimals, so the
/// same figure always gives the same text.
public enum SVGPlot {
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    public static func render(_ figure: PlotFigure, width: Double = 640, height: Double = 400) -> String {
        let left = 64.0, right = 16.0, top = figure.title == nil ? 16.0 : 36.0, bottom = 52.0
        let pw = max(40, width - left - right), ph = max(40, height - top - bottom)
        let xs = PlotScale.nice(figure.dataRange(x: true), log: figure.logX, targetTicks: max(2, Int(pw / 80)))
        let ys = PlotScale.nice(figure.dataRange(x: false), log: figure.logY, targetTicks: max(2, Int(ph / 50)))
        func px(_ v: Double) -> Double? { xs.position(v).flatMap { $0.isFinite ? left + $0 * pw : nil } }
        func py(_ v: Double) -> Double? { ys.position(v).flatMap { $0.isFinite ? top + (1 - $0) * ph : nil } }

        var out: [String] = []
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"sans-serif\" font-size=\"11\">")
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        out.append("<defs><clipPath id=\"plot\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(pw))\" height=\"\(f(ph))\"/></clipPath></defs>")
        if let title = figure.title {
            out.append("<text x=\"\(f(left + pw / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">\(escape(title))</text>")
        }
        // Grid and ticks.
        for t in xs.ticks {
            guard let x = px(t) else { continue }
            out.append("<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + ph))\" stroke=\"#e5e5e5\"/>")
            out.append("<text x=\"\(f(x))\" y=\"\(f(top + ph + 16))\" text-anchor=\"middle\">\(escape(xs.label(t)))</text>")
        }
        for t in ys.ticks {
            guard let y = py(t) else { continue }
            out.append("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + pw))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>")
            out.append("<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(escape(ys.label(t)))</text>")
        }
        out.append("<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(pw))\" height=\"\(f(ph))\" fill=\"none\" stroke=\"#333\"/>")
        if !figure.xLabel.isEmpty {
            out.append("<text x=\"\(f(left + pw / 2))\" y=\"\(f(top + ph + 38))\" text-anchor=\"middle\">\(escape(figure.xLabel))</text>")
        }
        if !figure.yLabel.isEmpty {
            out.append("<text x=\"14\" y=\"\(f(top + ph / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(top + ph / 2)))\">\(escape(figure.yLabel))</text>")
        }
        out.append("<g clip-path=\"url(#plot)\">")
        for b in figure.bands {
            var upper: [String] = [], lower: [String] = []
            for k in b.x.indices {
                guard let x = px(b.x[k]) else { continue }
                let yHi = py(b.upper[k]) ?? top + ph, yLo = py(b.lower[k]) ?? top + ph
                upper.append("\(f(x)),\(f(yHi))"); lower.append("\(f(x)),\(f(yLo))")
            }
            guard !upper.isEmpty else { continue }
            let color = bandColor(b)
            out.append("<polygon points=\"\((upper + lower.reversed()).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.2\" stroke=\"none\"/>")
        }
        for (i, s) in figure.series.enumerated() {
            let color = palette[i % palette.count]
            if s.drawsLine {
                var runs: [[String]] = [[]]
                for p in s.points {
                    if let x = px(p.x), let y = py(p.y) { runs[runs.count - 1].append("\(f(x)),\(f(y))") } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
                }
                for run in runs where run.count > 1 {
                    out.append("<polyline points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"\(s.dashed ? " stroke-dasharray=\"5 4\"" : "")/>")
                }
            }
            if s.drawsPoints {
                for p in s.points {
                    guard let x = px(p.x), let y = py(p.y) else { continue }
                    out.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3\" fill=\"\(color)\" fill-opacity=\"0.8\"/>")
                }
            }
        }
        out.append("</g>")
        out += legend(figure, right: left + pw, top: top)
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    static func legend(_ figure: PlotFigure, right: Double, top: Double) -> [String] {
        var entries: [(String, String, Bool)] = figure.series.enumerated().map { i, s in (s.name, palette[i % palette.count], s.style == .points) }
        entries += figure.bands.map { b in (b.name, bandColor(b), false) }
        guard !entries.isEmpty else { return [] }
        let boxWidth = 34 + 6.5 * Double(entries.map(\.0.count).max() ?? 0)
        let x0 = right - boxWidth - 6, y0 = top + 6
        var out = ["<g class=\"legend\">",
                   "<rect x=\"\(f(x0))\" y=\"\(f(y0))\" width=\"\(f(boxWidth))\" height=\"\(f(Double(entries.count) * 16 + 6))\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>"]
        for (k, e) in entries.enumerated() {
            let y = y0 + 14 + Double(k) * 16
            if e.2 {
                out.append("<circle cx=\"\(f(x0 + 14))\" cy=\"\(f(y - 4))\" r=\"3\" fill=\"\(e.1)\"/>")
            } else {
                out.append("<line x1=\"\(f(x0 + 6))\" y1=\"\(f(y - 4))\" x2=\"\(f(x0 + 22))\" y2=\"\(f(y - 4))\" stroke=\"\(e.1)\" stroke-width=\"3\"/>")
            }
            out.append("<text x=\"\(f(x0 + 28))\" y=\"\(f(y))\">\(escape(e.0))</text>")
        }
        out.append("</g>")
        return out
    }

    static func bandColor(_ b: PlotBand) -> String { b.seriesIndex.map { palette[$0 % palette.count] } ?? "#999999" }

    static func f(_ v: Double) -> String { String(format: "%.2f", v) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

import Foundation
