#include "pipectl/passes/load_spec.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::describe;
using testing::TestProject;

struct Loaded {
  SourceFiles sources;
  Diagnostics diagnostics;
  std::optional<LoadedSpec> spec;
};

std::unique_ptr<Loaded> load(const std::filesystem::path& path) {
  auto result = std::make_unique<Loaded>();
  result->spec = load_spec(path, result->sources, result->diagnostics);
  return result;
}

TEST(LoadSpec, ReadsTopLevelSettings) {
  TestProject project;
  project.write_spec(
      "project: shop\nenvironment: dev\nregion: eu-west-1\ntags: {team: data}\n"
      "terraform: {aws_provider: \"~> 6.0\"}\ncomponents: {}\n");
  auto loaded = load(project.root() / "envs/dev");
  ASSERT_TRUE(loaded->spec) << describe(loaded->diagnostics);
  EXPECT_FALSE(loaded->diagnostics.has_errors()) << describe(loaded->diagnostics);
  const EnvironmentSettings& settings = loaded->spec->settings;
  EXPECT_EQ(settings.project, "shop");
  EXPECT_EQ(settings.environment, "dev");
  EXPECT_EQ(settings.region, "eu-west-1");
  EXPECT_EQ(settings.naming.fallback.pattern, "{project}-{env}-{name}");
  EXPECT_EQ(settings.tags.at("team"), "data");
  EXPECT_EQ(settings.terraform.aws_provider_version, "~> 6.0");
  EXPECT_EQ(settings.terraform.required_version, ">= 1.5.0");
  EXPECT_EQ(settings.spec_project_path, "envs/dev/pipeline.yaml");
  EXPECT_EQ(settings.lambda_sources, std::filesystem::weakly_canonical(project.root()) / "lambda_sources");
}

TEST(LoadSpec, ExtendsMergesTheBaseAndKeepsEachValuesFile) {
  TestProject project;
  project.write("envs/base.yaml",
                "project: shop\nregion: eu-west-1\ntags: {team: data, tier: gold}\n"
                "components:\n  stream: {kind: kinesis, shards: 2}\n");
  project.write_spec("extends: ../base.yaml\nenvironment: dev\ntags: {tier: silver}\n"
                     "components:\n  stream: {shards: 1}\n");
  auto loaded = load(project.root() / "envs/dev");
  ASSERT_TRUE(loaded->spec) << describe(loaded->diagnostics);
  EXPECT_FALSE(loaded->diagnostics.has_errors()) << describe(loaded->diagnostics);
  EXPECT_EQ(loaded->spec->settings.project, "shop");
  EXPECT_EQ(loaded->spec->settings.tags.at("team"), "data");
  EXPECT_EQ(loaded->spec->settings.tags.at("tier"), "silver");
  const SpecNode* stream = loaded->spec->root.find("components")->find("stream");
  EXPECT_EQ(stream->find("kind")->range.file, (project.root() / "envs/base.yaml").string());
  EXPECT_EQ(stream->find("shards")->text, "1");
  EXPECT_EQ(loaded->spec->settings.files.size(), 2u);
}

TEST(LoadSpec, ErrorsAboutAnInheritedComponentPointAtItsDeclaration) {
  // The base's function uses the default handler, which its folder does not define; the
  // environment only changes the timeout. The error belongs to the component in the base.
  TestProject project;
  project.write("lambda_sources/odd/main.py", "def run(event, context):\n    return 1\n");
  project.write("envs/base.yaml",
                "project: shop\nregion: eu-west-1\ncomponents:\n  fn:\n    kind: lambda\n"
                "    source: odd\n");
  project.write_spec("extends: ../base.yaml\nenvironment: dev\ncomponents:\n  fn:\n    timeout: 10\n");
  Compilation compilation = compile_environment(project.root() / "envs/dev");
  auto error = testing::find_diagnostic(compilation.diagnostics, DiagCode::HandlerNotFound);
  ASSERT_TRUE(error) << describe(compilation.diagnostics);
  EXPECT_EQ(error->subject->file, (project.root() / "envs/base.yaml").string());
  EXPECT_EQ(error->subject->begin, (SourcePos{4, 3}));
  EXPECT_EQ(error->suggestion, "main.run");
}

