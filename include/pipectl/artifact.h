#pragma once
/// A built deployment package: what the packaging pass produces and render refers to.

#include <map>
#include <string>

namespace pipectl {

struct Artifact {
  std::string path;  ///< relative to the output directory: "artifacts/get-random-beer.zip"
  std::string bytes;
  std::string sha256_base64;  ///< what Terraform's filebase64sha256() gives for the file
};

/// Artifacts by component name.
using Artifacts = std::map<std::string, Artifact>;

}  // namespace pipectl
