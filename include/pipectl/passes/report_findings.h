#pragma once
/// Pass 7: security findings — after IAM is derived, the one place that decides what is unsafe
/// and reports it (PC4xxx): wildcards in the roles, each kind's own settings (a public bucket,
/// an unencrypted stream, logs kept for ever) and the state backend. Findings are warnings;
/// they never stop rendering, and `--strict` makes them fail.

#include "pipectl/diagnostic.h"
#include "pipectl/iam.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

void report_findings(const ResourceGraph& graph, const DerivedRoles& roles,
                     Diagnostics& diagnostics);

}  // namespace pipectl
