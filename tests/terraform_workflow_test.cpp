// `pipectl plan`, `apply` and `tf`: how pipectl runs terraform.
//
// These tests use a stand-in for terraform (tests/support/standin_terraform.py), not terraform:
// it records each call's argument vector, working directory and environment, prints scripted
// output and exits with scripted codes. Real terraform runs pipectl's output in the terraform
// and e2e tests.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "pipectl/workflow/init_record.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::read_text;
using testing::spec_header;
using testing::TempDir;
using testing::TestProject;
using testing::write_file;

const char* kSpec = "components:\n  lake:\n    kind: s3\n";

/// A started pipectl, in its own process group so the test can signal it (and its group).
struct Started {
  pid_t pid = -1;
  fs::path out;
  fs::path err;
};

struct Finished {
  int status = -1;
  std::string out;
  std::string err;
};

/// A project with one environment, a stand-in terraform installed as `terraform` (and `tofu`)
/// in folders of their own, and the environment pipectl runs with.
class Workflow {
 public:
  Workflow() {
    project_.write_spec(spec_header() + kSpec);
    install_standin("bin", "terraform");
    install_standin("tofu-bin", "tofu");
    env_ = {"PATH=" + (dir_.path() / "bin").string(), "HOME=" + dir_.path().string(),
            "STANDIN_LOG=" + log_path().string(), "LANG=C.UTF-8"};
  }

  fs::path env_dir() const { return project_.root() / "envs/dev"; }
  fs::path output() const { return fs::weakly_canonical(env_dir() / "terraform"); }
  fs::path log_path() const { return dir_.path() / "calls.jsonl"; }
  TestProject& project() { return project_; }

  void set(const std::string& name, const std::string& value) {
    unset(name);
    env_.push_back(name + "=" + value);
  }
  void unset(const std::string& name) {
    std::erase_if(env_, [&](const std::string& entry) { return entry.rfind(name + "=", 0) == 0; });
  }
  /// Signals pipectl starts with ignored, as under nohup or some CI runners.
  void start_ignoring(int signal_number) { ignored_signals_.push_back(signal_number); }

  /// What the stand-in does per subcommand, e.g. {"plan": {"exit": 2}}.
  void script(const json& behaviour) { set("STANDIN_SCRIPT", behaviour.dump()); }

  Started start(std::vector<std::string> arguments) {
    Started started;
    started.out = dir_.path() / ("out" + std::to_string(runs_));
    started.err = dir_.path() / ("err" + std::to_string(runs_++));
    arguments.insert(arguments.begin(), PIPECTL_BINARY);
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& entry : env_) envp.push_back(entry.data());
    envp.push_back(nullptr);
    started.pid = ::fork();
    if (started.pid == 0) {
      ::setpgid(0, 0);
      int in = ::open("/dev/null", O_RDONLY);
      int out = ::open(started.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open(started.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::chdir(project_.root().c_str());
      // The test decides what pipectl inherits, not how the test itself was started (a shell
      // starts background jobs with SIGINT and SIGQUIT ignored).
      for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD}) {
        ::signal(signal_number, SIG_DFL);
      }
      for (int signal_number : ignored_signals_) ::signal(signal_number, SIG_IGN);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::setpgid(started.pid, started.pid);
    return started;
  }

  static Finished wait(const Started& started) {
    int status = 0;
    ::waitpid(started.pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
            read_text(started.out), read_text(started.err)};
  }

  Finished run(std::vector<std::string> arguments) { return wait(start(std::move(arguments))); }

  /// Every call (and signal) the stand-in recorded since the last take_calls().
  std::vector<json> calls() const {
    std::vector<json> recorded;
    if (!fs::exists(log_path())) return recorded;
    std::istringstream lines(read_text(log_path()));
    for (std::string line; std::getline(lines, line);) recorded.push_back(json::parse(line));
    return recorded;
  }

  /// calls(), forgetting them.
  std::vector<json> take_calls() {
    std::vector<json> recorded = calls();
    fs::remove(log_path());
    return recorded;
  }

