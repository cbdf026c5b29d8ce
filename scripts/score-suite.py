#!/usr/bin/env python3
"""Compares two decision suites (scripts/decision-suite.sh) and applies the adoption rule of the model README.

    scripts/score-suite.py BASELINE_OUT CANDIDATE_OUT [--min-targets 30] [--nine | --design]

Per family: the mean over k of the per-subject mean log-RMSE, over cells (k) with at least --min-targets targets
in both suites. Rule: (a) eight-family mean change <= -0.002, (b) six-family mean (without combined-error and
partial-lag) change <= +0.003, (c) mean |coverage - 0.9| over the cells change <= +0.005, (d) no family change
> +0.015. With --nine (session 26) the first-and-last-dose family joins: (a) becomes the nine-family mean
<= -0.002, (a') the eight-family mean <= +0.0015, and (c), (d) cover all nine families. With --design (session 27)
the nine families are scored and (a) becomes the mean over the four families whose designs the real studies share
(sparse, multiple-dose, infusion, first-and-last-dose) <= -0.003, (a') as with --nine. Every rule also checks
(e): the candidate's coverage in every cell within 0.80-0.97. Prints a Markdown table, k = 1-3 means and the
verdict; exit status 0 either way.
"""
import argparse
import pathlib
import re
import sys

FAMILIES = ["default", "two-compartment", "sparse", "multiple-dose", "infusion", "lag", "combined-error", "partial-lag"]
SIX = FAMILIES[:6]
NINTH = "first-and-last-dose"
DESIGN = ["sparse", "multiple-dose", "infusion", NINTH]
ROW = re.compile(r"^\|\s*(?P<name>[^|]+?)\s*\|\s*(?P<k>\d)\s*\|\s*(?P<targets>\d+)\s*\|\s*(?P<mean>[\d.]+) ± [\d.]+\s*\|\s*(?P<cov>[\d.]+)\s*\|")


def read_family(path):
    """{k: (targets, mean log-RMSE, coverage)} of the first forecaster in an `aicmet-train evaluate` table."""
    cells, first = {}, None
    for line in path.read_text().splitlines():
        m = ROW.match(line)
        if not m:
            continue
        first = first or m["name"]
        if m["name"] == first:
            cells[int(m["k"])] = (int(m["targets"]), float(m["mean"]), float(m["cov"]))
    if not cells:
        sys.exit(f"score-suite: no result rows in {path}; was the family's evaluation interrupted?")
    return cells


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", type=pathlib.Path)
    parser.add_argument("candidate", type=pathlib.Path)
    parser.add_argument("--min-targets", type=int, default=30)
    rule = parser.add_mutually_exclusive_group()
    rule.add_argument("--nine", action="store_true", help=f"add the {NINTH} family and session 26's rule")
    rule.add_argument("--design", action="store_true", help="nine families and session 27's rule (real-study designs)")
    args = parser.parse_args()
    nine_families = args.nine or args.design
    families = FAMILIES + [NINTH] if nine_families else FAMILIES

    rows, base_means, cand_means, base_cov, cand_cov, k13 = [], {}, {}, [], [], {"base": [], "cand": []}
    cand_cells = []  # the candidate's coverage in every scored cell
    for family in families:
        paths = [d / f"{family}.md" for d in (args.baseline, args.candidate)]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            sys.exit(f"score-suite: missing {', '.join(missing)}; run scripts/decision-suite.sh for it first")
        base, cand = (read_family(p) for p in paths)
        ks = sorted(k for k in base if k in cand and min(base[k][0], cand[k][0]) >= args.min_targets)
        base_means[family] = sum(base[k][1] for k in ks) / len(ks)
        cand_means[family] = sum(cand[k][1] for k in ks) / len(ks)
        base_cov += [abs(base[k][2] - 0.9) for k in ks]
        cand_cov += [abs(cand[k][2] - 0.9) for k in ks]
        cand_cells += [cand[k][2] for k in ks]
        k13["base"] += [base[k][1] for k in ks if 1 <= k <= 3]
        k13["cand"] += [cand[k][1] for k in ks if 1 <= k <= 3]
        by_k = " / ".join(f"{base[k][1]:.3f}→{cand[k][1]:.3f}" for k in ks)
        rows.append(f"| {family} (k = {ks[0]}–{ks[-1]}) | {base_means[family]:.4f} | {cand_means[family]:.4f} | "
                    f"{cand_means[family] - base_means[family]:+.4f} | {by_k} |")

    def mean(values):
        return sum(values) / len(values)

    def group(names):
        """(baseline mean, candidate mean, change) over the families `names`."""
        b, c = mean([base_means[f] for f in names]), mean([cand_means[f] for f in names])
        return b, c, c - b

    eight, six, nine, design = group(FAMILIES), group(SIX), group(families), group(DESIGN) if nine_families else None
    coverage = mean(cand_cov) - mean(base_cov)
    worst = max(families, key=lambda f: cand_means[f] - base_means[f])
    worst_change = cand_means[worst] - base_means[worst]
    print(f"| family (mean log-RMSE over k) | {args.baseline.name} | {args.candidate.name} | change | by k |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"| **eight-family mean** | {eight[0]:.4f} | {eight[1]:.4f} | **{eight[2]:+.4f}** | |")
    if nine_families:
        print(f"| **nine-family mean** | {nine[0]:.4f} | {nine[1]:.4f} | **{nine[2]:+.4f}** | |")
        print(f"| **real-study designs** ({', '.join(DESIGN)}) | {design[0]:.4f} | {design[1]:.4f} | **{design[2]:+.4f}** | |")
    print(f"| six-family mean | {six[0]:.4f} | {six[1]:.4f} | {six[2]:+.4f} | |")
    print(f"| mean \\|coverage − 0.9\\| | {mean(base_cov):.4f} | {mean(cand_cov):.4f} | {coverage:+.4f} | |")
    print(f"| k = 1–3 mean over families | {mean(k13['base']):.4f} | {mean(k13['cand']):.4f} | {mean(k13['cand']) - mean(k13['base']):+.4f} | |")
    if args.design:
        first = [("(a) real-study designs ≤ −0.003", design[2] <= -0.003), ("(a') eight-family ≤ +0.0015", eight[2] <= 0.0015)]
    elif args.nine:
        first = [("(a) nine-family ≤ −0.002", nine[2] <= -0.002), ("(a') eight-family ≤ +0.0015", eight[2] <= 0.0015)]
    else:
        first = [("(a) eight-family ≤ −0.002", eight[2] <= -0.002)]
    low, high = min(cand_cells), max(cand_cells)
    checks = first + [("(b) six-family ≤ +0.003", six[2] <= 0.003),
              ("(c) coverage error ≤ +0.005", coverage <= 0.005), (f"(d) worst family {worst} {worst_change:+.4f} ≤ +0.015", worst_change <= 0.015),
              (f"(e) candidate coverage {low:.3f}–{high:.3f} within 0.80–0.97", 0.80 <= low and high <= 0.97)]
    print()
    for label, ok in checks:
        print(f"- {label}: {'pass' if ok else 'FAIL'}")
    print(f"\n{'ADOPT' if all(ok for _, ok in checks) else 'KEEP BASELINE'}")


if __name__ == "__main__":
    main()
