#pragma once
// Two small kinds and a registry of them, so the passes that only move components around
// (decode_components, build_graph, check_graph) are specified without the six real kinds:
//   tap:  `feeds` a pool (write access), `after` other taps (a dependency that can form a cycle),
//         `wakes` a tap (a reference outside the exports, like a schedule's target).
//   pool: `size` 1–10 (default 1); exports name, arn and `depth`.

#include <string>

#include "pipectl/module_registry.h"
#include "pipectl/resource_graph.h"
#include "pipectl/spec.h"

namespace pipectl::testing {

/// A pool's typed options.
struct PoolConfig : ComponentConfig {
  Located<std::int64_t> size;
};

const ModuleRegistry& fake_registry();

/// A spec of project "shop", environment "dev", region eu-west-1, read from `yaml` (the
/// components: mapping and anything else at the top level) as file "spec.yaml".
LoadedSpec fake_spec(const std::string& yaml);

/// decode_components then build_graph on fake_spec(yaml), as compile_environment runs them.
ResourceGraph fake_graph(const std::string& yaml, Diagnostics& diagnostics);

}  // namespace pipectl::testing