TEST(LoadSpec, ReportsAnExtendsCycleWithTheChain) {
  TestProject project;
  project.write("envs/a.yaml", "extends: b.yaml\n");
  project.write("envs/b.yaml", "extends: a.yaml\n");
  project.write_spec("extends: ../a.yaml\n");
  auto loaded = load(project.root() / "envs/dev");
  EXPECT_FALSE(loaded->spec);
  ASSERT_EQ(loaded->diagnostics.size(), 1u);
  const Diagnostic& d = loaded->diagnostics.items()[0];
  EXPECT_EQ(d.kind, DiagCode::ExtendsCycle);
  EXPECT_EQ(d.subject->begin, (SourcePos{1, 10}));
  EXPECT_NE(d.detail.find("a.yaml → " + (project.root() / "envs/b.yaml").string() + " → "),
            std::string::npos)
      << d.detail;
}

TEST(LoadSpec, MissingBaseIsReportedAtTheExtendsValue) {
  TestProject project;
  project.write_spec("extends: ../nope.yaml\nproject: shop\n");
  auto loaded = load(project.root() / "envs/dev");
  ASSERT_EQ(loaded->diagnostics.size(), 1u);
  const Diagnostic& d = loaded->diagnostics.items()[0];
  EXPECT_EQ(d.kind, DiagCode::SpecNotFound);
  EXPECT_EQ(d.subject->begin, (SourcePos{1, 10}));
}

TEST(LoadSpec, MissingEnvironmentSuggestsASimilarOne) {
  TestProject project;
  project.write_spec(testing::spec_header() + "components: {}\n", "prod");
  auto loaded = load(project.root() / "envs/prd");
  ASSERT_EQ(loaded->diagnostics.size(), 1u);
  const Diagnostic& d = loaded->diagnostics.items()[0];
  EXPECT_EQ(d.kind, DiagCode::SpecNotFound);
  EXPECT_FALSE(d.subject);
  EXPECT_EQ(d.suggestion, (project.root() / "envs/prod").string());
}

TEST(LoadSpec, ReportsEveryTopLevelProblemAtOnce) {
  TestProject project;
  project.write_spec(
      "projekt: shop\nenvironment: Prod\nregion: eu-wset-1\nnaming: \"{project}-{nam}\"\n"
      "terraform: {aws_provider: \"newest\"}\ncomponents: {}\n");
  auto loaded = load(project.root() / "envs/dev");
  std::string all = describe(loaded->diagnostics);
  EXPECT_NE(all.find(":1:1: PC1003 Unknown key \"projekt\" in the spec"), std::string::npos) << all;
  EXPECT_NE(all.find("PC1005 Missing required key \"project\" in the spec"), std::string::npos) << all;
  EXPECT_NE(all.find(":2:14: PC1007 \"environment\" must be lowercase"), std::string::npos) << all;
  EXPECT_NE(all.find(":3:9: PC1014 Unknown AWS region \"eu-wset-1\""), std::string::npos) << all;
  EXPECT_NE(all.find("PC1012 Unknown placeholder {nam} in naming rule"), std::string::npos) << all;
  EXPECT_NE(all.find("PC1007 \"newest\" is not a Terraform version constraint"), std::string::npos)
      << all;
}

TEST(LoadSpec, WellFormedButUnknownRegionIsOnlyAWarning) {
  TestProject project;
  project.write_spec("project: shop\nenvironment: dev\nregion: eu-west-9\ncomponents: {}\n");
  auto loaded = load(project.root() / "envs/dev");
  EXPECT_FALSE(loaded->diagnostics.has_errors());
  ASSERT_EQ(loaded->diagnostics.warning_count(), 1u);
  EXPECT_EQ(loaded->diagnostics.items()[0].kind, DiagCode::UnknownRegion);
}

TEST(LoadSpec, TheDefaultOutputDirectoryIsBesideTheSpecAndApartForLocalEndpointMode) {
  EXPECT_EQ(default_output_directory("envs/prod", false), std::filesystem::path("envs/prod/terraform"));
  EXPECT_EQ(default_output_directory("envs/prod", true),
            std::filesystem::path("envs/prod/terraform-local"));
}

