#pragma once
/// A built deployment package: what the packaging pass produces and render refers to.

#include <map>
#include <memory>
#include <string>

namespace pipectl {

struct Artifact {
  std::string path;  ///< relative to the output directory: "artifacts/get-random-beer.zip" (named after its source folder)
  std::string bytes;
  std::string sha256_base64;  ///< what Terraform's filebase64sha256() gives for the file
};

/// Artifacts by component name. Components built from the same package share one artifact (and
/// one file): a thousand functions from two source folders make two zips.
using Artifacts = std::map<std::string, std::shared_ptr<const Artifact>>;

}  // namespace pipectl
