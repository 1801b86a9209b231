#include "pipectl/passes/write_output.h"

#include <algorithm>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::TempDir;
using testing::write_file;

RenderedOutput output(std::map<std::string, std::string> files) { return {std::move(files), {}}; }

RenderedOutput local_output(std::map<std::string, std::string> files) {
  return {std::move(files), OutputTarget{"http://127.0.0.1:5000"}};
}

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

TEST(WriteOutput, ANewOutputDirectoryHasTheModeAnyNewDirectoryWouldHave) {
  // It is assembled in a private mkdtemp folder (0700) and renamed into place.
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "{}\n"}}), dir.path() / "out", diagnostics));
  fs::create_directory(dir.path() / "plain");
  EXPECT_EQ(fs::status(dir.path() / "out").permissions(),
            fs::status(dir.path() / "plain").permissions());
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

/// The whole directory, file by file (the manifest included).
std::map<std::string, std::string> snapshot(const fs::path& directory) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file()) {
      files[entry.path().lexically_relative(directory).generic_string()] = read_text(entry.path());
    }
  }
  return files;
}

TEST(WriteOutput, AKilledRenderLeavesThePreviousOutputOrTheNewOneNeverAMixture) {
  TempDir dir;
  std::map<std::string, std::string> before_files, after_files;
  for (int i = 0; i < 200; ++i) {
    std::string name = "f" + std::to_string(i) + ".tf.json";
    before_files[name] = "before " + std::to_string(i);
    after_files[name] = "after " + std::to_string(i);
  }
  fs::path out = dir.path() / "out";
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output(before_files), out, diagnostics));
  write_file(out / "terraform.tfstate", "the user's state");
  auto before = snapshot(out);
  // The delay before the kill doubles until a render has been seen to finish, so the kills land
  // before, during and after the swap; both outcomes must then have been observed, or the test
  // did not exercise what it claims to.
  int saw_before = 0, saw_after = 0;
  useconds_t delay = 50;
  for (int attempt = 0; attempt < 60 && (saw_after < 3 || saw_before < 3); ++attempt) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      Diagnostics ignored;
      write_output(output(after_files), out, ignored);
      ::_exit(0);
    }
    ::usleep(delay + static_cast<useconds_t>(attempt % 4) * delay / 4);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    auto now = snapshot(out);
    ASSERT_EQ(now.at("terraform.tfstate"), "the user's state");
    if (now == before) {
      ++saw_before;
      if (saw_after == 0) delay = std::min<useconds_t>(delay * 2, 2000000);
      continue;
    }
    ASSERT_EQ(now.at("f0.tf.json"), "after 0") << "neither the old nor the new output";
    for (const auto& [name, bytes] : after_files) ASSERT_EQ(now.at(name), bytes) << name;
    ++saw_after;
    // Put the old output back for the next round.
    ASSERT_TRUE(write_output(output(before_files), out, diagnostics));
    before = snapshot(out);
  }
  EXPECT_GT(saw_before, 0) << "no kill landed before the swap";
  EXPECT_GT(saw_after, 0) << "no render finished before its kill";
  // A later render cleans up what a killed one left next to the output.
  ASSERT_TRUE(write_output(output(after_files), out, diagnostics));
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".pipectl-staging-"), std::string::npos)
        << entry.path();
  }
}

TEST(WriteOutput, ARenderKilledAfterItsSwapLeavesStagingThatTheNextRenderRemovesEvenIfCurrent) {
  TempDir dir;
  fs::path out = dir.path() / "out";
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}}), out, diagnostics));
  write_file(dir.path() / ".out.pipectl-staging-12345/a.tf.json", "the previous output");
  auto report = write_output(output({{"a.tf.json", "1"}}), out, diagnostics);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->written.empty());
  EXPECT_FALSE(fs::exists(dir.path() / ".out.pipectl-staging-12345"));
}

TEST(WriteOutputTarget, TheManifestRecordsTheTargetItWasRenderedFor) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(local_output({{"a.tf.json", "1"}}), dir.path() / "local", diagnostics));
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}}), dir.path() / "real", diagnostics));
  auto local = nlohmann::json::parse(read_text(dir.path() / "local" / kManifestFileName));
  auto real = nlohmann::json::parse(read_text(dir.path() / "real" / kManifestFileName));
  EXPECT_EQ(local["target"], nlohmann::json({{"endpoint", "http://127.0.0.1:5000"}}));
  EXPECT_EQ(real["target"], nlohmann::json({{"aws", "account"}}));
}

TEST(WriteOutputTarget, ARealAccountRenderIntoALocalDirectoryIsRefusedAndWritesNothing) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(local_output({{"a.tf.json", "local"}}), dir.path(), diagnostics));
  write_file(dir.path() / "terraform.tfstate", "emulator state");
  auto before = snapshot(dir.path());
  Diagnostics refused;
  EXPECT_FALSE(write_output(output({{"a.tf.json", "real"}}), dir.path(), refused));
  ASSERT_EQ(refused.error_count(), 1u);
  EXPECT_EQ(refused.items()[0].kind, DiagCode::TargetMismatch);
  EXPECT_NE(refused.items()[0].summary.find("the local endpoint http://127.0.0.1:5000"),
            std::string::npos)
      << refused.items()[0].summary;
  EXPECT_NE(refused.items()[0].detail.find("--switch-target"), std::string::npos);
  EXPECT_EQ(snapshot(dir.path()), before);
}

