#include "pipectl/module_kind.h"

#include <stdexcept>

#include "pipectl/resource_graph.h"
#include "pipectl/terraform_expr.h"

namespace pipectl {

const ExportedAttribute* ModuleKind::attribute(std::string_view name) const {
  for (const ExportedAttribute& exported : attributes()) {
    if (exported.name == name) return &exported;
  }
  return nullptr;
}

tf::Expression ModuleKind::attribute_expression(const Component& component,
                                             const std::string& attribute_name) const {
  const ExportedAttribute* exported = attribute(attribute_name);
  if (exported == nullptr) {
    throw std::logic_error("kind " + std::string(name()) + " exports no attribute " +
                           attribute_name);
  }
  return tf::ref(exported->resource_type, component.id(), exported->resource_attribute);
}

std::vector<PolicyStatement> ModuleKind::grant(const Component&, const AccessRequest&,
                                               const ResourceGraph&) const {
  return {};
}

}  // namespace pipectl
