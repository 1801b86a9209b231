#include "support/fake_kinds.h"

#include <gtest/gtest.h>

#include "pipectl/passes/build_graph.h"
#include "pipectl/option_table.h"
#include "pipectl/passes/decode_components.h"
#include "pipectl/yaml_reader.h"

namespace pipectl::testing {
namespace {

class TapKind final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "tap",
        .summary = "A test kind that feeds pools.",
        .options = {OptionSpec::reference("feeds", {"pool"}, "The pool it fills.")
                        .grants(Access::Write),
                    OptionSpec::references("after", {"tap"}, "Taps it starts after."),
                    OptionSpec::reference("wakes", {"tap"}, "A tap it wakes.").outside_exports()},
        .attributes = {{"name", "the tap's name", "aws_test_tap", "name"},
                       {"arn", "the tap's ARN", "aws_test_tap", "arn"}},
        .name_constraints = &names::kKinesisStream,
        .aws_services = {"kinesis"},
        .role_service = "tap.amazonaws.com",
    };
    return kind;
  }
  std::unique_ptr<ComponentConfig> decode(const Component&, const OptionValues&,
                                          Diagnostics&) const override {
    return std::make_unique<ComponentConfig>();
  }
  void render(const Component&, const RenderContext&, TerraformDocument&) const override {}
};

const OptionTable<PoolConfig>& pool_options() {
  static const OptionTable<PoolConfig> table{
      option(&PoolConfig::size,
             OptionSpec::integer("size", "How big.").between(1, 10).or_default(std::int64_t{1})),
  };
  return table;
}

class PoolKind final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "pool",
        .summary = "A test kind that taps fill.",
        .options = pool_options().schema(),
        .attributes = {{"name", "the pool's name", "aws_test_pool", "bucket"},
                       {"arn", "the pool's ARN", "aws_test_pool", "arn"},
                       {"depth", "how deep it is", "aws_test_pool", "depth"}},
        .name_constraints = &names::kS3Bucket,
        .aws_services = {"s3"},
        .role_service = "",
    };
    return kind;
  }
  std::unique_ptr<ComponentConfig> decode(const Component&, const OptionValues& options,
                                          Diagnostics&) const override {
    return std::make_unique<PoolConfig>(pool_options().decode(options));
  }
  void render(const Component&, const RenderContext&, TerraformDocument&) const override {}
};

}  // namespace

const ModuleRegistry& fake_registry() {
  static const ModuleRegistry registry([] {
    std::vector<std::unique_ptr<ModuleKind>> kinds;
    kinds.push_back(std::make_unique<TapKind>());
    kinds.push_back(std::make_unique<PoolKind>());
    return kinds;
  }());
  return registry;
}

LoadedSpec fake_spec(const std::string& yaml) {
  Diagnostics diagnostics;
  auto root = read_yaml(yaml, "spec.yaml", diagnostics);
  EXPECT_TRUE(root && !diagnostics.has_errors()) << "the test's YAML must parse";
  LoadedSpec spec;
  spec.root = root ? std::move(*root) : SpecNode{};
  EnvironmentSettings& settings = spec.settings;
  settings.project = "shop";
  settings.environment = "dev";
  settings.region = "eu-west-1";
  settings.naming.fallback.project = settings.project;
  settings.naming.fallback.environment = settings.environment;
  settings.naming.fallback.region = settings.region;
  settings.spec_display_path = "spec.yaml";
  return spec;
}

ResourceGraph fake_graph(const std::string& yaml, Diagnostics& diagnostics) {
  LoadedSpec spec = fake_spec(yaml);
  auto components = decode_components(spec, fake_registry(), diagnostics);
  std::set<std::string> declared;
  if (const SpecNode* list = spec.root.find("components")) {
    for (const SpecEntry& entry : list->entries) declared.insert(entry.key);
  }
  return build_graph(spec.settings, std::move(components), declared, diagnostics);
}

}  // namespace pipectl::testing
