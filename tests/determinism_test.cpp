// Same input, same bytes out: whatever the order components are written in, the folder the
// project lives in, or the working directory pipectl runs from.

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::describe;
using testing::spec_header;
using testing::TestProject;

const char* kComponents[] = {
    "  tick:\n    kind: cloudwatch\n    schedule: rate(1 hour)\n    target: fn\n",
    "  fn:\n    kind: lambda\n    source: fn\n    writes: [events, lake]\n    reads: [lake]\n"
    "    environment: {B: {ref: lake.arn}, A: {ref: events.name}}\n",
    "  events:\n    kind: kinesis\n    shard_level_metrics: [OutgoingBytes, IncomingBytes]\n",
    "  lake:\n    kind: s3\n    versioning: true\n    lifecycle: {noncurrent_expire_days: 3}\n",
    "  delivery:\n    kind: firehose\n    source: events\n    destination: lake\n"
    "    transform: {function: clean, retries: 1}\n",
    "  clean:\n    kind: lambda\n    source: transform\n",
    "  catalog:\n    kind: glue\n    bucket: lake\n    prefix: x/\n",
};

std::map<std::string, std::string> render_in_order(const std::vector<int>& order) {
  TestProject project;
  std::string yaml = spec_header() + "tags: {b: 2, a: 1}\ncomponents:\n";
  for (int index : order) yaml += kComponents[index];
  project.write_spec(yaml);
  Compilation compilation = compile_environment(project.root() / "envs/dev");
  EXPECT_TRUE(compilation.ok()) << describe(compilation.diagnostics);
  return compilation.output.files;
}

TEST(Determinism, ComponentOrderDoesNotChangeTheOutput) {
  auto forward = render_in_order({0, 1, 2, 3, 4, 5, 6});
  auto backward = render_in_order({6, 5, 4, 3, 2, 1, 0});
  auto shuffled = render_in_order({3, 0, 5, 1, 6, 2, 4});
  ASSERT_FALSE(forward.empty());
  EXPECT_EQ(forward, backward);
  EXPECT_EQ(forward, shuffled);
}

TEST(Determinism, TheProjectsLocationAndTheWorkingDirectoryDoNotMatter) {
  TestProject first;
  TestProject second;
  std::string yaml = spec_header() + "components:\n" + kComponents[1] + kComponents[2] + kComponents[3];
  first.write_spec(yaml);
  second.write_spec(yaml);
  auto a = compile_environment(first.root() / "envs/dev");
  auto cwd = fs::current_path();
  fs::current_path(second.root() / "envs");
  auto b = compile_environment("dev");
  fs::current_path(cwd);
  ASSERT_TRUE(a.ok() && b.ok()) << describe(b.diagnostics);
  EXPECT_EQ(a.output.files, b.output.files);
}

}  // namespace
}  // namespace pipectl
