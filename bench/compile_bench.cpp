// Per-pass figures, in process: how loading the spec, compiling it (every pass up to rendered
// Terraform in memory) and writing the output grow with the size of a spec of N copies of the
// reference pipeline (bench/make_spec.py, the spec bench/run.py times as whole processes). Run:
//   build/bench/pipectl_bench --benchmark_counters_tabular=true
// Each reported complexity should be O(N); no time is asserted anywhere. Compiles use the
// package and syntax caches as the command line does (PIPECTL_CACHE_DIR, else ~/.cache/pipectl).

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "pipectl/passes/compile.h"
#include "pipectl/passes/load_spec.h"
#include "pipectl/passes/write_output.h"

namespace fs = std::filesystem;

namespace {

/// The environment folder of a project with `copies` pipelines, made once per size.
fs::path project_with(int copies) {
  static std::map<int, fs::path> made;
  if (auto found = made.find(copies); found != made.end()) return found->second;
  fs::path root = fs::temp_directory_path() / ("pipectl-bench-" + std::to_string(copies));
  fs::remove_all(root);
  std::string command = "python3 '" PIPECTL_SOURCE_DIR "/bench/make_spec.py' " +
                        std::to_string(copies) + " '" + root.string() + "'";
  if (std::system(command.c_str()) != 0) return {};
  return made[copies] = root / "envs/bench";
}

/// As the command line compiles: with the package and syntax caches (warmed by the first run).
pipectl::CompileOptions cli_options() {
  pipectl::CompileOptions options;
  options.pip = pipectl::PipOptions::from_environment();
  return options;
}

void count(benchmark::State& state, int copies) {
  state.SetComplexityN(copies);
  state.counters["components"] = copies * 10;
}

void BM_LoadSpec(benchmark::State& state) {
  int copies = static_cast<int>(state.range(0));
  fs::path env = project_with(copies);
  for (auto _ : state) {
    pipectl::SourceFiles sources;
    pipectl::Diagnostics diagnostics;
    auto spec = pipectl::load_spec(env, sources, diagnostics);
    if (!spec) state.SkipWithError("the spec did not load");
    benchmark::DoNotOptimize(spec);
  }
  count(state, copies);
}

void BM_Compile(benchmark::State& state) {
  int copies = static_cast<int>(state.range(0));
  fs::path env = project_with(copies);
  std::size_t bytes = 0;
  for (auto _ : state) {
    pipectl::Compilation compilation = pipectl::compile_environment(env, cli_options());
    if (!compilation.ok()) state.SkipWithError("the spec did not compile");
    bytes = 0;
    for (const auto& [name, content] : compilation.output.files) bytes += content.size();
    benchmark::DoNotOptimize(bytes);
  }
  count(state, copies);
  state.counters["output_bytes"] = static_cast<double>(bytes);
}

void BM_WriteOutput(benchmark::State& state) {
  int copies = static_cast<int>(state.range(0));
  fs::path env = project_with(copies);
  pipectl::Compilation compilation = pipectl::compile_environment(env, cli_options());
  fs::path output = env / "bench-output";
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove_all(output);
    ::sync();  // the deletion's writeback is not the next write's cost
    state.ResumeTiming();
    pipectl::Diagnostics diagnostics;
    if (!pipectl::write_output(compilation.output, output, diagnostics)) {
      state.SkipWithError("the output was not written");
    }
  }
  count(state, copies);
  state.counters["files"] = static_cast<double>(compilation.output.files.size());
}

void sizes(benchmark::internal::Benchmark* benchmark) {
  benchmark->RangeMultiplier(10)->Range(1, 1000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
}

BENCHMARK(BM_LoadSpec)->Apply(sizes);
BENCHMARK(BM_Compile)->Apply(sizes);
BENCHMARK(BM_WriteOutput)->Apply(sizes);

}  // namespace

BENCHMARK_MAIN();
