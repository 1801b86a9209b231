#pragma once
/// Deep merge of a base spec and an overriding spec (the rules of `extends:`), as in JSON Merge
/// Patch (RFC 7386): mappings merge key by key, a null value removes the key, and every other
/// value (scalars and lists) replaces the base value whole. Each merged value keeps the source
/// range of the file that set it.

#include "pipectl/spec_node.h"

namespace pipectl {

/// Returns `base` with `patch` applied. Keys keep the base's order; new keys follow in the patch's.
SpecNode merge_spec(SpecNode base, const SpecNode& patch);

}  // namespace pipectl
