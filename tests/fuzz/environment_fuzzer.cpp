// Arbitrary bytes as a whole environment — a spec and the base it may extend — through every pass
// that `pipectl validate` runs. The input is the base, a line "#@@spec@@", then the spec; without
// that line it is the spec alone. The seeds (.ci/fuzz) are the shipped environments in this form.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pipectl::fuzz::warm_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pipectl;
  static const std::string kSeparator = "\n#@@spec@@\n";
  std::string input(reinterpret_cast<const char*>(data), size);
  auto split = input.find(kSeparator);
  std::string base = split == std::string::npos ? "" : input.substr(0, split);
  std::string spec = split == std::string::npos ? input : input.substr(split + kSeparator.size());
  fuzz::write("envs/base.yaml", base);
  fuzz::write("envs/dev/pipeline.yaml", spec);
  fuzz::check_invariants(fuzz::compile_dev());
  return 0;
}
