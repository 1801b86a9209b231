// Specs in tests/testdata/invalid/ carry their expected diagnostics as comments on the offending
// lines (`# ERROR PC1003`); each file must produce exactly those, line for line.

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::source_root;

using Expectations = std::multiset<std::pair<int, std::string>>;  // (line, "ERROR PC1003")

Expectations expected_in(const std::string& text) {
  static const std::regex marker(R"(#\s*(ERROR|WARNING)((\s+PC[0-9]{4})+)\s*$)");
  Expectations result;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::smatch match;
    if (!std::regex_search(line, match, marker)) continue;
    std::istringstream codes(match[2].str());
    std::string code;
    while (codes >> code) result.insert({number, match[1].str() + " " + code});
  }
  return result;
}

Expectations reported(const Diagnostics& diagnostics) {
  Expectations result;
  for (const Diagnostic& d : diagnostics.items()) {
    std::string severity = d.severity == Severity::Error ? "ERROR" : "WARNING";
    result.insert({d.subject ? d.subject->begin.line : 0, severity + " " + std::string(d.code())});
  }
  return result;
}

std::string show(const Expectations& items) {
  std::string text;
  for (const auto& [line, what] : items) text += "  line " + std::to_string(line) + ": " + what + "\n";
  return text;
}

class InvalidSpec : public ::testing::TestWithParam<std::string> {};

TEST_P(InvalidSpec, ReportsExactlyTheMarkedDiagnostics) {
  std::string text = testing::read_text(source_root() / "tests/testdata/invalid" / GetParam());
  auto compiled = testing::compile_text(text);
  Expectations want = expected_in(text);
  Expectations got = reported(compiled->compilation.diagnostics);
  ASSERT_FALSE(want.empty()) << "no expectations in " << GetParam();
  EXPECT_EQ(got, want) << "expected:\n" << show(want) << "reported:\n" << show(got)
                       << testing::describe(compiled->compilation.diagnostics);
  EXPECT_TRUE(compiled->compilation.output.files.empty());
}

std::vector<std::string> invalid_specs() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(source_root() / "tests/testdata/invalid")) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Files, InvalidSpec, ::testing::ValuesIn(invalid_specs()),
                         [](const auto& param_info) {
                           std::string name = param_info.param.substr(0, param_info.param.find('.'));
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace pipectl