  std::vector<std::vector<std::string>> take_argvs() {
    std::vector<std::vector<std::string>> argvs;
    for (const json& call : take_calls()) {
      if (call.contains("argv")) argvs.push_back(call["argv"]);
    }
    return argvs;
  }

  fs::path standin(const std::string& folder, const std::string& name) const {
    return dir_.path() / folder / name;
  }

 private:
  /// A shell wrapper, so the stand-in runs by the name it stands in for with an exact python.
  void install_standin(const std::string& folder, const std::string& name) {
    fs::path wrapper = standin(folder, name);
    write_file(wrapper, "#!/bin/sh\nSTANDIN_NAME=" + name + " exec " + PIPECTL_PYTHON + " " +
                            testing::shell_quote((testing::source_root() /
                                                  "tests/support/standin_terraform.py")
                                                     .string()) +
                            " \"$@\"\n");
    fs::permissions(wrapper, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
  }

  TestProject project_;
  TempDir dir_;
  std::vector<std::string> env_;
  std::vector<int> ignored_signals_;
  int runs_ = 0;
};

using Argv = std::vector<std::string>;
// pipectl's output is not a terminal here, so colour is off and terraform gets -no-color.
const Argv kInit = {"init", "-input=false", "-no-color"};
const Argv kPlan = {"plan", "-input=false", "-detailed-exitcode", "-out=pipectl.tfplan", "-no-color"};

/// `argv` as terraform receives it with colour off.
Argv no_color(Argv argv) {
  argv.push_back("-no-color");
  return argv;
}

TEST(TerraformWorkflow, PlanInitializesOnceThenOnlyPlansInTheOutputDirectory) {
  Workflow workflow;
  workflow.script({{"plan", {{"exit", 2}, {"stdout", "Plan: 1 to add\n"}}}});
  auto first = workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(first.status, 2) << first.err;
  EXPECT_EQ(first.out, "Plan: 1 to add\n");  // terraform's output, streamed as it is
  auto calls = workflow.take_calls();
  ASSERT_EQ(calls.size(), 2u) << first.err;
  EXPECT_EQ(calls[0]["argv"], kInit);
  EXPECT_EQ(calls[1]["argv"], kPlan);
  EXPECT_EQ(calls[0]["program"], "terraform");
  for (const json& call : calls) EXPECT_EQ(fs::path(call["cwd"].get<std::string>()), workflow.output());
  EXPECT_NE(first.err.find("running terraform init (first run in this directory)"), std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find("state: local"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("pipectl apply envs/dev --plan envs/dev/terraform/pipectl.tfplan"),
            std::string::npos)
      << first.err;

  auto second = workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(second.status, 2);
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kPlan}));
  EXPECT_EQ(second.err.find("state: local"), std::string::npos) << "said once, at init";
}

TEST(TerraformWorkflow, InitRunsAgainWhenProvidersBackendOrProgramChange) {
  Workflow workflow;
  ASSERT_EQ(workflow.run({"plan", "envs/dev"}).status, 0);
  workflow.take_calls();

  // A backend appears in the spec.
  workflow.project().write_spec(spec_header() + "backend:\n  s3: {}\n" + kSpec);
  auto with_backend = workflow.run({"plan", "envs/dev", "--backend-config", "bucket=shop-state"});
  EXPECT_EQ(workflow.take_argvs(),
            std::vector<Argv>({no_color({"init", "-input=false", "-backend-config=bucket=shop-state"}), kPlan}));
  EXPECT_NE(with_backend.err.find("state: S3 bucket (given at init), key shop/dev/terraform.tfstate"),
            std::string::npos)
      << with_backend.err;
  workflow.run({"plan", "envs/dev", "--backend-config", "bucket=shop-state"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kPlan}));

  // Other -backend-config values; a backend file counts by its content.
  write_file(workflow.project().root() / "state.hcl", "bucket = \"a\"\n");
  workflow.run({"plan", "envs/dev", "--backend-config", "state.hcl"});
  std::string absolute = (fs::weakly_canonical(workflow.project().root()) / "state.hcl").string();
  EXPECT_EQ(workflow.take_argvs(),
            std::vector<Argv>({no_color({"init", "-input=false", "-backend-config=" + absolute}), kPlan}));
  workflow.run({"plan", "envs/dev", "--backend-config", "state.hcl"});
  EXPECT_EQ(workflow.take_argvs().size(), 1u);
  write_file(workflow.project().root() / "state.hcl", "bucket = \"b\"\n");
  workflow.run({"plan", "envs/dev", "--backend-config", "state.hcl"});
  EXPECT_EQ(workflow.take_argvs().size(), 2u);

  // The provider constraint changes.
  workflow.project().write_spec(spec_header() + "terraform: {aws_provider: \"~> 6.0\"}\n" + kSpec);
  workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kInit, kPlan}));

  // Another program (OpenTofu installs providers from its own registry).
  workflow.run({"plan", "envs/dev", "--terraform", workflow.standin("tofu-bin", "tofu").string()});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kInit, kPlan}));

  // The lock file or the data directory is gone.
  workflow.run({"plan", "envs/dev"});
  workflow.take_calls();
  fs::remove(workflow.output() / ".terraform.lock.hcl");
  workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kInit, kPlan}));
  fs::remove_all(workflow.output() / ".terraform");
  workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kInit, kPlan}));
}

