// The kinds pipectl ships, one per line of module_kinds.def. The core declares
// ModuleRegistry::builtin() and never names a kind; this file, in the modules layer, is the one
// place that knows them all.
#include "pipectl/module_registry.h"

namespace pipectl {

namespace modules {
#define PIPECTL_MODULE(kind) std::unique_ptr<ModuleKind> make_##kind##_module();
#include "modules/module_kinds.def"
#undef PIPECTL_MODULE
}  // namespace modules

const ModuleRegistry& ModuleRegistry::builtin() {
  static const ModuleRegistry registry([] {
    std::vector<std::unique_ptr<ModuleKind>> kinds;
#define PIPECTL_MODULE(kind) kinds.push_back(modules::make_##kind##_module());
#include "modules/module_kinds.def"
#undef PIPECTL_MODULE
    return kinds;
  }());
  return registry;
}

}  // namespace pipectl