TEST(LoadSpec, NamingMayGiveARulePerKind) {
  auto compiled = testing::compile_text(
      "project: shop\nenvironment: dev\nregion: eu-west-1\n"
      "naming:\n  default: \"{project}-{env}-{name}\"\n  s3: \"{project}-{env}-{name}-{account}\"\n"
      "components:\n  lake: {kind: s3}\n  events: {kind: kinesis}\n"
      "  fn: {kind: lambda, source: fn, writes: [lake]}\n");
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  const auto& graph = *compiled->compilation.graph;
  EXPECT_EQ(graph.get("lake").physical_name, "shop-dev-lake-{account}");
  EXPECT_EQ(graph.get("events").physical_name, "shop-dev-events");
  auto lake = testing::rendered(compiled->compilation, "lake.tf.json");
  EXPECT_EQ(lake["resource"]["aws_s3_bucket"]["lake"]["bucket"],
            "shop-dev-lake-${data.aws_caller_identity.current.account_id}");
  // The function's grant names the bucket exactly as it will be called.
  auto fn = testing::rendered(compiled->compilation, "fn.tf.json");
  EXPECT_NE(fn["data"]["aws_iam_policy_document"]["fn_permissions"].dump().find(
                "s3:::shop-dev-lake-${data.aws_caller_identity.current.account_id}/*"),
            std::string::npos);
}

TEST(LoadSpec, NamingRulesPerKindAreCheckedLikeTheDefault) {
  const std::string yaml =
      "project: shop\nenvironment: dev\nregion: eu-west-1\n"
      "naming:\n  s4: \"{project}-{env}-{name}-{account}\"\n  lambda: \"{project}-{nam}\"\n"
      "components:\n  lake: {kind: s3}\n";
  auto compiled = testing::compile_text(yaml);
  auto unknown = testing::find_diagnostic(compiled->compilation.diagnostics, DiagCode::UnknownKey);
  ASSERT_TRUE(unknown) << describe(compiled->compilation.diagnostics);
  EXPECT_EQ(unknown->summary, "Unknown key \"s4\" in \"naming\" of the spec");
  EXPECT_EQ(unknown->suggestion, "s3");
  const Diagnostic* placeholder = nullptr;
  for (const auto& d : compiled->compilation.diagnostics.items()) {
    if (d.summary == "Unknown placeholder {nam} in naming rule") placeholder = &d;
  }
  ASSERT_TRUE(placeholder) << describe(compiled->compilation.diagnostics);
  EXPECT_EQ(placeholder->subject->begin.line, testing::position_of(yaml, "lambda:").line);
  EXPECT_EQ(placeholder->suggestion, "{name}");

  auto listed = testing::compile_text("project: shop\nenvironment: dev\nregion: eu-west-1\n"
                                      "naming: [a, b]\ncomponents:\n  lake: {kind: s3}\n");
  auto wrong = testing::find_diagnostic(listed->compilation.diagnostics, DiagCode::WrongType);
  ASSERT_TRUE(wrong) << describe(listed->compilation.diagnostics);
  EXPECT_EQ(wrong->summary, "\"naming\" must be a rule or a mapping of kinds to rules, not a list");
}

TEST(LoadSpec, AComponentWithoutKindInAnExtendingFileSuggestsTheBasesNearest) {
  TestProject project;
  project.write("envs/base.yaml",
                "project: shop\nregion: eu-west-1\ncomponents:\n  archive:\n    kind: s3\n");
  project.write_spec("extends: ../base.yaml\nenvironment: dev\ncomponents:\n  arhive:\n"
                     "    versioning: true\n");
  Compilation compilation = compile_environment(project.root() / "envs/dev");
  auto error = testing::find_diagnostic(compilation.diagnostics, DiagCode::MissingRequired);
  ASSERT_TRUE(error) << describe(compilation.diagnostics);
  EXPECT_EQ(error->summary, "Component \"arhive\" has no kind, and no base file defines it");
  EXPECT_EQ(error->suggestion, "archive");
  EXPECT_EQ(error->subject->begin, (SourcePos{4, 3}));

  // Without a base to misspell, a new component only needs its kind.
  auto alone = testing::compile_text(testing::spec_header() + "components:\n  archive:\n    versioning: true\n");
  auto plain = testing::find_diagnostic(alone->compilation.diagnostics, DiagCode::MissingRequired);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->summary, "Component \"archive\" has no kind");
  EXPECT_EQ(plain->suggestion, "");
}

}  // namespace
}  // namespace pipectl
