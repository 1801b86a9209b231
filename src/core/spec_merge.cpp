#include "pipectl/spec_merge.h"

#include <map>

namespace pipectl {

SpecNode merge_spec(SpecNode base, const SpecNode& patch) {
  if (!patch.is_map() || !base.is_map()) return patch;
  // Index the base once: specs with thousands of components merge in linear time.
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < base.entries.size(); ++i) index.emplace(base.entries[i].key, i);
  std::vector<bool> removed(base.entries.size(), false);
  // Patch keys are unique (duplicates are reported and dropped when a file is read).
  for (const SpecEntry& change : patch.entries) {
    auto existing = index.find(change.key);
    if (change.value.is_null()) {
      if (existing != index.end()) removed[existing->second] = true;
      continue;
    }
    if (existing == index.end()) {
      base.entries.push_back(change);
      removed.push_back(false);
      continue;
    }
    // The key keeps the base's location: that is where the mapping was declared.
    SpecEntry& target = base.entries[existing->second];
    target.value = merge_spec(std::move(target.value), change.value);
  }
  std::vector<SpecEntry> kept;
  kept.reserve(base.entries.size());
  for (std::size_t i = 0; i < base.entries.size(); ++i) {
    if (!removed[i]) kept.push_back(std::move(base.entries[i]));
  }
  base.entries = std::move(kept);
  base.range = patch.range;
  return base;
}

}  // namespace pipectl
