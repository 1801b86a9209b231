#include "pipectl/passes/write_output.h"

#include <gtest/gtest.h>

#include <thread>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::TempDir;
using testing::write_file;

RenderedOutput output(std::map<std::string, std::string> files) { return {std::move(files)}; }

TEST(WriteOutput, WritesFilesAndAManifestOfThem) {
  TempDir dir;
  Diagnostics diagnostics;
  auto report = write_output(output({{"a.tf.json", "{}\n"}, {"artifacts/f.zip", "zip"}}),
                             dir.path() / "out", diagnostics);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->written, (std::vector<std::string>{"a.tf.json", "artifacts/f.zip"}));
  EXPECT_EQ(read_text(dir.path() / "out/a.tf.json"), "{}\n");
  auto manifest = nlohmann::json::parse(read_text(dir.path() / "out" / kManifestFileName));
  EXPECT_EQ(manifest["files"], nlohmann::json({"a.tf.json", "artifacts/f.zip"}));
}

TEST(WriteOutput, UnchangedFilesKeepTheirBytesAndMtime) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "{}\n"}}), dir.path(), diagnostics));
  auto before = fs::last_write_time(dir.path() / "a.tf.json");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto report = write_output(output({{"a.tf.json", "{}\n"}}), dir.path(), diagnostics);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->unchanged, (std::vector<std::string>{"a.tf.json"}));
  EXPECT_TRUE(report->written.empty());
  EXPECT_EQ(fs::last_write_time(dir.path() / "a.tf.json"), before);
}

TEST(WriteOutput, RemovesOnlyFilesItGeneratedBefore) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}, {"old.tf.json", "2"}}), dir.path(),
                           diagnostics));
  write_file(dir.path() / "provider_override.tf.json", "mine");
  write_file(dir.path() / ".terraform.lock.hcl", "lock");
  write_file(dir.path() / ".terraform/providers/x", "binary");
  auto report = write_output(output({{"a.tf.json", "1b"}}), dir.path(), diagnostics);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->removed, (std::vector<std::string>{"old.tf.json"}));
  EXPECT_EQ(report->written, (std::vector<std::string>{"a.tf.json"}));
  EXPECT_FALSE(fs::exists(dir.path() / "old.tf.json"));
  EXPECT_EQ(read_text(dir.path() / "provider_override.tf.json"), "mine");
  EXPECT_EQ(read_text(dir.path() / ".terraform.lock.hcl"), "lock");
  EXPECT_EQ(read_text(dir.path() / ".terraform/providers/x"), "binary");
}

TEST(WriteOutput, RefusesToOverwriteAFileItDidNotCreateAndWritesNothing) {
  TempDir dir;
  write_file(dir.path() / "main.tf.json", "user's own");
  Diagnostics diagnostics;
  auto report = write_output(output({{"main.tf.json", "ours"}, {"b.tf.json", "b"}}), dir.path(),
                             diagnostics);
  EXPECT_FALSE(report);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].kind, DiagCode::OutputConflict);
  EXPECT_EQ(read_text(dir.path() / "main.tf.json"), "user's own");
  EXPECT_FALSE(fs::exists(dir.path() / "b.tf.json"));
  EXPECT_FALSE(fs::exists(dir.path() / kManifestFileName));
}

TEST(WriteOutput, ADanglingSymlinkOrAFolderInTheWayIsAConflict) {
  TempDir dir;
  fs::create_symlink(dir.path() / "nowhere", dir.path() / "a.tf.json");
  fs::create_directories(dir.path() / "b.tf.json");
  Diagnostics diagnostics;
  EXPECT_FALSE(write_output(output({{"a.tf.json", "1"}, {"b.tf.json", "2"}}), dir.path(), diagnostics));
  EXPECT_EQ(diagnostics.error_count(), 2u);
  EXPECT_TRUE(fs::is_symlink(dir.path() / "a.tf.json"));
}

TEST(WriteOutput, AnArtifactsFolderOfTheUsersIsLeftAlone) {
  TempDir dir;
  fs::create_directories(dir.path() / "artifacts");
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}}), dir.path(), diagnostics));
  EXPECT_TRUE(fs::is_directory(dir.path() / "artifacts"));
}

TEST(WriteOutput, RemovesTheArtifactsFolderOnceItsLastArtifactIsGone) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"artifacts/f.zip", "z"}}), dir.path(), diagnostics));
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}}), dir.path(), diagnostics));
  EXPECT_FALSE(fs::exists(dir.path() / "artifacts"));
}

TEST(WriteOutput, AStaleFileThatCannotBeRemovedIsKeptInTheManifestWithAWarning) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}, {"old.tf.json", "2"}}), dir.path(), diagnostics));
  // Someone replaced the stale file with a folder holding their own work: it cannot be removed.
  fs::remove(dir.path() / "old.tf.json");
  write_file(dir.path() / "old.tf.json/notes.txt", "mine");
  auto report = write_output(output({{"a.tf.json", "1"}}), dir.path(), diagnostics);
  ASSERT_TRUE(report);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].kind, DiagCode::StaleOutputKept);
  EXPECT_EQ(read_text(dir.path() / "old.tf.json/notes.txt"), "mine");
  auto manifest = nlohmann::json::parse(read_text(dir.path() / kManifestFileName));
  EXPECT_EQ(manifest["files"], nlohmann::json({"a.tf.json", "old.tf.json"}));
}

TEST(WriteOutput, AdoptsAnIdenticalFileAlreadyThere) {
  TempDir dir;
  write_file(dir.path() / "a.tf.json", "same");
  Diagnostics diagnostics;
  auto report = write_output(output({{"a.tf.json", "same"}}), dir.path(), diagnostics);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->unchanged, (std::vector<std::string>{"a.tf.json"}));
}

TEST(WriteOutput, NeverDeletesOutsideTheDirectoryWhateverTheManifestSays) {
  TempDir dir;
  write_file(dir.path() / "victim.txt", "keep me");
  write_file(dir.path() / "out" / kManifestFileName,
             R"({"files": ["../victim.txt", "/etc/hostname"]})");
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}}), dir.path() / "out", diagnostics));
  EXPECT_EQ(read_text(dir.path() / "victim.txt"), "keep me");
}

TEST(WriteOutput, AnOutputPathThatIsAFileIsAnError) {
  TempDir dir;
  write_file(dir.path() / "file", "x");
  Diagnostics diagnostics;
  EXPECT_FALSE(write_output(output({{"a.tf.json", "1"}}), dir.path() / "file", diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].kind, DiagCode::WriteFailed);
}

}  // namespace
}  // namespace pipectl