TEST(TerraformWorkflow, ExitCodesPassThrough) {
  for (int code : {0, 1, 2}) {
    Workflow workflow;
    workflow.script({{"plan", {{"exit", code}}}});
    EXPECT_EQ(workflow.run({"plan", "envs/dev"}).status, code);
  }
  Workflow failing_init;
  failing_init.script({{"init", {{"exit", 1}, {"stderr", "Error: backend unreachable\n"}}}});
  auto run = failing_init.run({"plan", "envs/dev"});
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("Error: backend unreachable"), std::string::npos);
  EXPECT_EQ(failing_init.take_argvs(), std::vector<Argv>({kInit}));  // no plan after a failed init
  failing_init.script(json::object());
  failing_init.run({"plan", "envs/dev"});
  EXPECT_EQ(failing_init.take_argvs(), std::vector<Argv>({kInit, kPlan}));  // and it retries
}

TEST(TerraformWorkflow, ArgumentsAfterDoubleDashReachTerraformVerbatim) {
  Workflow workflow;
  Argv extra = {"-target=aws_s3_bucket.lake", "-var", "note=two words; $(rm -rf /) 'q' \"d\""};
  Argv command = {"plan", "envs/dev", "--"};
  command.insert(command.end(), extra.begin(), extra.end());
  workflow.run(command);
  auto argvs = workflow.take_argvs();
  ASSERT_EQ(argvs.size(), 2u);
  Argv expected = {"plan", "-input=false", "-detailed-exitcode", "-out=pipectl.tfplan"};
  expected.insert(expected.end(), extra.begin(), extra.end());
  EXPECT_EQ(argvs[1], no_color(expected));

  workflow.run({"plan", "envs/dev", "--out", "saved.tfplan"});
  auto custom = workflow.take_argvs();
  ASSERT_EQ(custom.size(), 1u);
  EXPECT_EQ(custom[0][3], "-out=" + (fs::weakly_canonical(workflow.project().root()) /
                                     "saved.tfplan").string());
}

TEST(TerraformWorkflow, TerraformsEnvironmentPassesThroughAndAutomationModeIsOn) {
  Workflow workflow;
  workflow.set("TF_LOG", "DEBUG");
  workflow.set("TF_VAR_owner", "data team");
  workflow.set("CHECKPOINT_DISABLE", "1");
  workflow.run({"plan", "envs/dev"});
  json env = workflow.take_calls().at(0)["env"];
  EXPECT_EQ(env["TF_LOG"], "DEBUG");
  EXPECT_EQ(env["TF_VAR_owner"], "data team");
  EXPECT_EQ(env["CHECKPOINT_DISABLE"], "1");
  // Automation mode, so terraform does not suggest `terraform apply "pipectl.tfplan"` itself.
  EXPECT_EQ(env["TF_IN_AUTOMATION"], "1");

  workflow.set("TF_IN_AUTOMATION", "yes");
  workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(workflow.take_calls().at(0)["env"]["TF_IN_AUTOMATION"], "yes");
}

