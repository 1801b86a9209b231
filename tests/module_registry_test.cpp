// Every registered kind describes itself completely, and the core reads what it exports from
// that description alone.

#include "pipectl/module_registry.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "support/test_support.h"

namespace pipectl {
namespace {

TEST(ModuleRegistry, EveryKindHasACompleteDescriptor) {
  const ModuleRegistry& registry = ModuleRegistry::builtin();
  ASSERT_EQ(registry.kind_names(),
            (std::vector<std::string>{"cloudwatch", "firehose", "glue", "kinesis", "lambda", "s3"}));
  for (const auto& kind : registry.kinds()) {
    const KindDescriptor& descriptor = kind->descriptor();
    SCOPED_TRACE(descriptor.name);
    EXPECT_FALSE(descriptor.summary.empty());
    EXPECT_FALSE(descriptor.options.options.empty());
    EXPECT_NE(descriptor.name_constraints, nullptr);
    EXPECT_FALSE(descriptor.aws_services.empty());
    std::set<std::string> exported;
    for (const ExportedAttribute& attribute : descriptor.attributes) {
      EXPECT_TRUE(exported.insert(attribute.name).second) << attribute.name << " twice";
      EXPECT_EQ(attribute.resource_type.rfind("aws_", 0), 0u) << attribute.name;
      EXPECT_FALSE(attribute.resource_attribute.empty()) << attribute.name;
      EXPECT_FALSE(attribute.doc.empty()) << attribute.name;
    }
    EXPECT_TRUE(exported.count("name") && exported.count("arn"));
  }
}

TEST(ModuleRegistry, AnAttributeExpressionComesFromTheDescriptorAndNeverGuesses) {
  auto compiled = testing::compile_text(testing::spec_header() +
                                        "components:\n  lake:\n    kind: s3\n"
                                        "  catalog:\n    kind: glue\n    bucket: lake\n");
  const ResourceGraph& graph = *compiled->compilation.graph;
  const Component& catalog = graph.get("catalog");
  EXPECT_EQ(catalog.kind->attribute_expression(catalog, "database"),
            tf::ref("aws_glue_catalog_database", "catalog", "name"));
  EXPECT_EQ(catalog.kind->attribute_expression(catalog, "arn"),
            tf::ref("aws_glue_crawler", "catalog", "arn"));
  const Component& lake = graph.get("lake");
  EXPECT_EQ(lake.kind->attribute_expression(lake, "name"), tf::ref("aws_s3_bucket", "lake", "bucket"));
  // build_graph rejects unknown attributes, so reaching one here is a bug, not a name.
  EXPECT_THROW(catalog.kind->attribute_expression(catalog, "table"), std::logic_error);
}

}  // namespace
}  // namespace pipectl
