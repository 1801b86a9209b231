// The pipectl executable as users run it: commands, help, exit codes, output streams.

#include <gtest/gtest.h>
#include <sstream>
#include <set>
#include <iterator>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_command;
using testing::shell_quote;
using testing::spec_header;
using testing::TempDir;
using testing::TestProject;

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

Run pipectl(const std::string& arguments) {
  TempDir capture;
  auto out = capture.path() / "out";
  auto err = capture.path() / "err";
  std::string command = shell_quote(PIPECTL_BINARY) + " " + arguments + " >" +
                        shell_quote(out.string()) + " 2>" + shell_quote(err.string()) +
                        " </dev/null";
  int status = std::system(command.c_str());
  Run run;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = fs::exists(out) ? read_text(out) : "";
  run.err = fs::exists(err) ? read_text(err) : "";
  return run;
}

std::string valid_spec() {
  return spec_header() + "components:\n  lake:\n    kind: s3\n  fn:\n    kind: lambda\n"
                         "    source: fn\n    writes: [lake]\n";
}

TEST(Cli, VersionAndHelp) {
  auto version = pipectl("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.out, std::string("pipectl ") + PIPECTL_VERSION + "\n");
  for (const char* command : {"", "render ", "validate ", "explain ", "check ", "plan ", "apply ",
                              "destroy ", "output ", "tf "}) {
    auto help = pipectl(std::string(command) + "--help");
    EXPECT_EQ(help.status, 0) << command;
    EXPECT_NE(help.out.find("Usage:"), std::string::npos) << command << help.out;
  }
  EXPECT_NE(pipectl("--help").out.find("Exit codes"), std::string::npos);
}

TEST(Cli, EveryCommandsHelpListsTheGlobalOptionsItAccepts) {
  for (const char* command : {"render", "validate", "explain", "check", "plan", "apply", "destroy",
                              "output", "tf"}) {
    auto help = pipectl(std::string(command) + " --help");
    for (const char* option : {"--format", "--strict", "-q,--quiet", "-v,--verbose", "--color"}) {
      EXPECT_NE(help.out.find(option), std::string::npos) << command << " --help lacks " << option;
    }
  }
  // Commands that run terraform say where terraform's own arguments go.
  EXPECT_NE(pipectl("plan --help").out.find("after `--`"), std::string::npos);
  EXPECT_NE(pipectl("--help").out.find("Commands that render, then run terraform:"), std::string::npos);
}

TEST(Cli, AnUnknownCommandIsNamedWithTheNearestOne) {
  auto typo = pipectl("destory envs/prod");
  EXPECT_EQ(typo.status, 1);
  EXPECT_EQ(typo.err.rfind("pipectl: error: unknown command \"destory\"; did you mean \"destroy\"?\n", 0),
            0u)
      << typo.err;
  EXPECT_NE(typo.err.find("Commands: render, validate, check, explain, plan, apply, destroy, "
                          "output, tf."),
            std::string::npos)
      << typo.err;
  // A path where the command belongs: the command comes first. Options before it are skipped.
  auto path = pipectl("--color never envs/prod");
  EXPECT_EQ(path.status, 1);
  EXPECT_NE(path.err.find("unknown command \"envs/prod\""), std::string::npos) << path.err;
  EXPECT_NE(path.err.find("A command comes first, then the environment: pipectl render envs/prod"),
            std::string::npos)
      << path.err;
  // Asked for a machine format, a usage error is a PC9001 document on stdout like any other.
  auto json = pipectl("--format json destory envs/prod");
  EXPECT_EQ(json.status, 1);
  auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document["diagnostics"][0]["code"], "PC9001");
  EXPECT_EQ(document["diagnostics"][0]["summary"], "unknown command \"destory\"; did you mean \"destroy\"?");
  // `help COMMAND` is `COMMAND --help`.
  auto help = pipectl("help destroy");
  EXPECT_EQ(help.status, 0);
  EXPECT_EQ(help.out.rfind("Render, then terraform destroy", 0), 0u) << help.out;
  auto none = pipectl("-v");
  EXPECT_EQ(none.status, 1);
  EXPECT_NE(none.err.find("pipectl: error: a command is required"), std::string::npos) << none.err;
}

