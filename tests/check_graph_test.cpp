// check_graph, on two test kinds (support/fake_kinds.h): references that go round in a circle
// are one error per cycle, at a reference of it, with the whole path; references outside a
// kind's exports cannot close a cycle.

#include "pipectl/passes/check_graph.h"

#include <gtest/gtest.h>

#include "support/fake_kinds.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::describe;

Diagnostics check(const std::string& yaml) {
  Diagnostics diagnostics;
  ResourceGraph graph = testing::fake_graph(yaml, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << describe(diagnostics);
  check_graph(graph, diagnostics);
  return diagnostics;
}

/// The cycle errors in the order check_graph reported them.
std::vector<Diagnostic> cycles(const Diagnostics& diagnostics) {
  std::vector<Diagnostic> found;
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.kind == DiagCode::ReferenceCycle) found.push_back(d);
  }
  return found;
}

TEST(CheckGraph, ACycleIsOneErrorWithTheWholePath) {
  auto diagnostics = check(
      "components:\n  a:\n    kind: tap\n    after: [b]\n  b:\n    kind: tap\n    after: [c]\n"
      "  c:\n    kind: tap\n    after: [a]\n");
  auto found = cycles(diagnostics);
  ASSERT_EQ(found.size(), 1u) << describe(diagnostics);
  EXPECT_EQ(found[0].summary, "Reference cycle: a → b → c → a");
  EXPECT_EQ(found[0].related.size(), 3u);
}

TEST(CheckGraph, SeparateCyclesAreReportedSeparatelyInNameOrder) {
  auto diagnostics = check(
      "components:\n  z:\n    kind: tap\n    after: [z]\n  m:\n    kind: tap\n    after: [n]\n"
      "  n:\n    kind: tap\n    after: [m]\n");
  auto found = cycles(diagnostics);
  ASSERT_EQ(found.size(), 2u) << describe(diagnostics);
  EXPECT_EQ(found[0].summary, "Reference cycle: m → n → m");
  EXPECT_EQ(found[1].summary, "Reference cycle: z → z");
}

TEST(CheckGraph, AReferenceOutsideTheExportsClosesNoCycle) {
  // b starts after a, and wakes a: the wake feeds no exported resource, so there is no cycle.
  auto diagnostics = check(
      "components:\n  a:\n    kind: tap\n  b:\n    kind: tap\n    after: [a]\n    wakes: a\n"
      "  c:\n    kind: tap\n    wakes: c\n");
  EXPECT_TRUE(cycles(diagnostics).empty()) << describe(diagnostics);
}

TEST(CheckGraph, AChainOfThousandsOfReferencesIsCheckedWithoutExhaustingTheStack) {
  std::string yaml = "components:\n";
  const int length = 5000;
  for (int i = 0; i < length; ++i) {
    yaml += "  t" + std::to_string(i) + ":\n    kind: tap\n    after: [t" +
            std::to_string((i + 1) % length) + "]\n";
  }
  auto found = cycles(check(yaml));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].related.size(), static_cast<std::size_t>(length));
}

}  // namespace
}  // namespace pipectl
