#!/usr/bin/env python3
"""Finetuning measured on held-out synthetic studies: a model is finetuned on each study's first CONTEXT subjects
(the study as the modeller has it), and the study's later subjects are forecast by the finetuned copy from all the
other subjects with their first k observations given (k = 0…4), through the REPL (`finetune`, `forecast`).
Per family, variant and k: targets, mean per-subject log-RMSE of the median and pooled 90 % coverage of the
subjects' later observations.

    scripts/finetune-check.py OUT [--aicmet BIN] [--model default] [--studies 8] [--subjects 12] [--context 8]
        [--seed 50505] [--variants zero-shot=0,ft=1,ft4=4] [--families default,default+sparse,…]

A variant NAME=F finetunes with `--folds F` (1: one split; 0: no finetuning, the model zero-shot). OUT gets the
studies (CSV), the REPL scripts and logs, one prediction file per forecast (pred/) and summary.md. The model comes
from the workspace models beside OUT (OUT/models links to workspace/models).
"""
import argparse
import csv
import math
import pathlib
import subprocess
import sys
from collections import defaultdict

REPO = pathlib.Path(__file__).resolve().parent.parent
FAMILIES = "default,default+sparse,default+multiple-dose+first-and-last-dose"


def repl(aicmet, out, name, lines):
    """Runs `lines` as a REPL script on OUT/ws.sqlite; the log keeps stdout and stderr."""
    script = out / f"{name}.aicmet"
    script.write_text("\n".join(lines) + "\n")
    with open(out / f"{name}.log", "w") as log:
        subprocess.run([aicmet, "--workspace", str(out / "ws.sqlite"), "run", str(script)], stdout=log, stderr=subprocess.STDOUT,
                       cwd=out, check=False)


def subject_ids(path):
    ids = []
    for row in csv.DictReader(open(path)):
        if row["ID"] not in ids:
            ids.append(row["ID"])
    return ids


def write_subset(path, keep, dest):
    rows = list(csv.DictReader(open(path)))
    with open(dest, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(r for r in rows if r["ID"] in keep)


def score(path):
    """(log-RMSE, [inside 90 % interval …]) of a forecast file's hidden positive post-dose points; None if none."""
    errors, inside = [], []
    if not path.exists():
        return None
    for row in csv.DictReader(open(path)):
        try:
            t, y, given = float(row["time"]), float(row["observed"]), int(row["given"])
            median, q05, q95 = float(row["median"]), float(row["q05"]), float(row["q95"])
        except (ValueError, KeyError, TypeError):
            continue
        if given or t <= 0 or y <= 0:
            continue
        errors.append(math.log(median) - math.log(y))
        inside.append(q05 <= y <= q95)
    if not errors:
        return None
    return math.sqrt(sum(e * e for e in errors) / len(errors)), inside


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--aicmet", default=str(REPO / ".build/release/aicmet"))
    p.add_argument("--model", default="default")
    p.add_argument("--studies", type=int, default=8)
    p.add_argument("--subjects", type=int, default=12)
    p.add_argument("--context", type=int, default=8)
    p.add_argument("--seed", type=int, default=50505)
    p.add_argument("--variants", default="zero-shot=0,ft=1,ft4=4")
    p.add_argument("--families", default=FAMILIES)
    a = p.parse_args()
    out = pathlib.Path(a.out).resolve()
    (out / "pred").mkdir(parents=True, exist_ok=True)
    if not (out / "models").exists():
        (out / "models").symlink_to(REPO / "workspace/models")
    variants = [(v.split("=")[0], int(v.split("=")[1])) for v in a.variants.split(",")]
    families = a.families.split(",")

    lines = []
    for f, family in enumerate(families):
        lines.append(f"simulate {family} --studies {a.studies} --subjects {a.subjects} --seed {a.seed + f} --save f{f}")
        lines += [f"study export f{f}_{j} {out}/f{f}_{j}.csv" for j in range(1, a.studies + 1)]
    repl(a.aicmet, out, "simulate", lines)

    lines, targets = [".mode csv"], []
    for f in range(len(families)):
        for j in range(1, a.studies + 1):
            study = out / f"f{f}_{j}.csv"
            ids = subject_ids(study)
            write_subset(study, set(ids[:a.context]), out / f"f{f}_{j}-context.csv")
            lines += [f"study import {study} --name s{f}_{j}", f"study import {out}/f{f}_{j}-context.csv --name c{f}_{j}"]
            for name, folds in variants:
                model = a.model
                if folds > 0:
                    model = f"{name}_{f}_{j}"
                    lines.append(f"finetune {a.model} --study c{f}_{j} --into {model} --seed {a.seed}" + (f" --folds {folds}" if folds > 1 else ""))
                for subject in ids[a.context:]:
                    for k in range(5):
                        target = out / "pred" / f"{name}_{f}_{j}_{subject}_{k}.csv"
                        targets.append((families[f], name, k, target))
                        lines += [f".once {target}", f"forecast s{f}_{j} --subject {subject} --given {k} --model {model}"]
    repl(a.aicmet, out, "forecast", lines)

    cells = defaultdict(lambda: ([], []))
    for family, name, k, target in targets:
        scored = score(target)
        if scored:
            cells[(family, name, k)][0].append(scored[0])
            cells[(family, name, k)][1].extend(scored[1])
    report = [f"# Finetuning on the first {a.context} of {a.subjects} subjects, {a.studies} studies per family, seed {a.seed}", "",
              "| family | variant | k | targets | log-RMSE | coverage |", "|---|---|---|---|---|---|"]
    summary = defaultdict(lambda: ([], []))
    for family in families:
        for k in range(5):
            if any(len(cells[(family, name, k)][0]) < 10 for name, _ in variants):
                continue  # every variant is scored on the same cells, each with at least 10 targets
            for name, _ in variants:
                rmse, inside = cells[(family, name, k)]
                mean, cover = sum(rmse) / len(rmse), sum(inside) / len(inside)
                summary[name][0].append(mean)
                summary[name][1].append(abs(cover - 0.9))
                report.append(f"| {family} | {name} | {k} | {len(rmse)} | {mean:.4f} | {cover:.3f} |")
    report += ["", "| variant | cells | mean log-RMSE | mean \\|coverage − 0.9\\| |", "|---|---|---|---|"]
    for name, _ in variants:
        means, gaps = summary[name]
        if means:
            report.append(f"| {name} | {len(means)} | {sum(means) / len(means):.4f} | {sum(gaps) / len(gaps):.4f} |")
    (out / "summary.md").write_text("\n".join(report) + "\n")
    print("\n".join(report))


if __name__ == "__main__":
    sys.exit(main())
