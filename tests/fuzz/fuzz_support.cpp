#include "fuzz_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "pipectl/views/diagnostics_view.h"

namespace fs = std::filesystem;

namespace pipectl::fuzz {
namespace {

[[noreturn]] void violated(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what.c_str());
  std::abort();
}

std::string python() {
  const char* configured = std::getenv("PIPECTL_PYTHON");
  return configured != nullptr && *configured != '\0' ? configured : "python3";
}

}  // namespace

const fs::path& project() {
  static const fs::path root = [] {
    fs::path dir = fs::temp_directory_path() / ("pipectl-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir / "envs/dev");
    for (const char* function : {"fn", "transform", "get-random-beer", "clean-data"}) {
      fs::create_directories(dir / "lambda_sources" / function);
      std::ofstream(dir / "lambda_sources" / function / "handler.py")
          << "def lambda_handler(event, context):\n    return event\n";
    }
    return dir;
  }();
  return root;
}

void write(const std::string& relative, const std::string& text) {
  fs::path path = project() / relative;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

Compilation compile_dev() {
  CompileOptions options;
  options.pip.python = python();
  // No pip runs while fuzzing: a requirements file is the only thing that would start one, and
  // the project has none.
  return compile_environment(project() / "envs/dev", options);
}

void warm_up() {
  write("envs/dev/pipeline.yaml",
        "project: fuzz\nenvironment: dev\nregion: eu-west-1\ncomponents:\n"
        "  a: {kind: lambda, source: fn}\n  b: {kind: lambda, source: transform}\n"
        "  c: {kind: lambda, source: get-random-beer}\n  d: {kind: lambda, source: clean-data}\n");
  if (!compile_dev().ok()) violated("the warm-up spec does not compile");
}

void check_diagnostics(const Diagnostics& diagnostics, const SourceFiles& sources) {
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.summary.empty()) violated("a diagnostic without a summary");
    if (!d.subject) continue;
    if (d.subject->begin.line < 1 || d.subject->begin.column < 1) {
      violated("a diagnostic at " + d.subject->to_string() + ": " + d.summary);
    }
  }
  std::ostringstream sink;
  print_diagnostics_text(sink, diagnostics.sorted(), sources, TextStyle{true});
  print_diagnostics_github(sink, diagnostics.sorted());
  sink << diagnostics_to_json(diagnostics, sources)
              .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  sink << diagnostics_to_sarif(diagnostics, "fuzz")
              .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

void check_invariants(const Compilation& compilation) {
  check_diagnostics(compilation.diagnostics, compilation.sources);
  if (!compilation.ok()) {
    if (!compilation.output.files.empty()) violated("a spec with errors rendered files");
    return;
  }
  if (compilation.output.files.empty()) violated("a valid spec rendered nothing");
  for (const auto& [name, bytes] : compilation.output.files) {
    if (name.size() < 8 || name.compare(name.size() - 8, 8, ".tf.json") != 0) continue;
    if (!nlohmann::json::accept(bytes)) violated(name + " is not JSON");
  }
}

}  // namespace pipectl::fuzz
