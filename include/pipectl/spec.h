#pragma once
/// The environment spec after loading: settings shared by every component, and the merged YAML
/// tree of the spec file and every file it extends.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipectl/backend.h"
#include "pipectl/naming.h"
#include "pipectl/option_values.h"
#include "pipectl/spec_node.h"

namespace pipectl {

/// Defaults are declared once, in the spec's option tables (decode_settings.cpp).
struct TerraformSettings {
  std::string required_version;
  /// Set in the spec; otherwise the rendered constraint follows the backend's needs.
  bool required_version_explicit = false;
  std::string aws_provider_version;
};

/// How the provider reaches AWS. Only a local endpoint for now: LocalStack or moto for tests.
struct AwsConnection {
  /// Every service of the environment is pointed at this URL, with test credentials and the
  /// provider's account and credential checks skipped. Empty: real AWS (the default).
  std::string endpoint;
  /// Where the endpoint was set: a spec location, or none when it came from the command line.
  SourceRange endpoint_origin;

  bool local() const { return !endpoint.empty(); }
};

/// Settings of one environment (the top level of the spec, except `components`).
struct EnvironmentSettings {
  std::string project;
  std::string environment;
  std::string region;
  NamingRules naming;
  std::map<std::string, std::string> tags;
  TerraformSettings terraform;
  BackendSettings backend;
  AwsConnection aws;

  /// The spec file as the user named it ("envs/prod/pipeline.yaml").
  std::string spec_display_path;
  /// The spec file relative to the project root, as generated files cite it.
  std::string spec_project_path;
  /// The nearest ancestor of the spec that holds `lambda_sources/` (or the spec's folder).
  std::filesystem::path project_root;
  /// The folder of function sources: the top-level `lambda_sources` (relative to the file that
  /// sets it), else `<project root>/lambda_sources`, else empty.
  std::filesystem::path lambda_sources;
  /// `lambda_sources` as the spec writes it; empty when the folder is found by convention.
  std::optional<Located<std::string>> lambda_sources_written;
  /// How messages name that folder: "lambda_sources", or the setting as the user's paths go.
  std::string lambda_sources_shown = "lambda_sources";
  /// packaging.find_links: a folder of wheels for pip, resolved against the file that set it.
  std::optional<std::filesystem::path> find_links;
  /// Every file read, the spec first, then what it extends.
  std::vector<std::string> files;
};

/// A loaded spec: settings plus the merged tree, whose `components` the decode pass reads.
struct LoadedSpec {
  EnvironmentSettings settings;
  SpecNode root;
};

}  // namespace pipectl
