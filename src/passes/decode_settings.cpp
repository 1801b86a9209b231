#include "pipectl/passes/decode_settings.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <regex>

#include "pipectl/module_registry.h"
#include "pipectl/option_table.h"
#include "pipectl/platform/paths.h"
#include "pipectl/suggest.h"
#include "pipectl/tags.h"
#include "pipectl/version_constraint.h"
#include "pipectl/text.h"

namespace fs = std::filesystem;

namespace pipectl {
namespace {

const std::vector<std::string>& known_regions() {
  static const std::vector<std::string> regions = {
      "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2",
      "ap-northeast-3", "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2",
      "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
      "ca-central-1",   "ca-west-1",      "cn-north-1",     "cn-northwest-1", "eu-central-1",
      "eu-central-2",   "eu-north-1",     "eu-south-1",     "eu-south-2",     "eu-west-1",
      "eu-west-2",      "eu-west-3",      "il-central-1",   "me-central-1",   "me-south-1",
      "mx-central-1",   "sa-east-1",      "us-east-1",      "us-east-2",      "us-gov-east-1",
      "us-gov-west-1",  "us-west-1",      "us-west-2"};
  return regions;
}

OptionTable<TerraformSettings> terraform_options() {
  return {
      option(&TerraformSettings::required_version,
             OptionSpec::string("required_version",
                                "Terraform (or OpenTofu) versions the rendered configuration "
                                "accepts.")
                 .or_default(">= 1.5.0")),
      option(&TerraformSettings::aws_provider_version,
             OptionSpec::string("aws_provider",
                                "Version constraint for the hashicorp/aws provider. The default "
                                "admits the last 5.x release and the 6.x line; pipectl's output "
                                "is checked against both.")
                 .or_default(">= 5.100, < 7.0")),
  };
}

void check_identifier(const OptionValues& values, const std::string& key, Diagnostics& diagnostics) {
  static const std::regex pattern("[a-z][a-z0-9-]*[a-z0-9]|[a-z]");
  std::string value = values.string(key);
  if (!values.has(key) || std::regex_match(value, pattern)) return;
  diagnostics.error(DiagCode::InvalidValue, values.range(key),
                    "\"" + key + "\" must be lowercase letters, digits and hyphens, not \"" + value +
                        "\"",
                    "It becomes part of AWS names (S3 buckets accept only lowercase), so it must "
                    "start with a letter and end with a letter or digit.");
}

void check_region(const OptionValues& values, Diagnostics& diagnostics) {
  static const std::regex pattern("[a-z]{2}(-[a-z]+)+-[0-9]+");
  std::string region = values.string("region");
  if (!values.has("region")) return;
  const auto& known = known_regions();
  if (std::find(known.begin(), known.end(), region) != known.end()) return;
  bool well_formed = std::regex_match(region, pattern);
  auto diagnostic = make_diagnostic(well_formed ? DiagCode::UnknownRegion : DiagCode::InvalidValue,
                                    values.range("region"),
                                    (well_formed ? "Unknown AWS region \"" : "Invalid AWS region \"") +
                                        region + "\"");
  diagnostic.detail = well_formed ? "pipectl does not know this region; check its spelling."
                                  : "AWS regions look like eu-west-1 or us-east-2.";
  if (auto guess = nearest(region, known)) diagnostic.suggestion = *guess;
  diagnostics.add(std::move(diagnostic));
}

void check_version_constraint(const OptionValues& values, const std::string& key,
                              Diagnostics& diagnostics) {
  if (!values.has(key) || is_version_constraint(values.string(key))) return;
  diagnostics.error(DiagCode::InvalidValue, values.range(key),
                    "\"" + values.string(key) + "\" is not a Terraform version constraint",
                    "Write comma-separated conditions such as \">= 5.100, < 7.0\" or \"~> 6.0\".");
}

/// The backend's features set the oldest usable Terraform: an explicit constraint that admits
/// older releases is reported. (A default constraint follows the backend when it is rendered.)
void require_backend_version(const OptionValues& terraform, EnvironmentSettings& settings,
                             Diagnostics& diagnostics) {
  settings.terraform.required_version_explicit = terraform.has("required_version");
  auto minimum = settings.backend.minimum_terraform_version();
  if (!minimum || !settings.terraform.required_version_explicit) return;
  if (lowest_admitted_version(settings.terraform.required_version) >=
      lowest_admitted_version(*minimum)) {
    return;
  }
  diagnostics.add(make_diagnostic(DiagCode::InvalidCombination, terraform.range("required_version"),
                                  "\"" + settings.terraform.required_version +
                                      "\" admits Terraform releases without S3 native locking")
                      .with_severity(Severity::Warning)
                      .with_detail("backend.s3.use_lockfile needs Terraform or OpenTofu " +
                                   *minimum + " or later; older ones reject the backend.")
                      .with_suggestion(">= " + *minimum));
}

/// packaging: what decode_settings reads of it, before resolving paths.
struct PackagingSettings {
  std::optional<Located<std::string>> find_links;
};

OptionTable<PackagingSettings> packaging_options() {
  return {
      option(&PackagingSettings::find_links,
             OptionSpec::string("find_links",
                         "A folder of Python wheels (relative to the file that sets it) that pip "
                         "installs functions' requirements from, offline (pip --no-index "
                         "--find-links). The PIPECTL_FIND_LINKS environment variable overrides "
                         "it. Without either, pip uses its configured index.")),
  };
}

OptionTable<AwsConnection> aws_options() {
  return {
      option(&AwsConnection::endpoint,
             OptionSpec::string("endpoint",
                                "Point every AWS service at this URL (LocalStack, moto) with "
                                "test credentials, for local testing. Never set it for a real "
                                "account. `--aws-endpoint` on the command line overrides it.")),
  };
}

/// The mapping form of `naming`: a default rule and a rule for any kind, one key per kind the
/// registry holds, so a new kind gets its key without a change here.
const OptionSchema& naming_by_kind_options() {
  static const OptionSchema schema = [] {
    OptionSchema result;
    result.options.push_back(
        OptionSpec::string("default", "Rule for every kind without a rule of its own.")
            .or_default(kDefaultNamingRule));
    for (const std::string& kind : ModuleRegistry::builtin().kind_names()) {
      result.options.push_back(OptionSpec::string(kind, "Rule for " + kind + " components.")
                                   .or_default_note("the default rule"));
    }
    return result;
  }();
  return schema;
}

/// `naming` is one rule for every kind, or a mapping of a default rule and rules per kind.
NamingRules decode_naming(const OptionValues& values, const EnvironmentSettings& settings,
                          Diagnostics& diagnostics) {
  NamingRule base;
  base.project = settings.project;
  base.environment = settings.environment;
  base.region = settings.region;
  base.range = values.range("naming");
  NamingRules rules{base, {}};
  const SpecNode* node = values.value_node("naming");
  if (node == nullptr || node->is_null()) return rules;
  if (node->is_scalar()) {
    rules.fallback.pattern = node->text;
  } else if (node->is_map()) {
    std::vector<ReferenceUse> no_references;
    OptionValues by_kind = decode_options(*node, naming_by_kind_options(),
                                          {"\"naming\" of the spec", "naming.",
                                           values.key_range("naming")},
                                          no_references, diagnostics);
    rules.fallback.pattern = by_kind.string("default");
    rules.fallback.range = by_kind.range("default");
    for (const std::string& kind : ModuleRegistry::builtin().kind_names()) {
      if (!by_kind.has(kind)) continue;
      NamingRule rule = base;
      rule.pattern = by_kind.string(kind);
      rule.range = by_kind.range(kind);
      rules.by_kind.emplace(kind, std::move(rule));
    }
  } else {
    diagnostics.error(DiagCode::WrongType, node->range,
                      "\"naming\" must be a rule or a mapping of kinds to rules, not " +
                          node->describe_type(),
                      "Write `naming: \"{project}-{env}-{name}\"`, or `naming: {default: ..., "
                      "s3: \"{project}-{env}-{name}-{account}\"}`.");
    return rules;
  }
  check_naming_rule(rules.fallback, diagnostics);
  for (const auto& [kind, rule] : rules.by_kind) check_naming_rule(rule, diagnostics);
  return rules;
}

}  // namespace

void check_endpoint_url(const AwsConnection& aws, Diagnostics& diagnostics) {
  static const std::regex pattern(R"(https?://[A-Za-z0-9.\-\[\]:]+(:[0-9]{1,5})?/?)");
  if (std::regex_match(aws.endpoint, pattern)) return;
  diagnostics.error(aws.endpoint_origin.known() ? DiagCode::InvalidValue : DiagCode::InvalidArgument,
                    aws.endpoint_origin,
                    "\"" + aws.endpoint + "\" is not an endpoint URL",
                    "Give the emulator's base URL, e.g. http://127.0.0.1:4566 (LocalStack) or "
                    "http://127.0.0.1:5000 (moto).");
}

namespace {

const OptionTable<EnvironmentSettings>& top_level_options();

/// `lambda_sources: PATH`, relative to the file that sets it (like `extends`).
void resolve_lambda_sources(EnvironmentSettings& settings, Diagnostics& diagnostics) {
  if (!settings.lambda_sources_written) return;
  const SourceRange at = settings.lambda_sources_written->at;
  const std::string written = settings.lambda_sources_written->value;
  fs::path folder = (fs::path(at.file).parent_path() / written).lexically_normal();
  std::error_code error;
  if (written.empty() || !fs::is_directory(folder, error)) {
    diagnostics.error(DiagCode::SourceNotFound, at,
                      "The lambda_sources folder \"" + written + "\" does not exist (looked for " +
                          display_path(folder) + ")",
                      "The path is relative to " + at.file +
                          ", the file that sets it; create the folder or correct the path.");
    return;
  }
  settings.lambda_sources = fs::absolute(folder, error).lexically_normal();
  settings.lambda_sources_shown = display_path(folder);
}

}  // namespace

EnvironmentSettings decode_settings(const SpecNode& root, Diagnostics& diagnostics) {
  std::vector<ReferenceUse> no_references;
  const OptionValues values = decode_options(root, spec_top_level_options(),
                                             {"the spec", "", {}}, no_references, diagnostics);
  EnvironmentSettings settings = top_level_options().decode(values);
  settings.backend = decode_backend(values.object("backend"), settings.project,
                                    settings.environment, settings.region, diagnostics);
  require_backend_version(values.object("terraform"), settings, diagnostics);
  settings.aws.endpoint_origin = values.object("aws").range("endpoint");
  if (settings.aws.local()) check_endpoint_url(settings.aws, diagnostics);
  const PackagingSettings packaging = packaging_options().decode(values.object("packaging"));
  if (packaging.find_links) {
    // Relative to the file that wrote it, like `extends`.
    const Located<std::string>& find_links = *packaging.find_links;
    settings.find_links =
        (fs::path(find_links.at.file).parent_path() / find_links.value).lexically_normal();
  }
  settings.naming = decode_naming(values, settings, diagnostics);
  resolve_lambda_sources(settings, diagnostics);

  check_tags(values, "tags", diagnostics);
  check_identifier(values, "project", diagnostics);
  check_identifier(values, "environment", diagnostics);
  check_region(values, diagnostics);
  check_region(values.object("backend").object("s3"), diagnostics);
  check_version_constraint(values.object("terraform"), "required_version", diagnostics);
  check_version_constraint(values.object("terraform"), "aws_provider", diagnostics);
  return settings;
}

namespace {

/// The top level of the spec. `naming`, `backend` and `packaging` need more than a value (other
/// settings, the registry's kinds, the file that set them), so decode_settings reads them itself.
const OptionTable<EnvironmentSettings>& top_level_options() {
  static const OptionTable<EnvironmentSettings> table{
      declared<EnvironmentSettings>(OptionSpec::string(
          "extends",
          "Path of a base spec this file builds on, relative to this file. The base is merged "
          "first; this file overrides it (see Inheritance).")),
      option(&EnvironmentSettings::project,
             OptionSpec::string("project",
                                "Short project name; part of every AWS name. Lowercase letters, "
                                "digits and hyphens.")
                 .is_required()),
      option(&EnvironmentSettings::environment,
             OptionSpec::string("environment",
                                "Environment name such as prod or test; part of every AWS name.")
                 .is_required()),
      option(&EnvironmentSettings::region,
             OptionSpec::string("region", "AWS region to deploy to, e.g. eu-west-1.")
                 .is_required()),
      declared<EnvironmentSettings>(
          OptionSpec::custom("naming", "string or mapping",
                             "Rule for AWS names. Placeholders: {project}, {env}, {name} (the "
                             "component name), {region} and {account} (the AWS account id). A "
                             "mapping gives a `default` rule and rules for some kinds, e.g. "
                             "`s3: \"{project}-{env}-{name}-{account}\"` (see Naming).")
              .or_default(kDefaultNamingRule)),
      option(&EnvironmentSettings::tags,
             OptionSpec::string_map("tags",
                                    "Tags applied to every resource (the provider's "
                                    "default_tags).")),
      option(&EnvironmentSettings::terraform, "terraform", terraform_options(),
             "Versions of Terraform and of the AWS provider the output requires."),
      declared<EnvironmentSettings>(
          OptionSpec::object("backend", backend_options(),
                             "Where Terraform keeps the state (default: local state in the "
                             "output directory). In local endpoint mode the backend is left "
                             "out.")),
      option(&EnvironmentSettings::aws, "aws", aws_options(),
             "How the provider reaches AWS; `endpoint` selects local endpoint mode."),
      option(&EnvironmentSettings::lambda_sources_written,
             OptionSpec::string(
                 "lambda_sources",
                 "Folder holding the Lambda functions' source folders, relative to the file that "
                 "sets it (default: lambda_sources/ in the spec's folder or the nearest folder "
                 "above it). A `lambda` component's `source` names a folder inside it.")),
      declared<EnvironmentSettings>(
          OptionSpec::object("packaging", packaging_options().schema(),
                             "How Lambda packages get their Python dependencies.")),
      declared<EnvironmentSettings>(
          OptionSpec::custom("components", "a mapping of component names to components",
                             "The pipeline: each key names a component, each value gives its "
                             "`kind` and that kind's options.")
              .is_required()),
  };
  return table;
}

}  // namespace

const OptionSchema& spec_top_level_options() { return top_level_options().schema(); }

}  // namespace pipectl
