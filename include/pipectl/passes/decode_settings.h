#pragma once
/// Part of pass 1: the top-level settings of a loaded spec — project, environment, region,
/// naming, tags, terraform versions, backend, AWS connection, Lambda sources and packaging —
/// decoded and checked from the merged tree.

#include "pipectl/diagnostic.h"
#include "pipectl/option_schema.h"
#include "pipectl/spec.h"
#include "pipectl/spec_node.h"

namespace pipectl {

/// The top-level keys of a spec (for decoding, documentation and suggestions).
const OptionSchema& spec_top_level_options();

/// Decodes everything at the top level of `root` but `components`.
EnvironmentSettings decode_settings(const SpecNode& root, Diagnostics& diagnostics);

/// Reports an AWS endpoint that is not an http(s) base URL (at the spec, or sourceless when it
/// came from the command line).
void check_endpoint_url(const AwsConnection& aws, Diagnostics& diagnostics);

}  // namespace pipectl
