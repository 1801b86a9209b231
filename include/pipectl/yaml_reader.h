#pragma once
/// Parsing YAML text into SpecNodes (the only place that talks to yaml-cpp).

#include <optional>
#include <string>
#include <string_view>

#include "pipectl/diagnostic.h"
#include "pipectl/spec_node.h"

namespace pipectl {

/// What one spec file may hold. Each limit is applied while the file is read, before the work it
/// guards, so no input can make pipectl take long or much memory to reject it.
struct YamlLimits {
  std::size_t max_scalar_bytes = 64 * 1024;
  int max_depth = 64;
  std::size_t max_nodes = 1'000'000;
  /// Values copied by aliases (*name), in all: an alias bomb stops here.
  std::size_t max_alias_nodes = 100'000;
  /// Entries of one mapping or items of one list. The largest a spec needs is its components,
  /// which SpecLimits caps at 50,000 with a more specific error; this is twice that, so it only
  /// stops what no spec needs (a file of a million tags) early and cheaply.
  std::size_t max_entries = 100'000;
};

/// The text as the reader and every diagnostic see it: without a UTF-8 byte-order mark, and with
/// CR LF and lone CR line ends turned into LF (YAML treats all three as line breaks), so lines and
/// columns are right and no snippet carries a raw carriage return.
std::string normalize_source(std::string text);

/// Parses one YAML document of normalised text. Syntax errors, characters YAML forbids, unclosed
/// quotes, several documents in one file, non-scalar keys and exceeded limits are reported as
/// located diagnostics; the result is empty when the text is not usable at all. Duplicate keys
/// are kept (in order) so later passes can report them with both locations.
std::optional<SpecNode> read_yaml(std::string_view text, const std::string& display_path,
                                  Diagnostics& diagnostics, const YamlLimits& limits = {});

}  // namespace pipectl
