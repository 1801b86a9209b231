// Arbitrary bytes as a spec file: the reader must return (quickly, in bounded memory: libFuzzer's
// -timeout and -rss_limit_mb enforce it) with a located diagnostic or a tree, and every output
// format must print what it reported.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.h"
#include "pipectl/option_values.h"
#include "pipectl/yaml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pipectl;
  SourceFiles sources;
  Diagnostics diagnostics;
  std::string text = normalize_source(std::string(reinterpret_cast<const char*>(data), size));
  std::string_view stored = sources.add("fuzz.yaml", std::move(text));
  auto root = read_yaml(stored, "fuzz.yaml", diagnostics);
  if (root) report_duplicate_keys(*root, diagnostics);
  if (!root && !diagnostics.has_errors()) std::abort();  // rejected without saying why
  fuzz::check_diagnostics(diagnostics, sources);
  return 0;
}
