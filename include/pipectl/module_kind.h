#pragma once
/// ModuleKind: the one small interface every kind of component implements (modules/<kind>/).
/// Kinds hold no state; per-component data lives in Component and its ComponentConfig.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/iam.h"
#include "pipectl/naming.h"
#include "pipectl/option_schema.h"

namespace pipectl {

struct Component;
class ResourceGraph;
class TerraformDocument;
struct RenderContext;
class OptionValues;

/// A kind's decoded, typed options. Each kind derives its own.
class ComponentConfig {
 public:
  virtual ~ComponentConfig() = default;
};

/// An attribute other components may read with `{ref: component.attribute}`.
struct ExportedAttribute {
  std::string name;
  std::string doc;
};

/// An AWS name a component claims, checked against its service's rules and for uniqueness.
struct AwsName {
  const NameConstraints* constraints = nullptr;
  std::string name;
  /// The option that pinned it; empty when the naming rule made it.
  std::optional<SourceRange> pinned_at;
};

/// What to package for a component: the files of a folder and, for Python code, the dependencies
/// its requirements.txt names, installed for the target runtime.
struct PackageRequest {
  std::filesystem::path source;
  std::string shown_as;                ///< how messages name the folder: lambda_sources/fn
  SourceRange named_at;                ///< where the spec names the folder
  std::filesystem::path requirements;  ///< empty when there is nothing to install
  std::string python_version;          ///< "3.13"
  std::string architecture;            ///< "x86_64" or "arm64"
};

/// What the check pass may consult besides the graph.
struct CheckContext {
  const ResourceGraph& graph;
};

class ModuleKind {
 public:
  virtual ~ModuleKind() = default;

  /// The `kind:` value, e.g. "kinesis".
  virtual std::string_view name() const = 0;
  /// One line for documentation and `--help`.
  virtual std::string_view summary() const = 0;
  /// Options specific to this kind (the common `kind`, `name` and `tags` are added by the core).
  virtual const OptionSchema& options() const = 0;
  /// Attributes `{ref: component.attribute}` can read. Every kind exports at least name and arn.
  virtual const std::vector<ExportedAttribute>& attributes() const = 0;
  /// The rules for the component's main AWS name.
  virtual const NameConstraints& name_constraints() const = 0;
  /// AWS names the component claims besides its main one (a Glue database), after build_graph
  /// has named every component.
  virtual std::vector<AwsName> extra_aws_names(const Component&, const ResourceGraph&) const {
    return {};
  }
  /// The AWS provider's endpoint names of the services its resources use ("kinesis", "logs"),
  /// so local endpoint mode can point exactly those at an emulator.
  virtual std::vector<std::string> aws_services() const = 0;

  /// Typed configuration from validated options; reports contradictions between options.
  virtual std::unique_ptr<ComponentConfig> decode(const Component& component,
                                                  const OptionValues& options,
                                                  Diagnostics& diagnostics) const = 0;
  /// Whether the reference written at `option` feeds the resources other components can refer to
  /// (the exported attributes). A schedule's `target` does not: the rule stands alone and only
  /// its separate target and permission resources use the function, so a reference back to the
  /// rule from the function is no Terraform cycle.
  virtual bool reference_feeds_exports(std::string_view /*option*/) const { return true; }

  /// Checks that need the whole graph or the file system.
  virtual void check(const Component&, const CheckContext&, Diagnostics&) const {}

  /// What makes up the component's deployment package, if it has one. The package_lambdas pass
  /// builds it; render reads the result from RenderContext::artifacts.
  virtual std::optional<PackageRequest> package(const Component&, const ResourceGraph&) const {
    return std::nullopt;
  }

  /// The role this component's service assumes, if it needs one.
  virtual std::optional<RoleRequirements> role(const Component&, const ResourceGraph&) const {
    return std::nullopt;
  }
  /// Statements that give another component's role `access` to this component. Resources are
  /// ARNs built from names (pipectl/aws_arn.h), never resource attributes, so that policies are
  /// known when Terraform plans.
  virtual std::vector<PolicyStatement> grant(const Component& self, const AccessRequest& request,
                                             const ResourceGraph& graph) const;

  /// The Terraform expression for an exported attribute of a component of this kind.
  virtual std::string attribute_expression(const Component& component,
                                           const std::string& attribute) const = 0;
  /// Adds the component's resources and outputs to the document.
  virtual void render(const Component& component, const RenderContext& context,
                      TerraformDocument& document) const = 0;
};

}  // namespace pipectl
