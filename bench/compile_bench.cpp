// How compile time grows with the size of a spec: N copies of the beer pipeline (9 components,
// 2 Lambda packages each), compiled to Terraform JSON in memory. Run:
//   build/bench/pipectl_bench --benchmark_counters_tabular=true
// The reported complexity should be O(N); absolute times are not asserted anywhere.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "pipectl/passes/compile.h"

namespace fs = std::filesystem;

namespace {

std::string pipeline(int i) {
  std::string p = "-p" + std::to_string(i);
  return "  tick" + p + ":\n    kind: cloudwatch\n    schedule: rate(5 minutes)\n    target: fetch" + p +
         "\n  fetch" + p + ":\n    kind: lambda\n    source: fetch\n    writes: [stream" + p +
         "]\n    environment: {STREAM_NAME: {ref: stream" + p + ".name}}\n"
         "  stream" + p + ":\n    kind: kinesis\n"
         "  raw" + p + ":\n    kind: firehose\n    source: stream" + p + "\n    destination: raw-bucket" + p +
         "\n  clean" + p + ":\n    kind: firehose\n    source: stream" + p + "\n    destination: clean-bucket" + p +
         "\n    transform: {function: transform" + p + "}\n"
         "  transform" + p + ":\n    kind: lambda\n    source: transform\n"
         "  raw-bucket" + p + ":\n    kind: s3\n"
         "  clean-bucket" + p + ":\n    kind: s3\n"
         "  catalog" + p + ":\n    kind: glue\n    bucket: clean-bucket" + p +
         "\n    schedule: cron(0 0 1 * ? *)\n";
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

/// A project with N pipelines, created once per N.
fs::path project_with(int pipelines) {
  fs::path root = fs::temp_directory_path() / ("pipectl-bench-" + std::to_string(pipelines));
  fs::remove_all(root);
  write(root / "lambda_sources/fetch/handler.py", "def lambda_handler(event, context):\n    return 1\n");
  write(root / "lambda_sources/transform/handler.py", "def lambda_handler(event, context):\n    return 2\n");
  std::string spec = "project: bench\nenvironment: dev\nregion: eu-west-1\ncomponents:\n";
  for (int i = 0; i < pipelines; ++i) spec += pipeline(i);
  write(root / "envs/dev/pipeline.yaml", spec);
  return root / "envs/dev";
}

void BM_CompilePipelines(benchmark::State& state) {
  int pipelines = static_cast<int>(state.range(0));
  fs::path env = project_with(pipelines);
  std::size_t bytes = 0;
  for (auto _ : state) {
    pipectl::Compilation compilation = pipectl::compile_environment(env);
    if (!compilation.ok()) state.SkipWithError("spec did not compile");
    bytes = 0;
    for (const auto& [name, content] : compilation.output.files) bytes += content.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetComplexityN(pipelines);
  state.counters["components"] = pipelines * 9;
  state.counters["output_bytes"] = static_cast<double>(bytes);
  fs::remove_all(env.parent_path().parent_path());
}
BENCHMARK(BM_CompilePipelines)->RangeMultiplier(10)->Range(1, 1000)->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
