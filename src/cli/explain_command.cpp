#include <iostream>

#include "cli/commands.h"
#include "pipectl/views/diagnostics_view.h"
#include "pipectl/views/reference_doc.h"
#include "pipectl/suggest.h"
#include "pipectl/text.h"

namespace pipectl::cli {

void add_explain_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = app.add_subcommand(
      "explain", "Show the spec reference: every key of the top level or of one kind");
  auto kind_name = std::make_shared<std::string>();
  command->add_option("KIND", *kind_name, "A module kind (omit for the whole reference)");
  command->callback([&globals, &result, kind_name] {
    const ModuleRegistry& registry = ModuleRegistry::builtin();
    if (kind_name->empty()) {
      std::cout << spec_reference(registry);
      return;
    }
    if (const ModuleKind* kind = registry.find(*kind_name)) {
      std::cout << kind_reference(*kind, registry);
      return;
    }
    Compilation report;  // carries the diagnostic to the shared printer
    auto diagnostic = make_diagnostic(DiagCode::InvalidArgument, std::nullopt,
                                      "Unknown kind \"" + *kind_name + "\"");
    diagnostic.detail = "Kinds: " + quoted_list(registry.kind_names()) + ".";
    if (auto guess = nearest(*kind_name, registry.kind_names())) diagnostic.suggestion = *guess;
    report.diagnostics.add(std::move(diagnostic));
    result.exit_code = report_diagnostics(report, globals);
  });
}

}  // namespace pipectl::cli
