// The user documentation stays true to the code: the generated reference in docs/spec.md equals
// what `pipectl explain` prints, and every diagnostic code is documented.

#include <gtest/gtest.h>

#include <cstdlib>

#include "pipectl/diagnostic.h"
#include "pipectl/views/reference_doc.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::read_text;
using testing::source_root;

constexpr const char* kBegin = "<!-- BEGIN GENERATED REFERENCE (pipectl explain) -->\n";
constexpr const char* kEnd = "<!-- END GENERATED REFERENCE -->";

TEST(Docs, SpecReferenceIsCurrent) {
  auto path = source_root() / "docs/spec.md";
  std::string text = read_text(path);
  auto begin = text.find(kBegin);
  auto end = text.find(kEnd);
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  begin += std::string(kBegin).size();
  std::string expected = "\n" + spec_reference(ModuleRegistry::builtin()) + "\n";
  const char* update = std::getenv("PIPECTL_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    testing::write_file(path, text.substr(0, begin) + expected + text.substr(end));
    return;
  }
  std::string actual = text.substr(begin, end - begin);
  if (actual == expected) return;
  std::size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
  std::size_t line_start = expected.rfind('\n', at == 0 ? 0 : at - 1);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  ADD_FAILURE() << "docs/spec.md's reference is out of date; refresh it with "
                   "PIPECTL_UPDATE_GOLDEN=1 (tests/README.md). First difference, expected:\n"
                << expected.substr(line_start, expected.find('\n', at) - line_start);
}

TEST(Docs, EveryDiagnosticCodeIsDocumented) {
  std::string text = read_text(source_root() / "docs/diagnostics.md");
  for (const DiagInfo& info : all_diagnostic_kinds()) {
    EXPECT_NE(text.find("`" + std::string(info.code) + "`"), std::string::npos)
        << info.code << " is missing from docs/diagnostics.md";
  }
}

}  // namespace
}  // namespace pipectl