TEST(Cli, ExtraArgumentsAndUnknownOptionsAreErrorsThatSayWhatWorks) {
  auto two = pipectl("validate envs/dev envs/prod");
  EXPECT_EQ(two.status, 1);
  EXPECT_NE(two.err.find("unexpected argument \"envs/prod\" for pipectl validate"), std::string::npos)
      << two.err;
  auto option = pipectl("render envs/dev --chek");
  EXPECT_EQ(option.status, 1);
  EXPECT_NE(option.err.find("unknown option \"--chek\" for pipectl render; did you mean \"--check\"?"),
            std::string::npos)
      << option.err;
  auto separator = pipectl("render envs/dev -- -target=x");
  EXPECT_EQ(separator.status, 1);
  EXPECT_NE(separator.err.find("pipectl render runs no terraform, so takes no arguments after \"--\""),
            std::string::npos)
      << separator.err;
  auto quiet_and_verbose = pipectl("-q render envs/dev -v");
  EXPECT_EQ(quiet_and_verbose.status, 1);
  EXPECT_NE(quiet_and_verbose.err.find("--quiet excludes --verbose"), std::string::npos);
  auto value = pipectl("render envs/dev --format yaml");
  EXPECT_EQ(value.status, 1);
  EXPECT_NE(value.err.find("pipectl: error: --format: yaml not in {text,json,sarif,github}"),
            std::string::npos)
      << value.err;
  EXPECT_NE(value.err.find("Run `pipectl render --help` for its options."), std::string::npos);
}

TEST(Cli, BadUsageExitsWithOne) {
  EXPECT_EQ(pipectl("").status, 1);
  EXPECT_EQ(pipectl("frobnicate").status, 1);
  EXPECT_EQ(pipectl("render").status, 1);  // ENV_DIR is required
  EXPECT_EQ(pipectl("render x --format yaml").status, 1);
}

TEST(Cli, RenderWritesTheOutputAndIsQuietWhenNothingChanged) {
  TestProject project;
  project.write_spec(valid_spec());
  auto env = project.root() / "envs/dev";
  auto first = pipectl("render " + shell_quote(env.string()));
  EXPECT_EQ(first.status, 0) << first.err;
  EXPECT_TRUE(first.err.empty()) << first.err;
  EXPECT_NE(first.out.find("5 written, 0 unchanged, 0 removed"), std::string::npos) << first.out;
  EXPECT_TRUE(fs::exists(env / "terraform/fn.tf.json"));
  EXPECT_TRUE(fs::exists(env / "terraform/artifacts/fn.zip"));
  auto second = pipectl("render " + shell_quote(env.string()));
  EXPECT_NE(second.out.find("0 written, 5 unchanged"), std::string::npos) << second.out;
  EXPECT_TRUE(pipectl("render -q " + shell_quote(env.string())).out.empty());
}

/// How many times `syscalls` were called, from strace -c's table (calls is the fourth column).
int calls_in_strace_summary(const std::string& table, const std::set<std::string>& syscalls) {
  int total = 0;
  std::istringstream lines(table);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::vector<std::string> words{std::istream_iterator<std::string>(fields), {}};
    if (words.size() >= 5 && syscalls.count(words.back())) total += std::stoi(words[3]);
  }
  return total;
}

TEST(Cli, ARenderSyncsTwiceHoweverManyFilesItWrites) {
  if (run_command("command -v strace >/dev/null").status != 0) {
    GTEST_SKIP() << "strace is not installed (apt-get install strace)";
  }
  TestProject project;
  std::string spec = spec_header() + "components:\n";
  for (int i = 0; i < 20; ++i) spec += "  lake-" + std::to_string(i) + ":\n    kind: s3\n";
  project.write_spec(spec);
  TempDir capture;
  auto summary = capture.path() / "summary";
  auto env = project.root() / "envs/dev";
  // LeakSanitizer cannot run under ptrace; the sanitizer build's leaks are checked elsewhere.
  auto run = run_command("ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" "
                         "strace -f -c -o " + shell_quote(summary.string()) +
                         " -e trace=fsync,fdatasync,syncfs,sync,sync_file_range,msync " +
                         shell_quote(PIPECTL_BINARY) + " render -q " + shell_quote(env.string()));
  ASSERT_EQ(run.status, 0) << run.output;
  // The files on disk before the swap (one syncfs), then the swap itself (one fsync).
  EXPECT_EQ(calls_in_strace_summary(read_text(summary),
                                    {"fsync", "fdatasync", "syncfs", "sync", "sync_file_range",
                                     "msync"}),
            2)
      << read_text(summary);
  EXPECT_TRUE(fs::exists(env / "terraform/lake-19.tf.json"));
}

