#pragma once
/// The one way the platform layer reports failure: an operation returns Outcome<T>, its value or a
/// sentence saying what went wrong ("Cannot create x: Permission denied."). The platform knows
/// nothing of diagnostics; the passes above turn a failure into one, with the place in the spec it
/// concerns. Exceptions are left for bugs.

#include <string>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace pipectl {

struct Failure {
  std::string message;
};

/// A failure whose message is formatted with fmt: failure("Cannot read {}: {}.", path, why).
template <class... Args>
Failure failure(fmt::format_string<Args...> format, Args&&... args) {
  return {fmt::format(format, std::forward<Args>(args)...)};
}

template <class T>
class [[nodiscard]] Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Outcome(Failure failure) : state_(std::move(failure)) {}  // NOLINT(google-explicit-constructor)

  explicit operator bool() const { return std::holds_alternative<T>(state_); }
  T& operator*() { return std::get<T>(state_); }
  const T& operator*() const { return std::get<T>(state_); }
  T* operator->() { return &std::get<T>(state_); }
  const T* operator->() const { return &std::get<T>(state_); }
  /// Why it failed (precondition: it did).
  const std::string& error() const { return std::get<Failure>(state_).message; }

 private:
  std::variant<T, Failure> state_;
};

/// An operation that gives back nothing but success or a failure.
template <>
class [[nodiscard]] Outcome<void> {
 public:
  Outcome() = default;
  Outcome(Failure failure) : failure_(std::move(failure.message)), failed_(true) {}  // NOLINT

  explicit operator bool() const { return !failed_; }
  const std::string& error() const { return failure_; }

 private:
  std::string failure_;
  bool failed_ = false;
};

}  // namespace pipectl
