// Every input in tests/fuzz/regressions — each once hung, crashed or misled pipectl, or is the
// kind of input that would — is validated on every run of the unit suite: pipectl must finish,
// exit 0 or 1 (never a signal), and explain a failure with a located error.

#include <gtest/gtest.h>

#include <algorithm>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> regression_inputs() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(testing::source_root() / "tests/fuzz/regressions")) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class FuzzRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, FinishesAndExplainsItselfAtAPlace) {
  testing::TestProject project;
  fs::path spec = project.write_spec(testing::read_text(
      testing::source_root() / "tests/fuzz/regressions" / GetParam()));
  testing::ChildOptions options;
  options.time_limit_seconds = 20;  // a hang fails here rather than stalling the suite
  auto run = testing::run_child({PIPECTL_BINARY, "validate", spec.parent_path().string()}, options);
  ASSERT_FALSE(run.killed) << GetParam() << " did not finish";
  ASSERT_EQ(run.signal, 0) << GetParam() << " ended pipectl with signal " << run.signal << "\n"
                           << run.err;
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.exit_code << "\n" << run.err;
  if (run.exit_code == 1) {
    EXPECT_NE(run.err.find("pipeline.yaml:"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("error["), std::string::npos) << run.err;
  }
  EXPECT_EQ(run.err.find("internal"), std::string::npos) << run.err;
  EXPECT_LT(run.err.size(), 20'000u) << "messages and snippets are cut to a readable size";
}

INSTANTIATE_TEST_SUITE_P(Inputs, FuzzRegression, ::testing::ValuesIn(regression_inputs()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace pipectl
