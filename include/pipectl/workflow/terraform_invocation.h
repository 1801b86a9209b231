#pragma once
/// The command lines pipectl gives terraform, and the environment it runs in. Kept apart from
/// running them so the exact calls can be read (and tested) as data.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pipectl {

/// `init -input=false [-backend-config=V]...`
std::vector<std::string> init_arguments(const std::vector<std::string>& backend_config);

/// `plan -input=false -detailed-exitcode -out=PLAN [extra]...`
std::vector<std::string> plan_arguments(const std::string& plan_file,
                                        const std::vector<std::string>& extra);

/// `apply -input=false PLAN` for a saved plan; otherwise `apply [-auto-approve] [extra]...`,
/// which lets terraform show the plan and ask for approval.
std::vector<std::string> apply_arguments(const std::optional<std::string>& plan_file,
                                         bool auto_approve, const std::vector<std::string>& extra);

/// The -backend-config values of an `init` command line (both `-backend-config=V` and
/// `-backend-config V`), so an init run through `pipectl tf` is remembered like pipectl's own.
std::vector<std::string> backend_config_of(const std::vector<std::string>& init_command);

/// A `-backend-config` value as terraform in the output directory must see it: a file given
/// relative to pipectl's working directory becomes absolute; `key=value` stays as it is.
std::string backend_config_argument(const std::string& value);

/// `destroy [-auto-approve] [extra]...`: terraform shows what goes and asks, unless approved.
std::vector<std::string> destroy_arguments(bool auto_approve, const std::vector<std::string>& extra);

/// `output [-json | -raw] [NAME]`.
std::vector<std::string> output_arguments(const std::optional<std::string>& name, bool json,
                                          bool raw, const std::vector<std::string>& extra);

/// `arguments` with terraform's -no-color added. It goes last: terraform takes it anywhere on
/// the line, which also holds for commands of two words (`state list`). A line that starts
/// with an option (`-version`) is left as it is.
std::vector<std::string> without_color(std::vector<std::string> arguments);

/// terraform's environment: pipectl's own, untouched (TF_* variables included), plus
/// TF_IN_AUTOMATION=1 unless TF_IN_AUTOMATION is set. Terraform's automation mode drops its
/// hints to run terraform itself next (`terraform apply "pipectl.tfplan"`), which would skip
/// pipectl's render; pipectl prints its own next step instead.
std::vector<std::string> terraform_environment(std::vector<std::string> environment);

/// The value of NAME in "NAME=value" entries, if present.
std::optional<std::string> environment_value(const std::vector<std::string>& environment,
                                             const std::string& name);

}  // namespace pipectl
