#!/usr/bin/env bash
# The held-out synthetic decision suite that chooses between pretrained models (workspace/models/default/README.md):
# nine families of STUDIES × 10-subject studies drawn from the prior with a seed never used in training,
# scored by `aicmet-train evaluate` with the protocol of evaluation.md, one Markdown table per family.
#
#   scripts/decision-suite.sh MODEL OUT SEED [JOBS]
#
# MODEL: a model folder or .safetensors file; OUT: folder for FAMILY.md; SEED: the suite's seed (use a new one
# per decision); JOBS: families evaluated at once (default 2, one per core). Environment: BIN (the aicmet-train
# binary, default .build/release/aicmet-train), STUDIES (default 60), SAMPLES (latent samples, default 64).
# Score two suites with scripts/score-suite.py BASELINE_OUT CANDIDATE_OUT.
set -euo pipefail
if [[ $# -lt 3 ]]; then sed -n 5,10p "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
model=$1 out=$2 seed=$3 jobs=${4:-2}
bin=${BIN:-.build/release/aicmet-train}
studies=${STUDIES:-60} samples=${SAMPLES:-64}
[[ -x $bin ]] || { echo "decision-suite: $bin not found; build it with 'swift build -c release --product aicmet-train' or set BIN" >&2; exit 1; }
mkdir -p "$out"

# family name | evaluate arguments
families=(
    "default|--prior default"
    "two-compartment|--prior two-compartment"
    "sparse|--prior default+sparse"
    "multiple-dose|--prior default+multiple-dose"
    "infusion|--prior default+infusion"
    "lag|--prior default --set route_weights=1,0,0 --set lag_probability=1 --set lag=0.25,1"
    "combined-error|--prior default --set additive_error_probability=1 --set additive_fraction=0.01,0.1"
    "partial-lag|--prior default --set route_weights=1,0,0 --set lag_probability=1 --set lag=0.1,0.5 --set lagged_subjects=0.2,0.8"
    "first-and-last-dose|--prior default+multiple-dose+first-and-last-dose"    # since session 26 (score with --nine)
)

run_family() {
    local name=${1%%|*} args=${1#*|}
    # shellcheck disable=SC2086
    "$bin" evaluate "$model" --synthetic "$studies" --subjects 10 --samples "$samples" --seed "$seed" $args \
        > "$out/$name.md.part" 2> "$out/$name.err" && mv "$out/$name.md.part" "$out/$name.md" \
        || echo "decision-suite: family $name failed; see $out/$name.err" >&2
}

running=0
for family in "${families[@]}"; do
    [[ -s $out/${family%%|*}.md ]] && continue    # done by an earlier, interrupted call
    run_family "$family" &
    running=$((running + 1))
    if (( running >= jobs )); then wait -n; running=$((running - 1)); fi
done
wait
ls "$out"/*.md | wc -l | xargs -I{} echo "decision-suite: {} of ${#families[@]} families in $out"