TEST(Cli, RenderToAnotherDirectory) {
  TestProject project;
  project.write_spec(valid_spec());
  auto run = pipectl("render " + shell_quote((project.root() / "envs/dev").string()) + " -o " +
                     shell_quote((project.root() / "elsewhere").string()));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(fs::exists(project.root() / "elsewhere/terraform.tf.json"));
  EXPECT_FALSE(fs::exists(project.root() / "envs/dev/terraform"));
}

TEST(Cli, LocalEndpointModeSaysSo) {
  TestProject project;
  project.write_spec(valid_spec());
  auto run = pipectl("render " + shell_quote((project.root() / "envs/dev").string()) +
                     " --aws-endpoint http://127.0.0.1:4566");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("Local endpoint mode: every AWS service points at http://127.0.0.1:4566 "
                         "with test credentials; state stays local (no backend)."),
            std::string::npos)
      << run.out;
}

TEST(CliLocalTesting, LocalEndpointModeRendersIntoItsOwnDirectory) {
  TestProject project;
  project.write_spec(valid_spec());
  fs::path env = project.root() / "envs/dev";
  auto run = pipectl("render " + shell_quote(env.string()) + " --aws-endpoint http://127.0.0.1:4566");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(fs::exists(env / "terraform-local/terraform.tf.json"));
  EXPECT_FALSE(fs::exists(env / "terraform"));
  auto real = pipectl("render " + shell_quote(env.string()));
  EXPECT_EQ(real.status, 0) << real.err;
  EXPECT_TRUE(fs::exists(env / "terraform/terraform.tf.json"));
  EXPECT_NE(read_text(env / "terraform-local/terraform.tf.json").find("endpoints"),
            std::string::npos);
  EXPECT_EQ(read_text(env / "terraform/terraform.tf.json").find("endpoints"), std::string::npos);
}

