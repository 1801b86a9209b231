// build_graph, on two test kinds (support/fake_kinds.h): every component gets its AWS name, and
// every reference becomes a connection to a component of the right kind — or a located error
// that names what would fit.

#include "pipectl/passes/build_graph.h"

#include <gtest/gtest.h>

#include "support/fake_kinds.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::describe;
using testing::find_diagnostic;
using testing::position_of;

struct Built {
  std::optional<ResourceGraph> graph;
  Diagnostics diagnostics;
};

Built build(const std::string& yaml) {
  Built built;
  built.graph.emplace(testing::fake_graph(yaml, built.diagnostics));
  return built;
}

TEST(BuildGraph, ReferencesBecomeConnectionsCarryingWhatTheyMean) {
  auto built = build("components:\n  water:\n    kind: pool\n  faucet:\n    kind: tap\n"
                     "    feeds: water\n    wakes: faucet\n");
  ASSERT_TRUE(built.diagnostics.empty()) << describe(built.diagnostics);
  const ResourceGraph& graph = *built.graph;
  auto from_faucet = graph.connections_from(graph.get("faucet"));
  ASSERT_EQ(from_faucet.size(), 2u);
  EXPECT_EQ(from_faucet[0]->to, &graph.get("water"));
  EXPECT_EQ(from_faucet[0]->use.access, Access::Write);
  EXPECT_EQ(from_faucet[1]->use.option, "wakes");
  EXPECT_FALSE(from_faucet[1]->use.feeds_exports);
  EXPECT_TRUE(graph.connections_from(graph.get("water")).empty());
}

TEST(BuildGraph, PassesAndKindsFindTargetsThroughConnectionsNotNames) {
  auto built = build("components:\n  water:\n    kind: pool\n  a:\n    kind: tap\n"
                     "  b:\n    kind: tap\n  faucet:\n    kind: tap\n    feeds: water\n"
                     "    after: [b, a]\n");
  ASSERT_TRUE(built.diagnostics.empty()) << describe(built.diagnostics);
  const ResourceGraph& graph = *built.graph;
  const Component& faucet = graph.get("faucet");
  EXPECT_EQ(&graph.target(faucet, "feeds"), &graph.get("water"));
  EXPECT_EQ(graph.targets(faucet, "after"),
            (std::vector<const Component*>{&graph.get("b"), &graph.get("a")}))
      << "in the order written";
  EXPECT_THROW(graph.target(faucet, "after"), std::logic_error) << "two, not one";
  EXPECT_TRUE(graph.grants_access(faucet, graph.get("water")));
  EXPECT_FALSE(graph.grants_access(faucet, graph.get("a"))) << "`after` grants nothing";
  EXPECT_EQ(graph.expression(graph.get("water"), "depth"), tf::ref("aws_test_pool", "water", "depth"));
}

TEST(BuildGraph, EveryComponentGetsTheNameTheRuleGivesItsService) {
  auto built = build("components:\n  water:\n    kind: pool\n  faucet:\n    kind: tap\n"
                     "    name: pinned-tap\n");
  ASSERT_TRUE(built.diagnostics.empty()) << describe(built.diagnostics);
  EXPECT_EQ(built.graph->get("water").physical_name, "shop-dev-water");
  EXPECT_EQ(built.graph->get("faucet").physical_name, "pinned-tap");
  // A kind with a role service claims its role's name too, from the rule, not the pin.
  auto claimed = claimed_names(built.graph->get("faucet"), *built.graph);
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[1].name, "shop-dev-faucet-role");
}

TEST(BuildGraph, AnUnknownTargetSuggestsTheNearestComponentOfAFittingKind) {
  const std::string yaml =
      "components:\n  water:\n    kind: pool\n  wafer:\n    kind: tap\n"
      "  faucet:\n    kind: tap\n    feeds: watr\n";
  auto built = build(yaml);
  auto error = find_diagnostic(built.diagnostics, DiagCode::UnknownComponent);
  ASSERT_TRUE(error) << describe(built.diagnostics);
  EXPECT_EQ(error->suggestion, "water") << "a pool, though the tap wafer is as near";
  EXPECT_EQ(error->subject->begin, position_of(yaml, "watr"));
  EXPECT_TRUE(built.graph->get("faucet").has_errors);
  EXPECT_TRUE(built.graph->connections().empty());
}

TEST(BuildGraph, ATargetOfTheWrongKindNamesTheKindsThatFit) {
  auto built = build("components:\n  water:\n    kind: pool\n  other:\n    kind: tap\n"
                     "  faucet:\n    kind: tap\n    feeds: other\n");
  auto error = find_diagnostic(built.diagnostics, DiagCode::WrongComponentKind);
  ASSERT_TRUE(error) << describe(built.diagnostics);
  EXPECT_EQ(error->summary,
            "\"feeds\" of \"faucet\" must name a pool component, but \"other\" is a tap component");
  EXPECT_EQ(error->suggestion, "water");
  ASSERT_EQ(error->related.size(), 1u);
}

TEST(BuildGraph, AReferenceToAComponentThatFailedToDecodeIsNotReportedAgain) {
  auto built = build("components:\n  water:\n    kind: poool\n  faucet:\n    kind: tap\n"
                     "    feeds: water\n");
  EXPECT_TRUE(find_diagnostic(built.diagnostics, DiagCode::UnknownKind));
  EXPECT_FALSE(find_diagnostic(built.diagnostics, DiagCode::UnknownComponent))
      << describe(built.diagnostics);
}

TEST(BuildGraph, TwoComponentsCannotClaimOneAwsName) {
  auto built = build("components:\n  a:\n    kind: pool\n    name: same-name\n"
                     "  b:\n    kind: pool\n    name: same-name\n");
  auto error = find_diagnostic(built.diagnostics, DiagCode::DuplicateAwsName);
  ASSERT_TRUE(error) << describe(built.diagnostics);
  EXPECT_NE(error->summary.find("\"a\" and \"b\""), std::string::npos) << error->summary;
}

}  // namespace
}  // namespace pipectl
