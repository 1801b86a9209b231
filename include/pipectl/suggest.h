#pragma once
/// "Did you mean ...?" suggestions for misspelt keys, kinds and component names.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipectl {

/// Optimal-string-alignment distance (insertions, deletions, substitutions and adjacent
/// transpositions each cost 1), compared case-insensitively.
int edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `input` if it is close enough to be a plausible typo. Ties go to the
/// lexicographically smallest candidate, so the answer never depends on the candidates' order.
std::optional<std::string> nearest(std::string_view input, const std::vector<std::string>& candidates);

}  // namespace pipectl
