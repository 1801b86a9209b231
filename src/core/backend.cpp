#include "pipectl/backend.h"

#include <regex>

#include "pipectl/naming.h"
#include "pipectl/option_table.h"

namespace pipectl {
namespace {

const OptionTable<S3Backend>& s3_backend_options() {
  static const OptionTable<S3Backend> table{
      option(&S3Backend::bucket,
             OptionSpec::string("bucket",
                                "The S3 bucket that holds the state. Leave it out to supply it "
                                "when terraform initializes (`pipectl plan ENV --backend-config "
                                "bucket=NAME`), so the spec names no account's storage.")),
      option(&S3Backend::key,
             OptionSpec::string("key", "The state object's key in the bucket.")
                 .or_default_note("<project>/<environment>/terraform.tfstate")),
      option(&S3Backend::region, OptionSpec::string("region", "The bucket's region.")
                                     .or_default_note("the spec's region")),
      option(&S3Backend::encrypt,
             OptionSpec::boolean("encrypt", "Encrypt the state object at rest (server-side).")
                 .or_default(true)),
      option(&S3Backend::kms_key_id,
             OptionSpec::string("kms_key_id",
                                "ARN of a customer KMS key for the state object (default: S3's "
                                "key).")),
      option(&S3Backend::use_lockfile,
             OptionSpec::boolean("use_lockfile",
                                 "Lock the state with a lock object next to it (S3 native "
                                 "locking; needs Terraform or OpenTofu 1.10 or later).")
                 .or_default(true)),
      option(&S3Backend::dynamodb_table,
             OptionSpec::string("dynamodb_table",
                                "Deprecated: lock through a DynamoDB table. Accepted for existing "
                                "setups, with a warning; use `use_lockfile` instead.")),
      option(&S3Backend::workspace_key_prefix,
             OptionSpec::string("workspace_key_prefix",
                                "Prefix of the state keys of non-default workspaces (default "
                                "env:).")),
      option(&S3Backend::role_arn,
             OptionSpec::string("role_arn", "An IAM role terraform assumes to reach the state.")),
      option(&S3Backend::profile,
             OptionSpec::string("profile",
                                "A named AWS profile terraform uses to reach the state.")),
  };
  return table;
}

void check_state_key(const Located<std::string>& key, Diagnostics& diagnostics) {
  const std::string& value = key.value;
  if (value.empty() || value.front() == '/' || value.back() == '/' ||
      value.find("//") != std::string::npos) {
    diagnostics.error(DiagCode::InvalidValue, key.at,
                      "\"" + value + "\" is not a usable state key",
                      "Write an S3 object key without a leading or trailing \"/\" and without "
                      "empty segments, e.g. beer-pipeline/prod/terraform.tfstate.");
  }
}

void check_role_arn(const Located<std::string>& role, Diagnostics& diagnostics) {
  static const std::regex pattern(R"(arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]+)");
  if (std::regex_match(role.value, pattern)) return;
  diagnostics.error(DiagCode::InvalidValue, role.at,
                    "\"" + role.value + "\" is not an IAM role ARN",
                    "A role ARN looks like arn:aws:iam::123456789012:role/terraform-state.");
}

void check_s3(const S3Backend& s3, Diagnostics& diagnostics) {
  if (s3.bucket) {
    if (auto problem = name_problem(s3.bucket->value, names::kS3Bucket)) {
      diagnostics.error(DiagCode::InvalidAwsName, s3.bucket->at,
                        "\"" + s3.bucket->value + "\" is not a valid S3 bucket name",
                        "The name " + *problem + ".");
    }
  }
  if (s3.role_arn) check_role_arn(*s3.role_arn, diagnostics);
  if (!s3.dynamodb_table) return;
  diagnostics.add(
      make_diagnostic(DiagCode::DeprecatedOption, s3.dynamodb_table->at,
                      "DynamoDB state locking is deprecated")
          .with_detail(s3.use_lockfile.value
                           ? "Terraform 1.11 and OpenTofu 1.10 lock in S3 itself "
                             "(use_lockfile, on here). Keep the table only while older "
                             "clients still run, then remove `dynamodb_table`."
                           : "Set `use_lockfile: true` (S3 native locking) and remove "
                             "`dynamodb_table` once no older client uses the state."));
}

S3Backend decode_s3(const OptionValues& values, const std::string& project,
                    const std::string& environment, const std::string& region,
                    Diagnostics& diagnostics) {
  S3Backend s3 = s3_backend_options().decode(values);
  if (!values.has("region")) s3.region = region;
  if (values.has("key")) {
    check_state_key(s3.key, diagnostics);
  } else {
    s3.key.value = project + "/" + environment + "/terraform.tfstate";
  }
  check_s3(s3, diagnostics);
  return s3;
}

}  // namespace

OptionSchema backend_options() {
  return {
      OptionSpec::object("s3", s3_backend_options().schema(),
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
  std::string text = "S3 bucket " + (s3->bucket ? s3->bucket->value : "(given at init)") +
                     ", key " + s3->key.value;
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
  nlohmann::json block = {
      {"key", s3.key.value}, {"region", s3.region}, {"encrypt", s3.encrypt.value}};
  if (s3.bucket) block["bucket"] = s3.bucket->value;
  if (s3.kms_key_id) block["kms_key_id"] = *s3.kms_key_id;
  if (s3.use_lockfile.value) block["use_lockfile"] = true;
  if (s3.dynamodb_table) block["dynamodb_table"] = s3.dynamodb_table->value;
  if (s3.workspace_key_prefix) block["workspace_key_prefix"] = *s3.workspace_key_prefix;
  if (s3.role_arn) block["assume_role"] = {{"role_arn", s3.role_arn->value}};
  if (s3.profile) block["profile"] = *s3.profile;
  return {{"s3", block}};
}

}  // namespace pipectl
