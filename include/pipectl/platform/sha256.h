#pragma once
/// SHA-256 (OpenSSL's libcrypto) and the encodings Terraform compares hashes in.

#include <string>
#include <string_view>

namespace pipectl {

/// The 32-byte digest of `data`.
std::string sha256(std::string_view data);
/// Standard base64 with padding, as Terraform's filebase64sha256() prints digests.
std::string base64(std::string_view data);
/// Lowercase hex.
std::string hex(std::string_view data);

}  // namespace pipectl
