#include "pipectl/platform/zip_writer.h"

#include <sys/stat.h>
#include <zip.h>
#include <zlib.h>

#include <memory>

#include "pipectl/platform/file_system.h"
#include "pipectl/platform/paths.h"
#include "pipectl/platform/sha256.h"

namespace pipectl {
namespace {

// The zip epoch in MS-DOS format: date 1980-01-01 (year 0, month 1, day 1), time 00:00:00.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;

Failure fail(const std::string& what, zip_error_t* error) {
  Failure failure{"Cannot build the zip archive (" + what + "): " + zip_error_strerror(error)};
  zip_error_fini(error);
  return failure;
}

Failure fail(const std::string& what, zip_t* archive) {
  Failure failure{"Cannot build the zip archive (" + what + "): " + zip_strerror(archive)};
  zip_discard(archive);
  return failure;
}

Outcome<void> add_entry(zip_t* archive, const ZipEntry& entry) {
  zip_source_t* source = zip_source_buffer(archive, entry.data.data(), entry.data.size(), 0);
  if (source == nullptr) return fail("adding " + entry.name, archive);
  zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return fail("adding " + entry.name, archive);
  }
  auto i = static_cast<zip_uint64_t>(index);
  zip_uint32_t mode = S_IFREG | (entry.executable ? 0755u : 0644u);
  if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 9) != 0 ||
      zip_file_set_dostime(archive, i, kDosTime, kDosDate, 0) != 0 ||
      zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, mode << 16) != 0) {
    return fail("setting the attributes of " + entry.name, archive);
  }
  return {};
}

Outcome<std::string> read_all(zip_source_t* source) {
  zip_stat_t stat;
  if (zip_source_stat(source, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE)) {
    return Failure{"Cannot read back the zip archive."};
  }
  std::string bytes(stat.size, '\0');
  if (zip_source_open(source) != 0) return Failure{"Cannot open the zip archive."};
  zip_int64_t read = zip_source_read(source, bytes.data(), bytes.size());
  zip_source_close(source);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    return Failure{"Short read of the zip archive."};
  }
  return bytes;
}

}  // namespace

Outcome<std::string> build_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) return fail("creating its buffer", &error);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> owner(buffer, &zip_source_free);
  zip_source_keep(buffer);  // keep the bytes after zip_close()
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) return fail("opening it", &error);
  for (const ZipEntry& entry : entries) {
    if (auto added = add_entry(archive, entry); !added) return Failure{added.error()};
  }
  if (zip_close(archive) != 0) return fail("writing it", archive);
  zip_error_fini(&error);
  return read_all(buffer);
}

namespace {

/// Everything the archive's bytes depend on, hashed: a change to any entry, to this format or to
/// the compressor gives another name.
std::string cache_key(const std::vector<ZipEntry>& entries) {
  std::string material = std::string("pipectl-zip-1\0", 14) + zip_libzip_version() + '\0' +
                         zlibVersion() + '\0';
  for (const ZipEntry& entry : entries) {
    material += entry.name + '\0' + (entry.executable ? "x" : "-") + std::to_string(entry.data.size()) +
                '\0';
    material += entry.data;
  }
  return hex(sha256(material));
}

/// A whole archive: the first local header at the start, the end-of-central-directory record
/// (with no comment) at the end. Anything else in the cache is compressed again.
bool looks_whole(const std::string& bytes) {
  return bytes.size() >= 22 && bytes.compare(0, 4, "PK\x03\x04") == 0 &&
         bytes.compare(bytes.size() - 22, 4, "PK\x05\x06") == 0;
}

}  // namespace

Outcome<std::string> build_zip_cached(const std::vector<ZipEntry>& entries,
                                      const std::filesystem::path& cache_dir) {
  if (cache_dir.empty()) return build_zip(entries);
  std::filesystem::path cached = cache_dir / "packages" / (cache_key(entries) + ".zip");
  if (auto bytes = read_file(cached); bytes && looks_whole(*bytes)) return std::move(*bytes);
  auto zip = build_zip(entries);
  if (!zip) return zip;
  std::error_code ignored;
  std::filesystem::create_directories(cached.parent_path(), ignored);
  (void)replace_file(cached, *zip);  // a cache that cannot be written costs a compression next time
  return zip;
}

}  // namespace pipectl
