// Specs of the right shape with random values: components of the registered kinds with options
// from each kind's own declarations (the same tables the loader checks against), holding values
// near and past every range, choices misspelt, references to real and unknown components. Every
// pass runs; a valid result must also render the same bytes twice (determinism).

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "pipectl/module_registry.h"

namespace pipectl::fuzz {
namespace {

class SpecGenerator {
 public:
  explicit SpecGenerator(FuzzedDataProvider& input) : input_(input) {}

  nlohmann::json spec() {
    const auto& kinds = ModuleRegistry::builtin().kinds();
    std::size_t count = input_.ConsumeIntegralInRange<std::size_t>(1, 6);
    for (std::size_t i = 0; i < count; ++i) names_.push_back("c" + std::to_string(i));
    nlohmann::json components = nlohmann::json::object();
    for (const std::string& name : names_) {
      const ModuleKind& kind = *kinds[input_.ConsumeIntegralInRange<std::size_t>(0, kinds.size() - 1)];
      nlohmann::json component = options(kind.options(), 0);
      component["kind"] = std::string(kind.name());
      components[name] = component;
    }
    nlohmann::json spec = {{"project", "fuzz"}, {"environment", "dev"}, {"region", "eu-west-1"},
                           {"components", components}};
    if (input_.ConsumeBool()) spec["naming"] = text();
    return spec;
  }

 private:
  nlohmann::json options(const OptionSchema& schema, int depth) {
    nlohmann::json result = nlohmann::json::object();
    for (const OptionSpec& option : schema.options) {
      if (input_.remaining_bytes() == 0) break;
      if (!option.required && input_.ConsumeBool()) continue;
      result[option.name] = value(option, depth);
    }
    if (input_.ConsumeProbability<double>() < 0.05) result[text()] = text();  // an unknown key
    return result;
  }

  nlohmann::json value(const OptionSpec& option, int depth) {
    if (input_.ConsumeProbability<double>() < 0.05) return text();  // a value of the wrong type
    switch (option.type) {
      case OptionType::Integer:
        return integer(option);
      case OptionType::Boolean:
        return input_.ConsumeBool();
      case OptionType::Enum:
        if (!option.choices.empty() && input_.ConsumeBool()) {
          return option.choices[input_.ConsumeIntegralInRange<std::size_t>(0, option.choices.size() - 1)];
        }
        return text();
      case OptionType::Reference:
        return name();
      case OptionType::ReferenceList:
      case OptionType::StringList: {
        nlohmann::json list = nlohmann::json::array();
        std::size_t items = input_.ConsumeIntegralInRange<std::size_t>(0, 3);
        for (std::size_t i = 0; i < items; ++i) {
          list.push_back(option.type == OptionType::ReferenceList ? name() : text());
        }
        return list;
      }
      case OptionType::StringMap:
        return {{text(), text()}};
      case OptionType::ValueMap: {
        nlohmann::json map = nlohmann::json::object();
        map["VALUE"] = text();
        map["REF"] = {{"ref", name() + (input_.ConsumeBool() ? ".arn" : "")}};
        return map;
      }
      case OptionType::Object:
        return depth < 3 ? options(*option.fields, depth + 1) : nlohmann::json::object();
      case OptionType::ObjectList:
        return depth < 3 ? nlohmann::json::array({options(*option.fields, depth + 1)})
                         : nlohmann::json::array();
      case OptionType::String:
      case OptionType::Custom:
        return text();
    }
    return nullptr;
  }

  /// Near and past the bounds, where checks go wrong; sometimes anything.
  std::int64_t integer(const OptionSpec& option) {
    std::int64_t low = option.min.value_or(0), high = option.max.value_or(100000);
    switch (input_.ConsumeIntegralInRange<int>(0, 5)) {
      case 0: return low;
      case 1: return low - 1;
      case 2: return high;
      case 3: return high + 1;
      case 4: return input_.ConsumeIntegralInRange<std::int64_t>(low, high);
      default: return input_.ConsumeIntegral<std::int64_t>();
    }
  }

  std::string name() {
    if (!names_.empty() && input_.ConsumeProbability<double>() < 0.8) {
      return names_[input_.ConsumeIntegralInRange<std::size_t>(0, names_.size() - 1)];
    }
    return text();
  }

  std::string text() { return input_.ConsumeRandomLengthString(40); }

  FuzzedDataProvider& input_;
  std::vector<std::string> names_;
};

}  // namespace
}  // namespace pipectl::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pipectl::fuzz::warm_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pipectl;
  FuzzedDataProvider input(data, size);
  nlohmann::json spec = fuzz::SpecGenerator(input).spec();
  // JSON is YAML: the spec file is the document as JSON text.
  fuzz::write("envs/dev/pipeline.yaml",
              spec.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  Compilation first = fuzz::compile_dev();
  fuzz::check_invariants(first);
  if (first.ok()) {
    Compilation second = fuzz::compile_dev();
    if (second.output.files != first.output.files) {
      std::fprintf(stderr, "fuzz invariant violated: the same spec rendered different bytes\n");
      std::abort();
    }
  }
  return 0;
}
