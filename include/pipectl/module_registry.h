#pragma once
/// The registry of module kinds, built from modules/module_kinds.def. Registration is explicit:
/// no static initialisers, whose order is unspecified and which static libraries drop.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipectl/module_kind.h"

namespace pipectl {

class ModuleRegistry {
 public:
  /// The kinds pipectl ships, in name order.
  static const ModuleRegistry& builtin();

  explicit ModuleRegistry(std::vector<std::unique_ptr<ModuleKind>> kinds);

  const ModuleKind* find(std::string_view name) const;
  std::vector<std::string> kind_names() const;
  const std::vector<std::unique_ptr<ModuleKind>>& kinds() const { return kinds_; }

  /// Every key a component of `kind` accepts: the common keys, then the kind's own.
  const OptionSchema& component_schema(const ModuleKind& kind) const;

 private:
  std::vector<std::unique_ptr<ModuleKind>> kinds_;
  std::vector<OptionSchema> schemas_;  // parallel to kinds_
};

/// Keys every component accepts, whatever its kind: kind, name, tags.
const OptionSchema& common_component_options();

}  // namespace pipectl
