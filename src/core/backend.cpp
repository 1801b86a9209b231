#include "pipectl/backend.h"

#include <regex>

#include "pipectl/naming.h"

namespace pipectl {
namespace {

OptionSchema s3_backend_options() {
  return {
      OptionSpec::string("bucket",
                         "The S3 bucket that holds the state. Leave it out to supply it when "
                         "terraform initializes (`pipectl plan ENV --backend-config "
                         "bucket=NAME`), so the spec names no account's storage."),
      OptionSpec::string("key", "The state object's key in the bucket.")
          .or_default_note("<project>/<environment>/terraform.tfstate"),
      OptionSpec::string("region", "The bucket's region.").or_default_note("the spec's region"),
      OptionSpec::boolean("encrypt", "Encrypt the state object at rest (server-side).")
          .or_default(true),
      OptionSpec::string("kms_key_id",
                         "ARN of a customer KMS key for the state object (default: S3's key)."),
      OptionSpec::boolean("use_lockfile",
                          "Lock the state with a lock object next to it (S3 native locking; "
                          "needs Terraform or OpenTofu 1.10 or later).")
          .or_default(true),
      OptionSpec::string("dynamodb_table",
                         "Deprecated: lock through a DynamoDB table. Accepted for existing "
                         "setups, with a warning; use `use_lockfile` instead."),
      OptionSpec::string("workspace_key_prefix",
                         "Prefix of the state keys of non-default workspaces (default env:)."),
      OptionSpec::string("role_arn", "An IAM role terraform assumes to reach the state."),
      OptionSpec::string("profile", "A named AWS profile terraform uses to reach the state."),
  };
}

std::optional<std::string> optional_value(const OptionValues& values, const std::string& key) {
  return values.has(key) ? std::optional<std::string>(values.string(key)) : std::nullopt;
}

void check_state_key(const OptionValues& values, const std::string& key, Diagnostics& diagnostics) {
  std::string value = values.string(key);
  if (!values.has(key)) return;
  if (value.empty() || value.front() == '/' || value.back() == '/' ||
      value.find("//") != std::string::npos) {
    diagnostics.error(DiagCode::InvalidValue, values.range(key),
                      "\"" + value + "\" is not a usable state key",
                      "Write an S3 object key without a leading or trailing \"/\" and without "
                      "empty segments, e.g. beer-pipeline/prod/terraform.tfstate.");
  }
}

void check_role_arn(const OptionValues& values, Diagnostics& diagnostics) {
  static const std::regex pattern(R"(arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]+)");
  if (!values.has("role_arn") || std::regex_match(values.string("role_arn"), pattern)) return;
  diagnostics.error(DiagCode::InvalidValue, values.range("role_arn"),
                    "\"" + values.string("role_arn") + "\" is not an IAM role ARN",
                    "A role ARN looks like arn:aws:iam::123456789012:role/terraform-state.");
}

S3Backend decode_s3(const OptionValues& values, const std::string& project,
                    const std::string& environment, const std::string& region,
                    Diagnostics& diagnostics) {
  S3Backend s3;
  s3.bucket = optional_value(values, "bucket");
  s3.key = values.has("key") ? values.string("key")
                             : project + "/" + environment + "/terraform.tfstate";
  s3.region = values.has("region") ? values.string("region") : region;
  s3.encrypt = values.located_boolean("encrypt");
  s3.kms_key_id = optional_value(values, "kms_key_id");
  s3.use_lockfile = values.located_boolean("use_lockfile");
  s3.dynamodb_table = optional_value(values, "dynamodb_table");
  s3.workspace_key_prefix = optional_value(values, "workspace_key_prefix");
  s3.role_arn = optional_value(values, "role_arn");
  s3.profile = optional_value(values, "profile");

  if (s3.bucket) {
    if (auto problem = name_problem(*s3.bucket, names::kS3Bucket)) {
      diagnostics.error(DiagCode::InvalidAwsName, values.range("bucket"),
                        "\"" + *s3.bucket + "\" is not a valid S3 bucket name",
                        "The name " + *problem + ".");
    }
  }
  check_state_key(values, "key", diagnostics);
  check_role_arn(values, diagnostics);
  if (s3.dynamodb_table) {
    diagnostics.add(
        make_diagnostic(DiagCode::DeprecatedOption, values.key_range("dynamodb_table"),
                        "DynamoDB state locking is deprecated")
            .with_detail(s3.use_lockfile.value
                            ? "Terraform 1.11 and OpenTofu 1.10 lock in S3 itself "
                              "(use_lockfile, on here). Keep the table only while older "
                              "clients still run, then remove `dynamodb_table`."
                            : "Set `use_lockfile: true` (S3 native locking) and remove "
                              "`dynamodb_table` once no older client uses the state."));
  }
  return s3;
}

}  // namespace

OptionSchema backend_options() {
  return {
      OptionSpec::object("s3", s3_backend_options(),
                         "Keep the state in an S3 bucket (Terraform's `s3` backend)."),
  };
}

BackendSettings decode_backend(const OptionValues& backend, const std::string& project,
                               const std::string& environment, const std::string& region,
                               Diagnostics& diagnostics) {
  BackendSettings settings;
  if (backend.has("s3")) {
    settings.s3 = decode_s3(backend.object("s3"), project, environment, region, diagnostics);
  }
  return settings;
}

std::optional<std::string> BackendSettings::minimum_terraform_version() const {
  if (s3 && s3->use_lockfile.value) return "1.10.0";
  return std::nullopt;
}

std::string BackendSettings::describe() const {
  if (!s3) return "local state (terraform.tfstate in the output directory)";
  std::string text = "S3 bucket " + (s3->bucket ? *s3->bucket : "(given at init)") + ", key " +
                     s3->key;
  return text;
}

void report_backend_findings(const BackendSettings& backend, Diagnostics& diagnostics) {
  if (!backend.s3) return;
  const S3Backend& s3 = *backend.s3;
  if (!s3.encrypt.value) {
    diagnostics.add(make_diagnostic(DiagCode::EncryptionDisabled, s3.encrypt.at,
                                    "The Terraform state is stored unencrypted")
                        .with_detail("State holds every resource's attributes, secrets "
                                     "included. Remove `encrypt: false`."));
  }
  if (!s3.use_lockfile.value && !s3.dynamodb_table) {
    diagnostics.add(make_diagnostic(DiagCode::StateNotLocked, s3.use_lockfile.at,
                                    "The Terraform state is not locked")
                        .with_detail("Two runs at once can corrupt it. Remove "
                                     "`use_lockfile: false` (S3 native locking)."));
  }
}

nlohmann::json render_backend(const BackendSettings& backend) {
  if (!backend.s3) return nullptr;
  const S3Backend& s3 = *backend.s3;
  nlohmann::json block = {{"key", s3.key}, {"region", s3.region}, {"encrypt", s3.encrypt.value}};
  if (s3.bucket) block["bucket"] = *s3.bucket;
  if (s3.kms_key_id) block["kms_key_id"] = *s3.kms_key_id;
  if (s3.use_lockfile.value) block["use_lockfile"] = true;
  if (s3.dynamodb_table) block["dynamodb_table"] = *s3.dynamodb_table;
  if (s3.workspace_key_prefix) block["workspace_key_prefix"] = *s3.workspace_key_prefix;
  if (s3.role_arn) block["assume_role"] = {{"role_arn", *s3.role_arn}};
  if (s3.profile) block["profile"] = *s3.profile;
  return {{"s3", block}};
}

}  // namespace pipectl
