#include "pipectl/suggest.h"

#include <algorithm>
#include <cctype>

namespace pipectl {
namespace {

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

/// How far a candidate may be from the input and still be offered: one edit for short words,
/// up to three for long ones (terraform's didyoumean uses three as well).
int max_distance(std::string_view input) {
  if (input.size() <= 3) return 1;
  if (input.size() <= 6) return 2;
  return 3;
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      int cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> nearest(std::string_view input,
                                   const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  int best_distance = max_distance(input) + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == input) continue;
    int distance = edit_distance(input, candidate);
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace pipectl