TEST(TerraformWorkflow, TheInitRecordLivesInTerraformsDataDirectory) {
  Workflow workflow;
  workflow.set("TF_DATA_DIR", "state-cache");
  workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kInit, kPlan}));
  EXPECT_TRUE(fs::exists(workflow.output() / "state-cache" / kInitRecordFileName));
  EXPECT_FALSE(fs::exists(workflow.output() / ".terraform"));
  workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kPlan}));
}

TEST(TerraformWorkflow, TheProgramComesFromTheFlagTheVariableOrPath) {
  Workflow workflow;
  std::string tofu = workflow.standin("tofu-bin", "tofu").string();
  workflow.run({"tf", "envs/dev", "--terraform", tofu, "--", "version"});
  EXPECT_EQ(workflow.take_calls().at(0)["program"], "tofu");
  workflow.set("PIPECTL_TERRAFORM", tofu);
  workflow.run({"tf", "envs/dev", "--", "version"});
  EXPECT_EQ(workflow.take_calls().at(0)["program"], "tofu");
  workflow.unset("PIPECTL_TERRAFORM");
  workflow.run({"tf", "envs/dev", "--", "version"});
  EXPECT_EQ(workflow.take_calls().at(0)["program"], "terraform");
  // Without terraform on PATH, tofu is next.
  workflow.set("PATH", fs::path(tofu).parent_path().string());
  workflow.run({"tf", "envs/dev", "--", "version"});
  EXPECT_EQ(workflow.take_calls().at(0)["program"], "tofu");
}

TEST(TerraformWorkflow, AMissingProgramIsAClearErrorAndNothingRuns) {
  Workflow workflow;
  TempDir empty;
  workflow.set("PATH", empty.path().string());
  auto run = workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("error[PC9002]: Neither terraform nor tofu is on PATH"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("Install Terraform"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--terraform PATH"), std::string::npos) << run.err;

  workflow.set("PIPECTL_TERRAFORM", "/nowhere/terraform");
  auto named = workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(named.status, 1);
  EXPECT_NE(named.err.find("PIPECTL_TERRAFORM=/nowhere/terraform is not an executable program"),
            std::string::npos)
      << named.err;
  EXPECT_TRUE(workflow.take_calls().empty());
}

TEST(TerraformWorkflow, AFailedRenderNeverRunsTerraform) {
  Workflow workflow;
  workflow.project().write_spec(spec_header() + kSpec + "    versionning: true\n");
  for (const Argv& command : {Argv{"plan", "envs/dev"}, Argv{"apply", "envs/dev", "--auto-approve"},
                              Argv{"tf", "envs/dev", "--", "state", "list"}}) {
    auto run = workflow.run(command);
    EXPECT_EQ(run.status, 1) << command[0];
    EXPECT_NE(run.err.find("PC1003"), std::string::npos) << run.err;
  }
  EXPECT_TRUE(workflow.take_calls().empty());
  EXPECT_FALSE(fs::exists(workflow.env_dir() / "terraform"));
}

TEST(TerraformWorkflow, ApplyTakesASavedPlanOrAsksUnlessApprovedInAdvance) {
  Workflow workflow;
  auto saved = workflow.run({"apply", "envs/dev", "--plan", "envs/dev/terraform/pipectl.tfplan"});
  EXPECT_EQ(saved.status, 0) << saved.err;
  std::string plan = (fs::weakly_canonical(workflow.project().root()) /
                      "envs/dev/terraform/pipectl.tfplan").string();
  EXPECT_EQ(workflow.take_argvs(),
            std::vector<Argv>({kInit, no_color({"apply", "-input=false", plan})}));

  workflow.script({{"apply", {{"exit", 1}}}});
  EXPECT_EQ(workflow.run({"apply", "envs/dev", "--auto-approve", "--", "-parallelism=2"}).status, 1);
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({no_color({"apply", "-auto-approve", "-parallelism=2"})}));

  EXPECT_EQ(workflow.run({"apply", "envs/dev", "--", "-auto-approve"}).status, 1);
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({no_color({"apply", "-auto-approve"})}));
  EXPECT_EQ(workflow.run({"apply", "envs/dev", "--", "--auto-approve=true"}).status, 1);
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({no_color({"apply", "--auto-approve=true"})}));

  // No terminal to ask on (stdin is /dev/null here) and no approval given: refused up front.
  auto unattended = workflow.run({"apply", "envs/dev"});
  EXPECT_EQ(unattended.status, 1);
  EXPECT_NE(unattended.err.find("needs a terminal to ask for approval"), std::string::npos)
      << unattended.err;
  EXPECT_TRUE(workflow.take_calls().empty());
}

