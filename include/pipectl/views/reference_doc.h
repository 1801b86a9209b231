#pragma once
/// The spec reference, generated from the same option tables the compiler checks against, so
/// the documentation cannot drift from the code. `pipectl explain` prints it; docs/spec.md
/// embeds it (a test keeps the copy current).

#include <string>

#include "pipectl/module_registry.h"

namespace pipectl {

/// Markdown reference of the top-level keys.
std::string top_level_reference();
/// Markdown reference of one kind: summary, keys (with nested mappings), attributes, AWS name.
std::string kind_reference(const ModuleKind& kind, const ModuleRegistry& registry);
/// The whole reference: top level, then every kind in name order.
std::string spec_reference(const ModuleRegistry& registry);

}  // namespace pipectl