TEST(CliLocalTesting, ARealRenderIntoAnEmulatorsDirectoryIsRefusedUnlessAskedFor) {
  TestProject project;
  project.write_spec(valid_spec());
  fs::path env = project.root() / "envs/dev";
  fs::path out = project.root() / "out";
  std::string render = "render " + shell_quote(env.string()) + " -o " + shell_quote(out.string());
  ASSERT_EQ(pipectl(render + " --aws-endpoint http://127.0.0.1:4566").status, 0);
  testing::write_file(out / "terraform.tfstate", "emulator state");
  std::string local_settings = read_text(out / "terraform.tf.json");

  auto refused = pipectl(render);
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("PC5005"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("was rendered for the local endpoint http://127.0.0.1:4566, not a "
                             "real AWS account"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--switch-target"), std::string::npos) << refused.err;
  EXPECT_EQ(read_text(out / "terraform.tf.json"), local_settings);

  auto switched = pipectl(render + " --switch-target");
  EXPECT_EQ(switched.status, 0) << switched.err;
  EXPECT_NE(switched.err.find("PC5006"), std::string::npos) << switched.err;
  EXPECT_NE(switched.err.find("terraform.tfstate"), std::string::npos) << switched.err;
  EXPECT_EQ(read_text(out / "terraform.tfstate"), "emulator state");
  EXPECT_EQ(read_text(out / "terraform.tf.json").find("endpoints"), std::string::npos);
}

TEST(CliLocalTesting, AnEmulatorRenderIntoARealAccountsDirectoryIsRefusedUnlessAskedFor) {
  TestProject project;
  project.write_spec(valid_spec());
  fs::path env = project.root() / "envs/dev";
  fs::path out = project.root() / "out";
  std::string render = "render " + shell_quote(env.string()) + " -o " + shell_quote(out.string());
  ASSERT_EQ(pipectl(render).status, 0);
  std::string real_settings = read_text(out / "terraform.tf.json");

  auto refused = pipectl(render + " --aws-endpoint http://127.0.0.1:4566");
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("was rendered for a real AWS account, not the local endpoint "
                             "http://127.0.0.1:4566"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(read_text(out / "terraform.tf.json"), real_settings);
  auto checked = pipectl(render + " --aws-endpoint http://127.0.0.1:4566 --check");
  EXPECT_EQ(checked.status, 1);
  EXPECT_NE(checked.err.find("PC5005"), std::string::npos) << checked.err;

  auto switched = pipectl(render + " --aws-endpoint http://127.0.0.1:4566 --switch-target");
  EXPECT_EQ(switched.status, 0) << switched.err;
  EXPECT_EQ(switched.err.find("PC5006"), std::string::npos) << switched.err;  // nothing left
  EXPECT_NE(read_text(out / "terraform.tf.json").find("endpoints"), std::string::npos);
}

TEST(Cli, ASpecWithErrorsExitsWithOneAndWritesNothing) {
  TestProject project;
  const std::string yaml =
      spec_header() + "components:\n  lake:\n    kind: s3\n    versionning: true\n";
  project.write_spec(yaml);
  const SourcePos typo = testing::position_of(yaml, "versionning");
  auto env = project.root() / "envs/dev";
  auto run = pipectl("render " + shell_quote(env.string()) + " --color never");
  EXPECT_EQ(run.status, 1);
  EXPECT_TRUE(run.out.empty()) << run.out;
  std::string where = (env / "pipeline.yaml").string() + ":" + std::to_string(typo.line) + ":" +
                      std::to_string(typo.column) + ": error[PC1003]: Unknown key \"versionning\"";
  EXPECT_NE(run.err.find(where), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(" " + std::to_string(typo.line) +
                         " |     versionning: true\n   |     ^~~~~~~~~~~\n"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("did you mean \"versioning\"?"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("1 error"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(env / "terraform"));
}

TEST(Cli, AFailedRenderLeavesThePreviousOutputIntact) {
  TestProject project;
  project.write_spec(valid_spec());
  auto env = project.root() / "envs/dev";
  ASSERT_EQ(pipectl("render " + shell_quote(env.string())).status, 0);
  std::string before = read_text(env / "terraform/fn.tf.json");
  project.write_spec(valid_spec() + "    runtime: python3.7\n");
  EXPECT_EQ(pipectl("render " + shell_quote(env.string())).status, 1);
  EXPECT_EQ(read_text(env / "terraform/fn.tf.json"), before);
}

TEST(Cli, RenderCheckProvesTheOutputIsCurrentWithoutWriting) {
  TestProject project;
  project.write_spec(valid_spec());
  auto env = project.root() / "envs/dev";
  std::string check = "render --check " + shell_quote(env.string());

  auto never_rendered = pipectl(check);
  EXPECT_EQ(never_rendered.status, 2) << never_rendered.err;
  EXPECT_NE(never_rendered.err.find("error[PC5007]: "), std::string::npos) << never_rendered.err;
  EXPECT_NE(never_rendered.err.find("5 to add, 0 changed, 0 to remove"), std::string::npos)
      << never_rendered.err;
  EXPECT_FALSE(fs::exists(env / "terraform"));

  ASSERT_EQ(pipectl("render " + shell_quote(env.string())).status, 0);
  auto current = pipectl(check);
  EXPECT_EQ(current.status, 0) << current.out << current.err;
  EXPECT_NE(current.out.find("is up to date"), std::string::npos) << current.out;

  // The spec changes (memory), a generated file was edited by hand, one was deleted.
  project.write_spec(valid_spec() + "    memory: 256\n");
  std::string edited = read_text(env / "terraform/terraform.tf.json") + " ";
  testing::write_file(env / "terraform/terraform.tf.json", edited);
  fs::remove(env / "terraform/lake.tf.json");
  auto stale = pipectl(check);
  EXPECT_EQ(stale.status, 2);
  EXPECT_NE(stale.err.find("1 to add, 2 changed, 0 to remove"), std::string::npos) << stale.err;
  EXPECT_NE(stale.err.find("  added:   lake.tf.json\n"), std::string::npos) << stale.err;
  EXPECT_NE(stale.err.find("  changed: fn.tf.json\n"), std::string::npos) << stale.err;
  EXPECT_NE(stale.out.find("-        \"memory_size\": 128,\n+        \"memory_size\": 256,"),
            std::string::npos)
      << stale.out;
  EXPECT_NE(stale.err.find("Run `pipectl render "), std::string::npos) << stale.err;
  EXPECT_NE(stale.err.find("1 error"), std::string::npos) << stale.err;
  EXPECT_EQ(read_text(env / "terraform/terraform.tf.json"), edited);  // nothing written

  auto github = pipectl("render --format github --check " + shell_quote(env.string()));
  EXPECT_EQ(github.status, 2);
  EXPECT_EQ(github.out.rfind("::error file=", 0), 0u) << github.out;
  EXPECT_NE(github.out.find("title=pipectl PC5007::"), std::string::npos) << github.out;
  EXPECT_NE(github.err.find("+        \"memory_size\": 256,"), std::string::npos) << github.err;

  auto json = pipectl("render --format json --check " + shell_quote(env.string()));
  EXPECT_EQ(json.status, 2);
  auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document["up_to_date"], false);
  EXPECT_EQ(document["added"], nlohmann::json::array({"lake.tf.json"}));
  EXPECT_EQ(document["diagnostics"][0]["code"], "PC5007");
  EXPECT_EQ(json.err, "");

  // Colour only when asked for (or on a terminal): the diff's lines, red and green.
  EXPECT_EQ(stale.out.find("\033["), std::string::npos) << "no colour into a file";
  auto coloured = pipectl(check + " --color always");
  EXPECT_NE(coloured.out.find("\033[31m-        \"memory_size\": 128,\033[0m\n"
                              "\033[32m+        \"memory_size\": 256,\033[0m\n"),
            std::string::npos)
      << coloured.out;

  project.write_spec(valid_spec() + "    memory: 1\n");
  auto broken = pipectl(check);
  EXPECT_EQ(broken.status, 1);
  EXPECT_NE(broken.err.find("PC1006"), std::string::npos) << broken.err;
}

TEST(Cli, GithubFormatPrintsAnnotations) {
  TestProject project;
  const std::string yaml =
      spec_header() + "components:\n  lake:\n    kind: s3\n    versionning: true\n";
  project.write_spec(yaml);
  const SourcePos typo = testing::position_of(yaml, "versionning");
  auto env = project.root() / "envs/dev";
  auto run = pipectl("validate --format github " + shell_quote(env.string()));
  EXPECT_EQ(run.status, 1);
  std::string expected = "::error file=" + (env / "pipeline.yaml").string() +
                         ",line=" + std::to_string(typo.line) + ",col=" +
                         std::to_string(typo.column) + ",endColumn=" +
                         std::to_string(typo.column + 11) + ",title=pipectl PC1003::Unknown key";
  EXPECT_EQ(run.out.rfind(expected, 0), 0u) << run.out;
}

TEST(Cli, ValidateChecksEverythingAndWritesNothing) {
  TestProject project;
  project.write_spec(valid_spec());
  auto env = project.root() / "envs/dev";
  auto ok = pipectl("validate " + shell_quote(env.string()));
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("is valid"), std::string::npos);
  EXPECT_FALSE(fs::exists(env / "terraform"));
  project.write_spec(valid_spec() + "    handler: handler.missing\n");
  auto bad = pipectl("validate " + shell_quote(env.string()));
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("PC3004"), std::string::npos) << bad.err;
}

TEST(Cli, JsonDiagnosticsGoToStdoutAsOneDocument) {
  TestProject project;
  project.write_spec(spec_header() + "components:\n  lake:\n    kind: s4\n");
  auto run = pipectl("validate --format json " + shell_quote((project.root() / "envs/dev").string()));
  EXPECT_EQ(run.status, 1);
  EXPECT_TRUE(run.err.empty()) << run.err;
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["diagnostics"][0]["code"], "PC1010");
  EXPECT_EQ(json["diagnostics"][0]["suggestion"], "s3");
  EXPECT_EQ(json["diagnostics"][0]["range"]["start"]["line"], 6);
}

TEST(Cli, RenderJsonReportsTheFilesWritten) {
  TestProject project;
  project.write_spec(valid_spec());
  auto run = pipectl("render --format json " + shell_quote((project.root() / "envs/dev").string()));
  EXPECT_EQ(run.status, 0) << run.err;
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["valid"], true);
  EXPECT_EQ(json["written"].size(), 5u);
}

TEST(Cli, ExplainPrintsTheReferenceAndSuggestsKinds) {
  auto all = pipectl("explain");
  EXPECT_EQ(all.status, 0);
  for (const char* kind : {"cloudwatch", "firehose", "glue", "kinesis", "lambda", "s3"}) {
    EXPECT_NE(all.out.find(std::string("### `") + kind + "`"), std::string::npos) << kind;
  }
  auto typo = pipectl("explain lamda --color never");
  EXPECT_EQ(typo.status, 1);
  EXPECT_NE(typo.err.find("did you mean \"lambda\"?"), std::string::npos) << typo.err;
}

TEST(Cli, FindingsFailOnlyWithStrict) {
  TestProject project;
  project.write_spec(spec_header() + "components:\n  events: {kind: kinesis, encryption: false}\n");
  auto env = shell_quote((project.root() / "envs/dev").string());
  auto relaxed = pipectl("check " + env + " --color never");
  EXPECT_EQ(relaxed.status, 0) << relaxed.err;
  EXPECT_NE(relaxed.err.find("warning[PC4004]"), std::string::npos) << relaxed.err;
  EXPECT_EQ(pipectl("check --strict " + env).status, 1);
  EXPECT_EQ(pipectl("validate --strict " + env).status, 1);
  EXPECT_EQ(pipectl("validate " + env).status, 0);
}

TEST(Cli, CheckComparesEnvironmentsAndSpeaksSarif) {
  TestProject project;
  for (const char* env : {"prod", "test"}) {
    project.write_spec("project: shop\nenvironment: " + std::string(env) +
                           "\nregion: eu-west-1\ncomponents:\n  lake: {kind: s3, name: shop-lake}\n",
                       env);
  }
  auto run = pipectl("check --format sarif " + shell_quote((project.root() / "envs/prod").string()) +
                     " " + shell_quote((project.root() / "envs/test").string()));
  EXPECT_EQ(run.status, 1);
  auto sarif = nlohmann::json::parse(run.out);
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u) << run.out;
  EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "PC4006");
}

