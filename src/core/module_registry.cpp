#include "pipectl/module_registry.h"

#include <algorithm>
#include <stdexcept>

namespace pipectl {

const OptionSchema& common_component_options() {
  static const OptionSchema options = {
      OptionSpec::string("kind", "The module kind of the component.").is_required(),
      OptionSpec::string("name",
                         "Pins the exact AWS name instead of the one the naming rule gives. "
                         "Use it only when a name must not change (e.g. an existing bucket); a "
                         "pinned name is the same in every environment that inherits it.")
          .or_default_note("from the naming rule"),
      OptionSpec::string_map("tags",
                             "Tags for this component's resources, added to the environment's "
                             "default tags (a key here wins)."),
  };
  return options;
}

ModuleRegistry::ModuleRegistry(std::vector<std::unique_ptr<ModuleKind>> kinds)
    : kinds_(std::move(kinds)) {
  std::sort(kinds_.begin(), kinds_.end(),
            [](const auto& a, const auto& b) { return a->name() < b->name(); });
  for (const auto& kind : kinds_) {
    OptionSchema schema = common_component_options();
    for (const OptionSpec& option : kind->options().options) {
      if (schema.find(option.name) != nullptr) {
        throw std::logic_error("kind " + std::string(kind->name()) + " redefines common option " +
                               option.name);
      }
      schema.options.push_back(option);
    }
    schemas_.push_back(std::move(schema));
  }
}

const ModuleKind* ModuleRegistry::find(std::string_view name) const {
  for (const auto& kind : kinds_) {
    if (kind->name() == name) return kind.get();
  }
  return nullptr;
}

std::vector<std::string> ModuleRegistry::kind_names() const {
  std::vector<std::string> names;
  for (const auto& kind : kinds_) names.emplace_back(kind->name());
  return names;
}

const OptionSchema& ModuleRegistry::component_schema(const ModuleKind& kind) const {
  for (std::size_t i = 0; i < kinds_.size(); ++i) {
    if (kinds_[i].get() == &kind) return schemas_[i];
  }
  throw std::logic_error("kind not registered: " + std::string(kind.name()));
}

}  // namespace pipectl
