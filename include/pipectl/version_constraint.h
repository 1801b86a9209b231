#pragma once
/// Terraform version constraints (">= 1.5.0, < 2.0", "~> 6.0"), as the spec's `terraform`
/// settings give them.

#include <array>
#include <string>

namespace pipectl {

/// Whether `text` is a comma-separated list of conditions Terraform accepts.
bool is_version_constraint(const std::string& text);

/// The lowest version a constraint admits ({0,0,0} if it has no lower bound).
std::array<long, 3> lowest_admitted_version(const std::string& constraint);

}  // namespace pipectl
