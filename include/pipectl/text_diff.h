#pragma once
/// A short, readable view of how a file changed: enough for a CI log to show what is stale, not a
/// full patch.

#include <cstddef>
#include <string>
#include <string_view>

namespace pipectl {

/// The first changed region of `before` → `after` as unified-diff-style lines ("@@ line N @@",
/// "-old", "+new", with up to two lines of context), at most `max_lines` changed lines per side.
/// Binary content (a NUL byte) is summarised by size instead. Empty if the texts are equal.
std::string first_difference(std::string_view before, std::string_view after,
                             std::size_t max_lines = 8);

/// `diff` (lines as first_difference writes them) with ANSI colours for a terminal: removed
/// lines red, added lines green, the `@@` and `---`/`+++` headers cyan and bold.
std::string colorize_diff(std::string_view diff);

}  // namespace pipectl