TEST(Cli, TheFolderOfFunctionSourcesIsASettingRelativeToItsFile) {
  TestProject project;
  fs::rename(project.root() / "lambda_sources", project.root() / "functions");
  auto env = shell_quote((project.root() / "envs/dev").string());
  project.write_spec(valid_spec());
  auto missing = pipectl("validate " + env);
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("No lambda_sources/ folder found"), std::string::npos) << missing.err;

  project.write_spec("lambda_sources: ../../functions\n" + valid_spec());
  auto found = pipectl("render " + env);
  EXPECT_EQ(found.status, 0) << found.err;
  EXPECT_TRUE(fs::exists(project.root() / "envs/dev/terraform/fn.tf.json"));
  // The folder holding the sources is the project root, as with lambda_sources/.
  EXPECT_NE(read_text(project.root() / "envs/dev/terraform/fn.tf.json")
                .find("Generated by pipectl from envs/dev/pipeline.yaml."),
            std::string::npos);

  project.write_spec("lambda_sources: ../functions\n" + valid_spec());
  auto wrong = pipectl("validate " + env);
  EXPECT_EQ(wrong.status, 1);
  EXPECT_NE(wrong.err.find("pipeline.yaml:1:17: error[PC3003]: The lambda_sources folder "
                           "\"../functions\" does not exist"),
            std::string::npos)
      << wrong.err;
  EXPECT_NE(wrong.err.find("The path is relative to"), std::string::npos) << wrong.err;
  EXPECT_EQ(wrong.err.find("No lambda_sources/ folder found"), std::string::npos)
      << "one error, at the setting";

  // Set in a base spec, the path is relative to the base.
  project.write("envs/base.yaml", "lambda_sources: ../functions\n");
  project.write_spec("extends: ../base.yaml\n" + valid_spec());
  auto inherited = pipectl("validate " + env);
  EXPECT_EQ(inherited.status, 0) << inherited.err;
}

TEST(Cli, GlobalOptionsMayFollowTheCommand) {
  TestProject project;
  project.write_spec(valid_spec());
  auto run = pipectl("validate " + shell_quote((project.root() / "envs/dev").string()) + " -v");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("pipectl: info: validating"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace pipectl