TEST(WriteOutputTarget, ALocalRenderIntoARealAccountDirectoryIsRefusedToo) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "real"}}), dir.path(), diagnostics));
  Diagnostics refused;
  EXPECT_FALSE(write_output(local_output({{"a.tf.json", "local"}}), dir.path(), refused));
  ASSERT_EQ(refused.error_count(), 1u);
  EXPECT_EQ(refused.items()[0].kind, DiagCode::TargetMismatch);
  EXPECT_EQ(read_text(dir.path() / "a.tf.json"), "real");
  EXPECT_FALSE(compare_output(local_output({{"a.tf.json", "local"}}), dir.path(), refused));
}

TEST(WriteOutputTarget, ASwitchAskedForIsMadeAndNamesTheStateLeftBehind) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(local_output({{"a.tf.json", "local"}}), dir.path(), diagnostics));
  write_file(dir.path() / "terraform.tfstate", "emulator state");
  write_file(dir.path() / "pipectl.tfplan", "plan");
  Diagnostics switched;
  WriteOptions options;
  options.allow_target_switch = true;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "real"}}), dir.path(), switched, options));
  EXPECT_EQ(read_text(dir.path() / "a.tf.json"), "real");
  EXPECT_EQ(read_text(dir.path() / "terraform.tfstate"), "emulator state");  // never deleted
  ASSERT_EQ(switched.size(), 1u);
  EXPECT_EQ(switched.items()[0].kind, DiagCode::TargetSwitched);
  EXPECT_NE(switched.items()[0].detail.find("pipectl.tfplan, terraform.tfstate"), std::string::npos)
      << switched.items()[0].detail;
  // From now on the directory belongs to the real account.
  Diagnostics again;
  EXPECT_TRUE(write_output(output({{"a.tf.json", "real"}}), dir.path(), again));
  EXPECT_TRUE(again.empty());
}

TEST(WriteOutputTarget, ADirectoryRenderedBeforeTargetsWereRecordedIsJudgedByItsProvider) {
  TempDir dir;
  write_file(dir.path() / kManifestFileName, R"({"files": ["terraform.tf.json"]})");
  write_file(dir.path() / "terraform.tf.json",
             R"({"provider": {"aws": {"endpoints": {"s3": "http://localhost:5000"}}}})");
  Diagnostics refused;
  EXPECT_FALSE(write_output(output({{"terraform.tf.json", "{}"}}), dir.path(), refused));
  ASSERT_EQ(refused.error_count(), 1u);
  EXPECT_EQ(refused.items()[0].kind, DiagCode::TargetMismatch);
  Diagnostics accepted;
  write_file(dir.path() / "terraform.tf.json",
             R"({"provider": {"aws": {"endpoints": {"s3": "http://127.0.0.1:5000"}}}})");
  EXPECT_TRUE(write_output(local_output({{"terraform.tf.json", "{}"}}), dir.path(), accepted));
  EXPECT_TRUE(accepted.empty());
}

TEST(WriteOutput, CompareOutputListsWhatWouldChangeWithoutWriting) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}, {"b.tf.json", "2"}, {"c.tf.json", "3"}}),
                           dir.path(), diagnostics));
  auto before = snapshot(dir.path());
  auto changes = compare_output(output({{"a.tf.json", "1"}, {"b.tf.json", "changed"}, {"d.tf.json", "4"}}),
                                dir.path(), diagnostics);
  ASSERT_TRUE(changes);
  EXPECT_EQ(changes->unchanged, (std::vector<std::string>{"a.tf.json"}));
  EXPECT_EQ(changes->changed, (std::vector<std::string>{"b.tf.json"}));
  EXPECT_EQ(changes->added, (std::vector<std::string>{"d.tf.json"}));
  EXPECT_EQ(changes->removed, (std::vector<std::string>{"c.tf.json"}));
  EXPECT_EQ(snapshot(dir.path()), before);
}

TEST(WriteOutput, UserFilesAndFoldersSurviveTheSwap) {
  TempDir dir;
  Diagnostics diagnostics;
  ASSERT_TRUE(write_output(output({{"a.tf.json", "1"}}), dir.path() / "out", diagnostics));
  write_file(dir.path() / "out/.terraform/providers/big-binary", std::string(1 << 20, 'x'));
  fs::create_symlink("providers/big-binary", dir.path() / "out/.terraform/link");
  fs::permissions(dir.path() / "out/.terraform/providers/big-binary", fs::perms::owner_all);
  auto inode_before = fs::hard_link_count(dir.path() / "out/.terraform/providers/big-binary");
  ASSERT_TRUE(write_output(output({{"a.tf.json", "2"}}), dir.path() / "out", diagnostics));
  EXPECT_EQ(read_text(dir.path() / "out/a.tf.json"), "2");
  EXPECT_EQ(read_text(dir.path() / "out/.terraform/providers/big-binary").size(), 1u << 20);
  EXPECT_EQ(fs::read_symlink(dir.path() / "out/.terraform/link"), "providers/big-binary");
  EXPECT_EQ(fs::status(dir.path() / "out/.terraform/providers/big-binary").permissions(),
            fs::perms::owner_all);
  EXPECT_EQ(fs::hard_link_count(dir.path() / "out/.terraform/providers/big-binary"), inode_before);
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
