#include "pipectl/diagnostic.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "pipectl/views/diagnostics_view.h"

namespace pipectl {
namespace {

SourceRange at(int line, int column, int end_column) {
  return {"envs/prod/pipeline.yaml", {line, column}, {line, end_column}};
}

TEST(Diagnostics, CountsErrorsAndWarningsSeparately) {
  Diagnostics diagnostics;
  diagnostics.error(DiagCode::UnknownKey, at(1, 1, 2), "Unknown key");
  diagnostics.add(make_diagnostic(DiagCode::NamingRuleWithoutEnv, at(2, 1, 2), "No env"));
  EXPECT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(diagnostics.warning_count(), 1u);
  EXPECT_TRUE(diagnostics.has_errors());
}

TEST(Diagnostics, SortsByFileLineAndColumnWhateverTheOrderAdded) {
  Diagnostics diagnostics;
  diagnostics.error(DiagCode::UnknownKey, at(9, 3, 4), "third");
  diagnostics.error(DiagCode::UnknownKey, at(2, 7, 8), "second");
  diagnostics.error(DiagCode::UnknownKey, at(2, 1, 2), "first");
  diagnostics.error(DiagCode::InvalidArgument, {}, "sourceless first");
  auto sorted = diagnostics.sorted();
  ASSERT_EQ(sorted.size(), 4u);
  EXPECT_EQ(sorted[0].summary, "sourceless first");
  EXPECT_EQ(sorted[1].summary, "first");
  EXPECT_EQ(sorted[2].summary, "second");
  EXPECT_EQ(sorted[3].summary, "third");
}

TEST(Diagnostics, EveryCatalogCodeIsUniqueAndWellFormed) {
  std::set<std::string_view> codes;
  for (const DiagInfo& info : all_diagnostic_kinds()) {
    EXPECT_TRUE(codes.insert(info.code).second) << "duplicate code " << info.code;
    EXPECT_EQ(info.code.size(), 6u);
    EXPECT_EQ(info.code.substr(0, 2), "PC");
    EXPECT_FALSE(info.title.empty());
  }
}

TEST(DiagnosticPrinter, QuotesTheSourceLineWithACaretUnderTheSubject) {
  SourceFiles sources;
  sources.add("envs/prod/pipeline.yaml", "components:\n  stream:\n    shard_cont: 2\n");
  Diagnostic d = make_diagnostic(DiagCode::UnknownKey, SourceRange{"envs/prod/pipeline.yaml",
                                                                   {3, 5}, {3, 15}},
                                 "Unknown key \"shard_cont\"")
                     .with_detail("Valid keys here: \"shards\".")
                     .with_suggestion("shards");
  std::ostringstream out;
  print_diagnostics_text(out, {d}, sources);
  EXPECT_EQ(out.str(),
            "envs/prod/pipeline.yaml:3:5: error[PC1003]: Unknown key \"shard_cont\"\n"
            " 3 |     shard_cont: 2\n"
            "   |     ^~~~~~~~~~\n"
            "  Valid keys here: \"shards\".\n"
            "  did you mean \"shards\"?\n"
            "\n");
}

TEST(DiagnosticPrinter, GithubAnnotationsCarryTheLocationAndEscapeTheirText) {
  Diagnostic error = make_diagnostic(DiagCode::UnknownKey,
                                     SourceRange{"envs/prod/pipeline.yaml", {3, 5}, {3, 15}},
                                     "Unknown key \"shard_cont\"")
                         .with_detail("Valid keys: a, b: 100%")
                         .with_suggestion("shards");
  Diagnostic warning = make_diagnostic(DiagCode::PublicBucket,
                                       SourceRange{"envs/a,b:c.yaml", {7, 3}, {8, 1}},
                                       "Bucket is public");
  Diagnostic unplaced = make_diagnostic(DiagCode::WriteFailed, std::nullopt, "Cannot write");
  std::ostringstream out;
  print_diagnostics_github(out, {error, warning, unplaced});
  EXPECT_EQ(out.str(),
            "::error file=envs/prod/pipeline.yaml,line=3,col=5,endColumn=15,title=pipectl "
            "PC1003::Unknown key \"shard_cont\"%0AValid keys: a, b: 100%25%0ADid you mean "
            "\"shards\"?\n"
            "::warning file=envs/a%2Cb%3Ac.yaml,line=7,col=3,title=pipectl PC4003::Bucket is "
            "public\n"
            "::error title=pipectl PC5002::Cannot write\n");
  EXPECT_EQ(github_escape("a\r\nb"), "a%0D%0Ab");
}

TEST(DiagnosticPrinter, CaretsLineUpUnderNonAsciiText) {
  SourceFiles sources;
  std::string text = "name: \"ééé\" # x\nb: 1\n";
  sources.add("u.yaml", text);
  Diagnostics parse;
  // Column 14 is the '#': 13 characters precede it, but 16 bytes.
  Diagnostic d = make_diagnostic(DiagCode::UnknownKey, SourceRange{"u.yaml", {1, 13}, {1, 14}}, "x");
  std::ostringstream out;
  print_diagnostics_text(out, {d}, sources);
  EXPECT_NE(out.str().find(" 1 | name: \"ééé\" # x\n   |             ^\n"), std::string::npos)
      << out.str();
}

TEST(DiagnosticPrinter, PrintsRelatedLocationsAsNotes) {
  SourceFiles sources;
  sources.add("a.yaml", "x: 1\nx: 2\n");
  Diagnostic d = make_diagnostic(DiagCode::DuplicateKey, SourceRange{"a.yaml", {2, 1}, {2, 2}},
                                 "Duplicate key \"x\"")
                     .with_related(SourceRange{"a.yaml", {1, 1}, {1, 2}}, "first defined here");
  std::ostringstream out;
  print_diagnostics_text(out, {d}, sources);
  EXPECT_NE(out.str().find("  note: a.yaml:1:1: first defined here\n 1 | x: 1\n   | ^\n"),
            std::string::npos)
      << out.str();
}

TEST(DiagnosticPrinter, JsonHasTerraformValidateShapeWithCode) {
  SourceFiles sources;
  sources.add("a.yaml", "kind: s4\n");
  Diagnostics diagnostics;
  diagnostics.add(make_diagnostic(DiagCode::UnknownKind, SourceRange{"a.yaml", {1, 7}, {1, 9}},
                                  "Unknown kind \"s4\"")
                      .with_suggestion("s3"));
  auto json = diagnostics_to_json(diagnostics, sources);
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["error_count"], 1);
  const auto& d = json["diagnostics"][0];
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["code"], "PC1010");
  EXPECT_EQ(d["suggestion"], "s3");
  EXPECT_EQ(d["range"]["filename"], "a.yaml");
  EXPECT_EQ(d["range"]["start"]["line"], 1);
  EXPECT_EQ(d["range"]["start"]["column"], 7);
  EXPECT_EQ(d["file"], "a.yaml");
  EXPECT_EQ(d["line"], 1);
  EXPECT_EQ(d["column"], 7);
  EXPECT_EQ(d["snippet"]["code"], "kind: s4");
}

TEST(DiagnosticPrinter, SummaryLineCountsBoth) {
  Diagnostics diagnostics;
  EXPECT_EQ(diagnostics_summary_line(diagnostics), "");
  diagnostics.error(DiagCode::UnknownKey, {}, "a");
  diagnostics.error(DiagCode::UnknownKey, {}, "b");
  diagnostics.add(make_diagnostic(DiagCode::UnknownRegion, {}, "c"));
  EXPECT_EQ(diagnostics_summary_line(diagnostics), "2 errors, 1 warning");
}

}  // namespace
}  // namespace pipectl
