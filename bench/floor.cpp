// The floor: the least any compiler built on yaml-cpp can do for a spec. It parses the spec with
// yaml-cpp, visits every scalar, and writes the same files with the same sizes as a pipectl
// render of that spec (read from a listing of "SIZE PATH" lines, made before timing starts) —
// plain writes, no staging, no syncing. bench/run compares pipectl's whole process with this one.
//
//   pipectl_floor SPEC LISTING OUTDIR

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

/// Bytes taken from every scalar of the document, so the output depends on the whole parse.
void collect_scalars(const YAML::Node& node, std::string& into) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      into += node.Scalar();
      into += '\n';
      break;
    case YAML::NodeType::Sequence:
      for (const auto& item : node) collect_scalars(item, into);
      break;
    case YAML::NodeType::Map:
      for (const auto& entry : node) {
        collect_scalars(entry.first, into);
        collect_scalars(entry.second, into);
      }
      break;
    default:
      break;
  }
}

struct OutputFile {
  std::size_t size = 0;
  std::string path;
};

std::vector<OutputFile> read_listing(const fs::path& listing) {
  std::vector<OutputFile> files;
  std::ifstream in(listing);
  OutputFile file;
  while (in >> file.size && std::getline(in >> std::ws, file.path)) files.push_back(file);
  return files;
}

bool write_file(const fs::path& path, const std::string& source, std::size_t size) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) return false;
  for (std::size_t written = 0; written < size;) {
    std::size_t chunk = std::min(size - written, source.size());
    written += std::fwrite(source.data(), 1, chunk, out);
  }
  return std::fclose(out) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: pipectl_floor SPEC LISTING OUTDIR\n";
    return 2;
  }
  YAML::Node spec = YAML::LoadFile(argv[1]);
  std::string scalars;
  collect_scalars(spec, scalars);
  if (scalars.empty()) scalars = "\n";
  fs::path out = argv[3];
  for (const OutputFile& file : read_listing(argv[2])) {
    fs::path path = out / file.path;
    fs::create_directories(path.parent_path());
    if (!write_file(path, scalars, file.size)) {
      std::cerr << "cannot write " << path << "\n";
      return 1;
    }
  }
  return 0;
}
