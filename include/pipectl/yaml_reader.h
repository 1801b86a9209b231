#pragma once
/// Parsing YAML text into SpecNodes (the only place that talks to yaml-cpp).

#include <optional>
#include <string>
#include <string_view>

#include "pipectl/diagnostic.h"
#include "pipectl/spec_node.h"

namespace pipectl {

/// Parses one YAML document. Syntax errors, several documents in one file and non-scalar keys are
/// reported as located diagnostics; the result is empty when the text is not usable at all.
/// Duplicate keys are kept (in order) so later passes can report them with both locations.
std::optional<SpecNode> read_yaml(std::string_view text, const std::string& display_path,
                                  Diagnostics& diagnostics);

}  // namespace pipectl