TEST(TerraformWorkflow, TfRunsAnyCommandAndRemembersAnInitRunByHand) {
  Workflow workflow;
  workflow.script({{"state", {{"stdout", "aws_s3_bucket.lake\n"}, {"exit", 0}}}});
  auto state = workflow.run({"tf", "envs/dev", "--", "state", "list"});
  EXPECT_EQ(state.status, 0);
  EXPECT_EQ(state.out, "aws_s3_bucket.lake\n");
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({no_color({"state", "list"})}));

  // An init without the backend does not count: the next plan still initializes.
  workflow.run({"tf", "envs/dev", "--", "init", "-backend=false"});
  workflow.take_calls();
  workflow.run({"plan", "envs/dev"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kInit, kPlan}));

  workflow.run({"tf", "envs/dev", "--", "init", "-input=false", "-backend-config", "bucket=x"});
  workflow.take_calls();
  workflow.run({"plan", "envs/dev", "--backend-config", "bucket=x"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kPlan}));

  EXPECT_EQ(workflow.run({"tf", "envs/dev"}).status, 1);  // a command is required
}

TEST(TerraformWorkflow, DestroyInitializesWhenNeededAndAsksUnlessApprovedInAdvance) {
  Workflow workflow;
  auto approved = workflow.run({"destroy", "envs/dev", "--auto-approve"});
  EXPECT_EQ(approved.status, 0) << approved.err;
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kInit, no_color({"destroy", "-auto-approve"})}));

  workflow.script({{"destroy", {{"exit", 1}, {"stderr", "Error: deleting bucket\n"}}}});
  auto failed = workflow.run({"destroy", "envs/dev", "--", "-auto-approve", "-target=aws_s3_bucket.lake"});
  EXPECT_EQ(failed.status, 1);
  EXPECT_NE(failed.err.find("Error: deleting bucket"), std::string::npos) << failed.err;
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({no_color(
                                       {"destroy", "-auto-approve", "-target=aws_s3_bucket.lake"})}));

  // No terminal to ask on and no approval: refused before anything renders or runs.
  fs::remove_all(workflow.output());
  auto unattended = workflow.run({"destroy", "envs/dev"});
  EXPECT_EQ(unattended.status, 1);
  EXPECT_NE(unattended.err.find("error[PC9001]: pipectl destroy needs a terminal to ask for approval"),
            std::string::npos)
      << unattended.err;
  EXPECT_NE(unattended.err.find("pipectl plan ENV_DIR --destroy"), std::string::npos);
  EXPECT_TRUE(workflow.take_calls().empty());
  EXPECT_FALSE(fs::exists(workflow.output()));
}

TEST(TerraformWorkflow, PlanDestroySavesAPlanThatApplyTakes) {
  Workflow workflow;
  workflow.script({{"plan", {{"exit", 2}}}});
  auto planned = workflow.run({"plan", "envs/dev", "--destroy"});
  EXPECT_EQ(planned.status, 2);
  EXPECT_EQ(workflow.take_argvs(),
            std::vector<Argv>({kInit, no_color({"plan", "-input=false", "-detailed-exitcode",
                                                "-out=pipectl.tfplan", "-destroy"})}));
  EXPECT_NE(planned.err.find("destroy plan saved to envs/dev/terraform/pipectl.tfplan; apply exactly "
                             "this plan with: pipectl apply envs/dev --plan "),
            std::string::npos)
      << planned.err;
}

