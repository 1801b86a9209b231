// decode_components, on two test kinds (support/fake_kinds.h): each entry of `components:`
// becomes a Component with its kind, its checked options and the references it makes; what
// cannot be decoded is reported and, where nothing useful is left, left out.

#include "pipectl/passes/decode_components.h"

#include <gtest/gtest.h>

#include "support/fake_kinds.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::describe;
using testing::fake_registry;
using testing::fake_spec;
using testing::find_diagnostic;
using testing::position_of;

struct Decoded {
  std::vector<Component> components;
  Diagnostics diagnostics;
};

Decoded decode(const std::string& yaml) {
  Decoded result;
  result.components = decode_components(fake_spec(yaml), fake_registry(), result.diagnostics);
  return result;
}

TEST(DecodeComponents, KeepTheSpecsOrderKindOptionsAndReferences) {
  const std::string yaml =
      "components:\n  zeta:\n    kind: pool\n    size: 3\n  alpha:\n    kind: tap\n"
      "    feeds: zeta\n    after: [beta]\n";
  auto decoded = decode(yaml);
  ASSERT_TRUE(decoded.diagnostics.empty()) << describe(decoded.diagnostics);
  ASSERT_EQ(decoded.components.size(), 2u);
  const Component& pool = decoded.components[0];
  EXPECT_EQ(pool.name, "zeta");
  EXPECT_EQ(pool.kind->name(), "pool");
  EXPECT_EQ(pool.config_as<testing::PoolConfig>().size.value, 3);
  EXPECT_EQ(pool.config_as<testing::PoolConfig>().size.at.begin, position_of(yaml, "3\n"));
  EXPECT_EQ(pool.declared_at.begin, position_of(yaml, "zeta:"));
  EXPECT_FALSE(pool.has_errors);

  const Component& tap = decoded.components[1];
  ASSERT_EQ(tap.references.size(), 2u);
  EXPECT_EQ(tap.references[0].option, "feeds");
  EXPECT_EQ(tap.references[0].target, "zeta");
  EXPECT_EQ(tap.references[0].access, Access::Write);
  EXPECT_EQ(tap.references[1].option, "after");
  EXPECT_FALSE(tap.references[1].access.has_value());
}

TEST(DecodeComponents, AnUnknownKindIsReportedWithTheNearestAndTheComponentLeftOut) {
  const std::string yaml = "components:\n  a:\n    kind: poll\n  b:\n    kind: pool\n";
  auto decoded = decode(yaml);
  auto error = find_diagnostic(decoded.diagnostics, DiagCode::UnknownKind);
  ASSERT_TRUE(error) << describe(decoded.diagnostics);
  EXPECT_EQ(error->suggestion, "pool");
  EXPECT_EQ(error->subject->begin, position_of(yaml, "poll"));
  ASSERT_EQ(decoded.components.size(), 1u);
  EXPECT_EQ(decoded.components[0].name, "b");
}

TEST(DecodeComponents, BadOptionsAreReportedAndTheComponentIsKeptMarked) {
  auto decoded = decode("components:\n  p:\n    kind: pool\n    size: 11\n  q:\n    kind: pool\n");
  EXPECT_TRUE(find_diagnostic(decoded.diagnostics, DiagCode::OutOfRange));
  ASSERT_EQ(decoded.components.size(), 2u);
  EXPECT_TRUE(decoded.components[0].has_errors) << "later checks skip it";
  EXPECT_FALSE(decoded.components[1].has_errors) << "and still check the others";
}

TEST(DecodeComponents, NamesMustBeUsableInAwsNamesAndFiles) {
  auto decoded = decode(
      "components:\n  Bad_Name:\n    kind: pool\n  outputs:\n    kind: pool\n"
      "  a--b:\n    kind: pool\n  fine:\n    kind: pool\n");
  std::size_t invalid = 0;
  for (const Diagnostic& d : decoded.diagnostics.items()) {
    invalid += d.kind == DiagCode::InvalidComponentName;
  }
  EXPECT_EQ(invalid, 3u) << describe(decoded.diagnostics);
  ASSERT_EQ(decoded.components.size(), 1u);
  EXPECT_EQ(decoded.components[0].name, "fine");
}

TEST(DecodeComponents, AMisspeltKindKeyIsPointedAtWhereItIsWritten) {
  const std::string yaml = "components:\n  p:\n    knd: pool\n";
  auto decoded = decode(yaml);
  auto error = find_diagnostic(decoded.diagnostics, DiagCode::UnknownKey);
  ASSERT_TRUE(error) << describe(decoded.diagnostics);
  EXPECT_EQ(error->suggestion, "kind");
  EXPECT_EQ(error->subject->begin, position_of(yaml, "knd"));
  EXPECT_TRUE(decoded.components.empty());
}

}  // namespace
}  // namespace pipectl
