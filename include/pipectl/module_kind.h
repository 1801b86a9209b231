#pragma once
/// ModuleKind: the one small interface every kind of component implements (modules/<kind>/).
/// Kinds hold no state; per-component data lives in Component and its ComponentConfig.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipectl/artifact.h"
#include "pipectl/diagnostic.h"
#include "pipectl/iam.h"
#include "pipectl/naming.h"
#include "pipectl/option_schema.h"
#include "pipectl/platform/pip.h"
#include "pipectl/source.h"

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

/// An attribute other components may read with `{ref: component.attribute}`, and the attribute of
/// the kind's main resource it reads.
struct ExportedAttribute {
  std::string name;                ///< "arn"
  std::string doc;                 ///< "the bucket ARN"
  std::string resource_type;       ///< "aws_s3_bucket"
  std::string resource_attribute;  ///< "arn"
};

/// What a kind is, as data: everything the core, the checks and the documentation read about a
/// kind without running its code.
struct KindDescriptor {
  std::string name;     ///< the `kind:` value, e.g. "kinesis"
  std::string summary;  ///< one line for documentation and `--help`
  /// Options specific to this kind (the common `kind`, `name` and `tags` are added by the core).
  OptionSchema options;
  /// What `{ref: component.attribute}` can read. Every kind exports at least name and arn.
  std::vector<ExportedAttribute> attributes;
  /// The rules for the component's main AWS name.
  const NameConstraints* name_constraints = nullptr;
  /// The AWS provider's endpoint names of the services its resources use ("kinesis", "logs"),
  /// so local endpoint mode can point exactly those at an emulator.
  std::vector<std::string> aws_services;
  /// The service principal whose role the component runs as ("lambda.amazonaws.com"); empty
  /// when the kind's service needs no role.
  std::string role_service;
};

/// An AWS name a component claims, checked against its service's rules and for uniqueness.
struct AwsName {
  const NameConstraints* constraints = nullptr;
  std::string name;
  /// The option that pinned it; empty when the naming rule made it.
  std::optional<SourceRange> pinned_at;
};

/// What the check pass may consult besides the graph.
struct CheckContext {
  const ResourceGraph& graph;
};

/// A kind: its descriptor and the few things only its own code can do.
class ModuleKind {
 public:
  virtual ~ModuleKind() = default;

  virtual const KindDescriptor& descriptor() const = 0;

  // Shorthands for the descriptor.
  std::string_view name() const { return descriptor().name; }
  std::string_view summary() const { return descriptor().summary; }
  const OptionSchema& options() const { return descriptor().options; }
  const std::vector<ExportedAttribute>& attributes() const { return descriptor().attributes; }
  const NameConstraints& name_constraints() const { return *descriptor().name_constraints; }
  const std::vector<std::string>& aws_services() const { return descriptor().aws_services; }
  /// The exported attribute `name`, or nullptr.
  const ExportedAttribute* attribute(std::string_view name) const;
  /// The Terraform expression for an exported attribute of a component of this kind; an
  /// attribute the kind does not export is a bug (build_graph rejects such references).
  tf::Expression attribute_expression(const Component& component, const std::string& attribute) const;

  /// AWS names the component claims besides its main one (a Glue database), after build_graph
  /// has named every component.
  virtual std::vector<AwsName> extra_aws_names(const Component&, const ResourceGraph&) const {
    return {};
  }

  /// Typed configuration from validated options; reports contradictions between options.
  virtual std::unique_ptr<ComponentConfig> decode(const Component& component,
                                                  const OptionValues& options,
                                                  Diagnostics& diagnostics) const = 0;
  /// Checks that need the whole graph or the file system.
  virtual void check(const Component&, const CheckContext&, Diagnostics&) const {}

  /// Security findings (PC4xxx) about the component's own settings. The findings pass calls it
  /// once IAM is derived; decoding reports errors only.
  virtual void report_findings(const Component&, Diagnostics&) const {}

  /// Checks the code the kind's components deploy, all of them at once (one interpreter run
  /// serves many functions). Files with errors go into `sources`, so diagnostics can quote them.
  virtual void check_code(const std::vector<const Component*>& /*components*/,
                          const ResourceGraph&, const PipOptions& /*tools*/, SourceFiles&,
                          Diagnostics&) const {}
  /// Builds the deployment packages of the kind's components that have one, by component name;
  /// render reads them from RenderContext::artifacts.
  virtual Artifacts package(const std::vector<const Component*>& /*components*/,
                            const ResourceGraph&, const PipOptions& /*tools*/,
                            Diagnostics&) const {
    return {};
  }

  /// The trust conditions and own statements of the role of a kind with a role_service.
  virtual RoleRequirements role(const Component&, const ResourceGraph&) const { return {}; }
  /// Statements that give another component's role `access` to this component. Resources are
  /// ARNs built from names (pipectl/aws_arn.h), never resource attributes, so that policies are
  /// known when Terraform plans.
  virtual std::vector<PolicyStatement> grant(const Component& self, const AccessRequest& request,
                                             const ResourceGraph& graph) const;

  /// Adds the component's resources and outputs to the document.
  virtual void render(const Component& component, const RenderContext& context,
                      TerraformDocument& document) const = 0;
};

}  // namespace pipectl
