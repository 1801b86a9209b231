#pragma once
/// AWS resource tags: the rules every service shares, checked where tags are written.

#include <map>
#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/option_values.h"

namespace pipectl {

/// AWS accepts at most this many tags on one resource (default tags included).
inline constexpr std::size_t kMaxTagsPerResource = 50;

/// Checks the StringMap option `key` of `values` as tags: keys of 1–128 characters that do not
/// start with the reserved `aws:`, values of at most 256 characters, only the characters AWS
/// allows. Each problem is reported at the offending key or value.
void check_tags(const OptionValues& values, const std::string& key, Diagnostics& diagnostics);

}  // namespace pipectl
