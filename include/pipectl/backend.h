#pragma once
/// Where Terraform keeps the environment's state: local state by default, or an S3 backend
/// declared in the spec (`backend: {s3: {...}}`), rendered into `terraform { backend "s3" }`.
///
/// A backend may be partial: values it leaves out (typically `bucket`) are supplied when
/// terraform initializes the directory (`pipectl plan --backend-config bucket=...`), so a spec
/// that is committed to a repository names no account-specific storage.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/located.h"
#include "pipectl/option_schema.h"
#include "pipectl/option_values.h"

namespace pipectl {

/// Defaults are declared once, in the option table (backend.cpp); key and region default to
/// values of the environment, filled in by decode_backend.
struct S3Backend {
  std::optional<Located<std::string>> bucket;  ///< absent: supplied at init (partial configuration)
  Located<std::string> key;                    ///< defaults to <project>/<env>/terraform.tfstate
  std::string region;                          ///< defaults to the environment's region
  Located<bool> encrypt;
  std::optional<std::string> kms_key_id;
  Located<bool> use_lockfile;
  std::optional<Located<std::string>> dynamodb_table;  ///< deprecated locking, with a warning
  std::optional<std::string> workspace_key_prefix;
  std::optional<Located<std::string>> role_arn;
  std::optional<std::string> profile;
};

struct BackendSettings {
  std::optional<S3Backend> s3;

  bool remote() const { return s3.has_value(); }
  /// True when terraform needs values at init that the spec does not give.
  bool partial() const { return s3 && !s3->bucket; }
  /// The oldest Terraform/OpenTofu release that supports this backend's features.
  std::optional<std::string> minimum_terraform_version() const;
  /// One line for people: "S3 bucket acme-state, key beer/prod/terraform.tfstate".
  std::string describe() const;
};

/// The schema of the top-level `backend` key.
OptionSchema backend_options();

/// Reads the validated `backend` values and checks them: names, key form, deprecated locking.
/// `project`, `environment` and `region` supply the defaults.
BackendSettings decode_backend(const OptionValues& backend, const std::string& project,
                               const std::string& environment, const std::string& region,
                               Diagnostics& diagnostics);

/// Findings about where the state is kept: unencrypted, or unlocked.
void report_backend_findings(const BackendSettings& backend, Diagnostics& diagnostics);

/// The `backend` property of Terraform JSON's `terraform` block.
nlohmann::json render_backend(const BackendSettings& backend);

}  // namespace pipectl
