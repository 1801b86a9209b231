#include "pipectl/spec_merge.h"

#include <algorithm>

namespace pipectl {

SpecNode merge_spec(SpecNode base, const SpecNode& patch) {
  if (!patch.is_map() || !base.is_map()) return patch;
  for (const SpecEntry& change : patch.entries) {
    auto existing = std::find_if(base.entries.begin(), base.entries.end(),
                                 [&](const SpecEntry& entry) { return entry.key == change.key; });
    if (change.value.is_null()) {
      if (existing != base.entries.end()) base.entries.erase(existing);
      continue;
    }
    if (existing == base.entries.end()) {
      base.entries.push_back(change);
      continue;
    }
    existing->value = merge_spec(std::move(existing->value), change.value);
    existing->key_range = change.key_range;
  }
  base.range = patch.range;
  return base;
}

}  // namespace pipectl
