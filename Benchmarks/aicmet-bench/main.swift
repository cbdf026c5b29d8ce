// aicmet-bench: one function per benchmark group. `aicmet-bench [group…]` runs the named groups
// (default: tensor, sim, model, training, eval). Diagnostics on request: attention, gemm-variants, gemm-layouts.
import Foundation

let requested = Set(CommandLine.arguments.dropFirst())
func wants(_ group: String) -> Bool { requested.isEmpty || requested.contains(group) }

if wants("tensor") || wants("sgemm") || wants("step") { runTensorBenchmarks(options: requested) }
if wants("sim") { runSimulatorBenchmarks() }
if wants("model") { runModelBenchmarks() }
if wants("training") { runTrainingBenchmark() }
if wants("eval") { runEvaluationBenchmarks() }
if requested.contains("attention") { runAttentionMicroBenchmark() }
if requested.contains("gemm-variants") { runGemmVariantBenchmark() }
if requested.contains("gemm-layouts") { runGemmLayoutBenchmark() }
