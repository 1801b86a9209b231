#pragma once
/// A decoded value with the place in the spec it came from, so checks that run after decoding
/// can point at the option without reading the raw options again.

#include <utility>

#include "pipectl/source.h"

namespace pipectl {

template <class T>
struct Located {
  T value{};
  /// Where the value was written; for a default, the key that owns the option.
  SourceRange at;
};

}  // namespace pipectl