TEST(TerraformWorkflow, OutputPrintsTerraformsOutputsAndChecksTheName) {
  Workflow workflow;
  workflow.script({{"init", {{"stdout", "Terraform has been successfully initialized!\n"}}},
                   {"output", {{"stdout", "lake_name = \"shop-dev-lake\"\n"}}}});
  auto all = workflow.run({"output", "envs/dev"});
  EXPECT_EQ(all.status, 0) << all.err;
  // terraform's formatting, as it is, and nothing else: init's chatter went to stderr.
  EXPECT_EQ(all.out, "lake_name = \"shop-dev-lake\"\n");
  EXPECT_NE(all.err.find("Terraform has been successfully initialized!"), std::string::npos);
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kInit, no_color({"output"})}));

  workflow.run({"output", "envs/dev", "lake_name", "--raw"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({no_color({"output", "-raw", "lake_name"})}));
  workflow.run({"output", "envs/dev", "--json"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({no_color({"output", "-json"})}));

  // pipectl's own JSON document goes to stderr: stdout is terraform's JSON alone.
  workflow.script({{"output", {{"stdout", "{\"lake_name\": {}}\n"}}}});
  auto documents = workflow.run({"--format", "json", "output", "envs/dev", "--json"});
  EXPECT_EQ(documents.out, "{\"lake_name\": {}}\n");
  EXPECT_NE(documents.err.find("\"output_directory\""), std::string::npos) << documents.err;
  workflow.script({{"output", {{"exit", 1}, {"stderr", "Error: No outputs found\n"}}}});
  auto failing = workflow.run({"output", "envs/dev"});
  EXPECT_EQ(failing.status, 1);
  EXPECT_NE(failing.err.find("Error: No outputs found"), std::string::npos);
  workflow.take_calls();

  auto typo = workflow.run({"output", "envs/dev", "lake_nmae"});
  EXPECT_EQ(typo.status, 1);
  EXPECT_NE(typo.err.find("The environment declares no output named lake_nmae"), std::string::npos)
      << typo.err;
  EXPECT_NE(typo.err.find("Did you mean lake_name?"), std::string::npos) << typo.err;
  auto raw_of_all = workflow.run({"output", "envs/dev", "--raw"});
  EXPECT_EQ(raw_of_all.status, 1);
  EXPECT_NE(raw_of_all.err.find("--raw prints one output and needs its NAME"), std::string::npos);
  EXPECT_EQ(workflow.run({"output", "envs/dev", "--raw", "--json", "lake_name"}).status, 1);
  EXPECT_TRUE(workflow.take_calls().empty());
}

TEST(TerraformWorkflow, ColourFollowsTheColorOptionAndNoColor) {
  Workflow workflow;
  workflow.run({"plan", "envs/dev", "--color", "always"});
  EXPECT_EQ(workflow.take_argvs(),
            std::vector<Argv>({{"init", "-input=false"},
                               {"plan", "-input=false", "-detailed-exitcode", "-out=pipectl.tfplan"}}));
  workflow.run({"--color", "never", "plan", "envs/dev"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({kPlan}));
  workflow.set("NO_COLOR", "1");
  workflow.run({"tf", "envs/dev", "--", "state", "list"});
  EXPECT_EQ(workflow.take_argvs(), std::vector<Argv>({no_color({"state", "list"})}));
}

TEST(TerraformWorkflow, ThePrintedNextStepRepeatsTheOptionsThatReachTheSameStateAndTarget) {
  Workflow workflow;
  workflow.script({{"plan", {{"exit", 2}}}});
  workflow.project().write_spec(spec_header() + "backend:\n  s3: {}\n" + kSpec);
  auto planned = workflow.run({"plan", "envs/dev", "--backend-config", "bucket=shop state"});
  EXPECT_NE(planned.err.find("pipectl apply envs/dev --backend-config 'bucket=shop state' --plan "
                             "envs/dev/terraform/pipectl.tfplan\n"),
            std::string::npos)
      << planned.err;
  workflow.project().write_spec(spec_header() + kSpec);
  auto local = workflow.run({"plan", "envs/dev", "--aws-endpoint", "http://127.0.0.1:5000"});
  EXPECT_NE(local.err.find("pipectl apply envs/dev --aws-endpoint http://127.0.0.1:5000 --plan "
                           "envs/dev/terraform-local/pipectl.tfplan\n"),
            std::string::npos)
      << local.err;
}

TEST(TerraformWorkflow, TerraformNeverRunsOnAnEmulatorsStateForARealAccount) {
  Workflow workflow;
  const std::string endpoint = "http://127.0.0.1:4566";
  ASSERT_EQ(workflow.run({"plan", "envs/dev", "--aws-endpoint", endpoint}).status, 0);
  fs::path local = workflow.env_dir() / "terraform-local";
  testing::write_file(local / "terraform.tfstate", "{\"emulator\": true}");
  workflow.take_calls();

  // The flag forgotten, with the emulator's directory named: refused, terraform never starts.
  for (const Argv& command : {Argv{"plan", "envs/dev", "-o", local.string()},
                              Argv{"apply", "envs/dev", "-o", local.string(), "--auto-approve"},
                              Argv{"destroy", "envs/dev", "-o", local.string(), "--auto-approve"},
                              Argv{"output", "envs/dev", "-o", local.string()},
                              Argv{"tf", "envs/dev", "-o", local.string(), "--", "state", "list"}}) {
    auto refused = workflow.run(command);
    EXPECT_EQ(refused.status, 1) << command[0];
    EXPECT_NE(refused.err.find("PC5005"), std::string::npos) << command[0] << refused.err;
  }
  EXPECT_TRUE(workflow.take_calls().empty());
  EXPECT_EQ(read_text(local / "terraform.tfstate"), "{\"emulator\": true}");
  // The spec's aws.endpoint is local endpoint mode too: the same directory, no flag needed.
  workflow.project().write_spec(spec_header() + "aws:\n  endpoint: " + endpoint + "\n" + kSpec);
  workflow.run({"plan", "envs/dev"});
  auto from_spec = workflow.take_calls();
  ASSERT_FALSE(from_spec.empty());
  EXPECT_EQ(fs::path(from_spec[0]["cwd"].get<std::string>()), fs::weakly_canonical(local));
  workflow.project().write_spec(spec_header() + kSpec);

  // Without -o, a real-account plan goes to its own directory and never sees that state.
  workflow.run({"plan", "envs/dev"});
  auto calls = workflow.take_calls();
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(fs::path(calls[0]["cwd"].get<std::string>()), workflow.output());
}

TEST(TerraformWorkflow, MisusedCommandLinesNeverReachTerraform) {
  Workflow workflow;
  auto two = workflow.run({"plan", "envs/dev", "envs/prod"});
  EXPECT_EQ(two.status, 1);
  EXPECT_NE(two.err.find("pipectl: error: unexpected argument \"envs/prod\" for pipectl plan: it "
                         "takes ENV_DIR (one environment at a time); terraform's arguments go "
                         "after \"--\""),
            std::string::npos)
      << two.err;
  EXPECT_NE(two.err.find("pipectl plan ENV_DIR -- -target=aws_s3_bucket.NAME"), std::string::npos);
  auto tf_without_separator = workflow.run({"tf", "envs/dev", "state", "list"});
  EXPECT_EQ(tf_without_separator.status, 1);
  EXPECT_NE(tf_without_separator.err.find("pipectl tf ENV_DIR -- state list"), std::string::npos)
      << tf_without_separator.err;
  auto option = workflow.run({"apply", "envs/dev", "--auto-aprove"});
  EXPECT_NE(option.err.find("did you mean \"--auto-approve\"?"), std::string::npos) << option.err;
  auto terraform_option = workflow.run({"plan", "envs/dev", "-refresh-only"});
  EXPECT_NE(terraform_option.err.find("Options for terraform go after \"--\": pipectl plan ENV_DIR "
                                      "-- -refresh-only"),
            std::string::npos)
      << terraform_option.err;
  auto empty_tf = workflow.run({"tf", "envs/dev", "--"});
  EXPECT_NE(empty_tf.err.find("pipectl tf needs a terraform command after \"--\""), std::string::npos);
  EXPECT_TRUE(workflow.take_calls().empty());
  EXPECT_FALSE(fs::exists(workflow.output()));
}

/// Starts `pipectl plan` with a stand-in that waits for a signal, and returns once it waits.
Started start_waiting_plan(Workflow& workflow) {
  workflow.script({{"plan", {{"wait_for_signal", true}, {"exit_on_signal", 3}}}});
  Started started = workflow.start({"plan", "envs/dev"});
  fs::path ready = workflow.log_path().string() + ".ready";
  for (int i = 0; i < 600 && !fs::exists(ready); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(fs::exists(ready)) << "the stand-in never started waiting";
  return started;
}

std::vector<std::string> signals_received(const Workflow& workflow) {
  std::vector<std::string> received;
  for (const json& call : workflow.calls()) {
    if (call.contains("signal")) received.push_back(call["signal"]);
  }
  return received;
}

/// Sends `signal_number` to pipectl (or its whole process group) while terraform runs, and
/// returns the signals terraform received and pipectl's exit status.
std::pair<std::vector<std::string>, int> interrupt(int signal_number, bool whole_group) {
  Workflow workflow;
  Started started = start_waiting_plan(workflow);
  ::kill(whole_group ? -started.pid : started.pid, signal_number);
  Finished finished = Workflow::wait(started);
  return {signals_received(workflow), finished.status};
}

TEST(TerraformWorkflow, SignalsToPipectlReachTerraformExactlyOnce) {
  auto [terminated, terminated_status] = interrupt(SIGTERM, false);
  EXPECT_EQ(terminated, std::vector<std::string>({"SIGTERM"}));
  EXPECT_EQ(terminated_status, 3);  // terraform's own exit code, after it cleaned up

  auto [interrupted, interrupted_status] = interrupt(SIGINT, false);
  EXPECT_EQ(interrupted, std::vector<std::string>({"SIGINT"}));
  EXPECT_EQ(interrupted_status, 3);

  // Sent to pipectl's whole process group (as a CI runner may): terraform still gets it once,
  // since it runs in a group of its own and pipectl forwards.
  auto [grouped, grouped_status] = interrupt(SIGINT, true);
  EXPECT_EQ(grouped, std::vector<std::string>({"SIGINT"}));
  EXPECT_EQ(grouped_status, 3);
}

TEST(TerraformWorkflow, SignalsPipectlInheritedAsIgnoredStayIgnored) {
  Workflow workflow;
  workflow.start_ignoring(SIGHUP);  // nohup pipectl plan ...
  Started started = start_waiting_plan(workflow);
  ::kill(started.pid, SIGHUP);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(started.pid, SIGTERM);
  Finished finished = Workflow::wait(started);
  EXPECT_EQ(signals_received(workflow), std::vector<std::string>({"SIGTERM"}));
  EXPECT_EQ(finished.status, 3);
}

TEST(TerraformWorkflow, ExitCodesSurviveAnInheritedIgnoredSigchld) {
  Workflow workflow;
  workflow.start_ignoring(SIGCHLD);
  workflow.script({{"plan", {{"exit", 2}}}});
  EXPECT_EQ(workflow.run({"plan", "envs/dev"}).status, 2);
}

TEST(TerraformWorkflow, TerraformIsToldToStopWhenPipectlIsKilledOutright) {
  Workflow workflow;
  Started started = start_waiting_plan(workflow);
  ::kill(started.pid, SIGKILL);
  Workflow::wait(started);
  std::vector<std::string> received;
  for (int i = 0; i < 100 && received.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    received = signals_received(workflow);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // a duplicate would show by now
  EXPECT_EQ(signals_received(workflow), std::vector<std::string>({"SIGTERM"}));
}

}  // namespace
}  // namespace pipectl
