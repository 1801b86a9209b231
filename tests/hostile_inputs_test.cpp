// Inputs written to break pipectl: bytes that used to hang the YAML parser, files and values far
// over every limit, characters YAML forbids, unclosed quotes, byte-order marks, foreign line ends,
// unreadable files and link loops. Each is the real CLI run as a child process on a throw-away
// project; each must end with exit code 1 and one precise diagnostic (file:line:column, code,
// message), quickly and in little memory, and never crash an output format.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::ChildOptions;
using testing::ChildRun;
using testing::spec_header;
using testing::TestProject;

/// A child still running after this many seconds is a hang: it is killed and the test fails.
constexpr double kTimeLimitSeconds = 20;
/// What rejecting any input may cost (outside AddressSanitizer builds).
constexpr double kMaxCpuSeconds = 1.0;
constexpr long kMaxRssKb = 100 * 1024;

/// `pipectl ARGS --color never`, run in the project's root folder (so files are named
/// envs/dev/pipeline.yaml in messages), with `environment` changed in the child.
ChildRun pipectl(const TestProject& project, const std::vector<std::string>& arguments,
                 std::map<std::string, std::optional<std::string>> environment = {}) {
  std::vector<std::string> argv{PIPECTL_BINARY};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  argv.push_back("--color");
  argv.push_back("never");
  ChildOptions options;
  options.environment = std::move(environment);
  options.working_directory = project.root();
  options.time_limit_seconds = kTimeLimitSeconds;
  return testing::run_child(argv, options);
}

ChildRun validate(const TestProject& project,
                  std::map<std::string, std::optional<std::string>> environment = {}) {
  return pipectl(project, {"validate", "envs/dev"}, std::move(environment));
}

std::string describe(const ChildRun& run) {
  return "exit " + std::to_string(run.exit_code) + (run.killed ? " (killed at the time limit)" : "") +
         (run.signal ? " (signal " + std::to_string(run.signal) + ")" : "") + ", " +
         std::to_string(run.cpu_seconds) + " s CPU, " + std::to_string(run.max_rss_kb) +
         " KiB\n--- stdout\n" + run.out.substr(0, 4000) + "\n--- stderr\n" + run.err.substr(0, 4000);
}

/// Finished by itself, and cheaply. The bounds are on CPU time (user + system), not wall time:
/// the machine running the suite is shared, and time spent waiting for a CPU is not work pipectl
/// did. AddressSanitizer inflates both CPU time and memory several times over, so under it only
/// the hang check applies.
void expect_quick_and_small(const ChildRun& run) {
  EXPECT_FALSE(run.killed) << "pipectl hung\n" << describe(run);
  if constexpr (!testing::kBuiltWithAddressSanitizer) {
    EXPECT_LT(run.cpu_seconds, kMaxCpuSeconds) << describe(run);
    EXPECT_LT(run.max_rss_kb, kMaxRssKb) << describe(run);
  }
}

/// The first line of a located text diagnostic: "FILE:LINE:COL: error[CODE]: SUMMARY".
std::string located(const std::string& file, int line, int column, const std::string& code,
                    const std::string& summary) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error[" + code +
         "]: " + summary;
}

/// stderr starts with `first_line`, and it is the only error.
void expect_one_error(const ChildRun& run, const std::string& first_line) {
  EXPECT_EQ(run.exit_code, 1) << describe(run);
  EXPECT_EQ(run.err.substr(0, run.err.find('\n')), first_line) << describe(run);
  EXPECT_TRUE(run.err.ends_with("\n1 error\n")) << describe(run);
}

std::size_t code_points(std::string_view line) {
  return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

/// The longest line of `text`, in characters.
std::size_t longest_line(const std::string& text) {
  std::size_t longest = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    longest = std::max(longest, code_points(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  return longest;
}

/// A spec with one Lambda function `fn` (lines 4-7), to which tests append options at line 8.
std::string function_spec() {
  return spec_header() + "components:\n  fn:\n    kind: lambda\n    source: fn\n";
}

// --- 1. Inputs that used to hang --------------------------------------------------------------
// yaml-cpp 0.7 returns the same empty document for ever at a stray "," (upstream issue 1040);
// pipectl used to spin at full CPU with memory growing until it was killed.

void expect_stray_comma_error(const std::string& spec, int line, int column) {
  TestProject project;
  project.write_spec(spec);
  auto run = validate(project);
  expect_one_error(run, located("envs/dev/pipeline.yaml", line, column, "PC1002",
                                "Invalid YAML: unexpected \",\""));
  expect_quick_and_small(run);
}

TEST(HostileInputs, ASpecThatIsOnlyACommaIsAnErrorNotAHang) {
  expect_stray_comma_error(",", 1, 1);
}

TEST(HostileInputs, ACommaAfterTheDocumentStartMarkerIsAnErrorNotAHang) {
  expect_stray_comma_error("--- ,", 1, 5);
}

TEST(HostileInputs, ACommaAfterAnAnchorIsAnErrorNotAHang) {
  expect_stray_comma_error("&x ,", 1, 4);
}

TEST(HostileInputs, ACommaAfterTheDocumentEndMarkerIsAnErrorNotAHang) {
  expect_stray_comma_error("a: 1\n...\n,", 3, 1);
}

TEST(HostileInputs, ABaseFileStartingWithACommaIsAnErrorInTheBaseNotAHang) {
  TestProject project;
  project.write("envs/base.yaml", ",\nproject: shop\n");
  project.write_spec("extends: ../base.yaml\nenvironment: dev\n");
  auto run = validate(project);
  expect_one_error(run, located("envs/base.yaml", 1, 1, "PC1002", "Invalid YAML: unexpected \",\""));
  EXPECT_NE(run.err.find(" 1 | ,\n   | ^\n"), std::string::npos) << describe(run);
  expect_quick_and_small(run);
}

// --- 2. Size limits ---------------------------------------------------------------------------

TEST(HostileInputs, ASpecFileOverTheSizeLimitIsRejectedBeforeItIsRead) {
  TestProject project;
  project.write_spec(spec_header() + "components: {}\n# " + std::string(10 * 1024, 'x') + "\n");
  auto size = fs::file_size(project.root() / "envs/dev/pipeline.yaml");
  auto run = validate(project, {{"PIPECTL_MAX_SPEC_BYTES", "4096"}});
  expect_one_error(run, "pipectl: error[PC1001]: Cannot read spec file \"envs/dev/pipeline.yaml\": "
                        "it is " + std::to_string(size) + " bytes, more than the limit of 4096");
  EXPECT_NE(run.err.find("Set PIPECTL_MAX_SPEC_BYTES to allow larger spec files."),
            std::string::npos)
      << describe(run);
  expect_quick_and_small(run);
}

TEST(HostileInputs, ABaseFileOverTheSizeLimitIsReportedAtTheExtendsValue) {
  TestProject project;
  project.write("envs/base.yaml", "project: shop\nregion: eu-west-1\ncomponents: {}\n# " +
                                      std::string(10 * 1024, 'x') + "\n");
  project.write_spec("extends: ../base.yaml\nenvironment: dev\n");
  auto size = fs::file_size(project.root() / "envs/base.yaml");
  auto run = validate(project, {{"PIPECTL_MAX_SPEC_BYTES", "4096"}});
  expect_one_error(run, located("envs/dev/pipeline.yaml", 1, 10, "PC1001",
                                "Cannot read base spec \"envs/base.yaml\": it is " +
                                    std::to_string(size) + " bytes, more than the limit of 4096"));
  EXPECT_NE(run.err.find(" 1 | extends: ../base.yaml\n   |          ^~~~~~~~~~~~\n"),
            std::string::npos)
      << describe(run);
  expect_quick_and_small(run);
}

TEST(HostileInputs, TheDefaultSizeLimitRejectsA20MiBSpecQuickly) {
  TestProject project;
  const std::uintmax_t size = 20u * 1024 * 1024;
  {
    // A valid start, then one long comment: written in one piece, not line by line.
    std::string text = spec_header() + "components: {}\n# ";
    text.resize(size - 1, 'x');
    text += '\n';
    project.write_spec(text);
  }
  ASSERT_EQ(fs::file_size(project.root() / "envs/dev/pipeline.yaml"), size);
  auto run = validate(project, {{"PIPECTL_MAX_SPEC_BYTES", std::nullopt}});
  expect_one_error(run, "pipectl: error[PC1001]: Cannot read spec file \"envs/dev/pipeline.yaml\": "
                        "it is 20971520 bytes, more than the limit of 16777216");
  expect_quick_and_small(run);
}

TEST(HostileInputs, AValueOverTheScalarLimitIsRejectedAtItsPosition) {
  TestProject project;
  project.write_spec(function_spec() + "    description: " + std::string(100 * 1024, 'x') + "\n");
  auto run = validate(project);
  expect_one_error(run, located("envs/dev/pipeline.yaml", 8, 18, "PC1002",
                                "A value of 102400 bytes, over the limit of 65536 bytes"));
  EXPECT_LT(run.err.size(), 10u * 1024) << describe(run);
  expect_quick_and_small(run);
}

TEST(HostileInputs, NestingTenThousandDeepStopsAtTheDepthLimitWithAShortSnippet) {
  TestProject project;
  project.write_spec("a: " + std::string(10'000, '[') + "\n");
  auto run = validate(project);
  EXPECT_EQ(run.exit_code, 1) << describe(run);
  // yaml-cpp reads each "[" of an unclosed run as both a list and a possible mapping key, so
  // the limit is met halfway along the first 64 brackets; the line is what matters here.
  EXPECT_TRUE(run.err.starts_with("envs/dev/pipeline.yaml:1:")) << describe(run);
  EXPECT_NE(run.err.find(": error[PC1002]: The document nests deeper than 64 levels\n"),
            std::string::npos)
      << describe(run);
  EXPECT_TRUE(run.err.ends_with("\n1 error\n")) << describe(run);
  // The snippet is a window around the caret, not the 10,003-character line.
  auto quoted = run.err.find("\n 1 | a: [[[");
  ASSERT_NE(quoted, std::string::npos) << describe(run);
  std::string snippet = run.err.substr(quoted + 1);
  snippet = snippet.substr(0, snippet.find('\n'));
  EXPECT_LE(code_points(snippet), 130u) << snippet;
  EXPECT_LT(run.err.size(), 2048u) << describe(run);
  expect_quick_and_small(run);

  // Closed brackets nest one level each: the 65th level (the 64th bracket, under the top-level
  // mapping) is the first too deep.
  project.write_spec("a: " + std::string(10'000, '[') + std::string(10'000, ']') + "\n");
  auto closed = validate(project);
  expect_one_error(closed, located("envs/dev/pipeline.yaml", 1, 67, "PC1002",
                                   "The document nests deeper than 64 levels"));
  expect_quick_and_small(closed);
}

TEST(HostileInputs, AnAliasBombStopsAtTheAliasThatCrossesTheLimit) {
  // Nine levels of ten aliases each would expand to a billion values.
  std::string text = spec_header() + "components: {}\n";  // lines 1-4
  text += "x-a: &a [x, x, x, x, x, x, x, x, x, x]\n";      // line 5
  std::string previous = "a";
  for (char name = 'b'; name <= 'i'; ++name) {            // lines 6-13
    std::string list = "[";
    for (int i = 0; i < 10; ++i) list += (i ? ", *" : "*") + previous;
    text += "x-" + std::string(1, name) + ": &" + name + " " + list + "]\n";
    previous = std::string(1, name);
  }
  TestProject project;
  project.write_spec(text);
  auto run = validate(project);
  // Lines 6-8 copy 110 + 1,110 + 11,110 values; on line 9 each *d copies 11,111 more, and the
  // eighth (column 38) passes 100,000.
  expect_one_error(run, located("envs/dev/pipeline.yaml", 9, 38, "PC1002",
                                "YAML aliases expand to more than 100000 values"));
  expect_quick_and_small(run);
}

/// envs/dev/pipeline.yaml extends envs/c1.yaml, which extends c2.yaml, … up to c<bases>.yaml.
void write_extends_chain(TestProject& project, int bases) {
  project.write_spec("extends: ../c1.yaml\nenvironment: dev\n");
  for (int i = 1; i < bases; ++i) {
    project.write("envs/c" + std::to_string(i) + ".yaml",
                  "# base " + std::to_string(i) + "\nextends: c" + std::to_string(i + 1) + ".yaml\n");
  }
  project.write("envs/c" + std::to_string(bases) + ".yaml",
                "project: shop\nregion: eu-west-1\ncomponents:\n  lake: {kind: s3}\n");
}

TEST(HostileInputs, AnExtendsChainOfSeventeenFilesIsReportedAtTheSixteenthFilesExtends) {
  TestProject project;
  write_extends_chain(project, 16);  // the environment and 16 bases: 17 files
  auto run = validate(project);
  // The environment is the 1st file, c15.yaml the 16th; its extends: names the 17th.
  expect_one_error(run, located("envs/c15.yaml", 2, 10, "PC3007",
                                "More than 16 spec files extend each other"));
  EXPECT_NE(run.err.find("The chain is envs/dev/pipeline.yaml → envs/c1.yaml → "),
            std::string::npos)
      << describe(run);
  expect_quick_and_small(run);

  TestProject sixteen;
  write_extends_chain(sixteen, 15);
  auto accepted = validate(sixteen);
  EXPECT_EQ(accepted.exit_code, 0) << describe(accepted);
}

TEST(HostileInputs, MoreThanFiftyThousandComponentsIsALimitErrorBeforeAnyIsDecoded) {
  std::string text = spec_header() + "components:\n";  // line 4
  for (int i = 0; i <= 50'000; ++i) text += "  c" + std::to_string(i) + ": {kind: s3}\n";
  TestProject project;
  project.write_spec(text);
  auto run = validate(project);
  expect_one_error(run, located("envs/dev/pipeline.yaml", 4, 1, "PC3007",
                                "50001 components, more than the limit of 50000"));
  // Counted once the file is parsed, before any component is decoded (decoding and checking
  // fifty thousand components would take many seconds).
  expect_quick_and_small(run);
}

TEST(HostileInputs, AMappingOfAMillionTagsStopsAtTheEntryPastTheLimit) {
  // 16 MiB, just under the size limit, of one-line tags: every limit before this one lets it
  // through (no value is long, nothing nests, a million values is not yet reached).
  std::string text = spec_header() + "components:\n  lake:\n    kind: s3\n    tags:\n";  // 4-7
  const std::size_t budget = 16u * 1024 * 1024 - 64;
  for (int i = 0; text.size() < budget; ++i) text += "      t" + std::to_string(i) + ": v\n";
  TestProject project;
  project.write_spec(text);
  auto run = validate(project);
  // Tag t0 is on line 8; t100000, the 100,001st entry, on line 100008.
  expect_one_error(run, located("envs/dev/pipeline.yaml", 100'008, 7, "PC1002",
                                "A mapping holds more than 100000 entries"));
  expect_quick_and_small(run);
}

TEST(HostileInputs, AListOfAMillionItemsStopsAtTheItemPastTheLimit) {
  std::string text = spec_header() + "components: {}\nx-list:\n";  // lines 4-5
  for (int i = 0; i <= 1'000'000; ++i) text += "- 1\n";
  TestProject project;
  project.write_spec(text);
  auto run = validate(project);
  expect_one_error(run, located("envs/dev/pipeline.yaml", 100'006, 3, "PC1002",
                                "A list holds more than 100000 items"));
  expect_quick_and_small(run);
}

TEST(HostileInputs, AOneMegabyteKeyIsRejectedAndTheMessageStaysShort) {
  TestProject project;
  // An explicit key ("? key" then ": value") may be of any length in YAML.
  project.write_spec(spec_header() + "components:\n  lake:\n    kind: s3\n    ? " +
                     std::string(1024 * 1024, 'k') + "\n    : 1\n");
  auto run = validate(project);
  expect_one_error(run, located("envs/dev/pipeline.yaml", 7, 7, "PC1002",
                                "A value of 1048576 bytes, over the limit of 65536 bytes"));
  EXPECT_LT(run.err.size(), 10u * 1024) << describe(run);
  expect_quick_and_small(run);

  // A plain key ("key: value") may be at most 1024 characters in YAML; yaml-cpp rejects it.
  project.write_spec(spec_header() + "components:\n  lake:\n    kind: s3\n    " +
                     std::string(1024 * 1024, 'k') + ": 1\n");
  auto plain = validate(project);
  EXPECT_EQ(plain.exit_code, 1) << describe(plain);
  EXPECT_TRUE(plain.err.starts_with("envs/dev/pipeline.yaml:7:")) << describe(plain);
  EXPECT_NE(plain.err.find("error[PC1002]: Invalid YAML: "), std::string::npos) << describe(plain);
  EXPECT_LT(plain.err.size(), 10u * 1024) << describe(plain);
  expect_quick_and_small(plain);
}

// --- 3. Characters YAML forbids ---------------------------------------------------------------

void expect_control_character_rejected(char byte, const std::string& name) {
  TestProject project;
  project.write_spec(function_spec() + "    description: ab" + std::string(1, byte) + "cd\n");
  auto run = pipectl(project, {"render", "envs/dev", "-o", "OUT"});
  expect_one_error(run, located("envs/dev/pipeline.yaml", 8, 20, "PC1002",
                                "The file contains the control character " + name));
  // The snippet shows the character as U+FFFD; the raw byte never reaches the terminal.
  EXPECT_NE(run.err.find(" 8 |     description: ab\xEF\xBF\xBD" "cd\n   |                    ^\n"),
            std::string::npos)
      << describe(run);
  EXPECT_EQ(run.err.find(byte), std::string::npos) << describe(run);
  EXPECT_FALSE(fs::exists(project.root() / "OUT")) << "nothing is written";
  expect_quick_and_small(run);
}

TEST(HostileInputs, ANulInAValueIsRejectedAtItsPositionAndNothingIsWritten) {
  expect_control_character_rejected('\0', "U+0000 (NUL)");
}

TEST(HostileInputs, AnEscapeInAValueIsRejectedAtItsPositionAndNothingIsWritten) {
  expect_control_character_rejected('\x1B', "U+001B (ESC)");
}

TEST(HostileInputs, AC1ControlCharacterIsRejectedAndNotPrintedRaw) {
  // U+009B is CSI, the one-character form of ESC [: terminals that honour C1 controls would
  // read "31m" after it as a colour change.
  TestProject project;
  project.write_spec(function_spec() + "    description: ab\xC2\x9B" "31mcd\n");
  auto run = validate(project);
  expect_one_error(run, located("envs/dev/pipeline.yaml", 8, 20, "PC1002",
                                "The file contains the control character U+009B"));
  EXPECT_NE(run.err.find(" 8 |     description: ab\xEF\xBF\xBD" "31mcd\n"), std::string::npos)
      << describe(run);
  EXPECT_EQ(run.err.find("\xC2\x9B"), std::string::npos) << describe(run);
  expect_quick_and_small(run);
}

// --- 4. Unclosed quotes -----------------------------------------------------------------------

void expect_unclosed_quote(const std::string& last_line, const std::string& summary) {
  for (const char* end : {"\n", ""}) {
    SCOPED_TRACE(*end ? "with a final line feed" : "without a final line feed");
    TestProject project;
    project.write_spec(function_spec() + last_line + end);
    auto run = validate(project);
    expect_one_error(run, located("envs/dev/pipeline.yaml", 8, 18, "PC1002", summary));
    EXPECT_NE(run.err.find("\n   |                  ^\n"), std::string::npos) << describe(run);
    expect_quick_and_small(run);
  }
}

TEST(HostileInputs, AnUnclosedDoubleQuoteOnTheLastLineIsReportedAtTheQuote) {
  expect_unclosed_quote("    description: \"Catalog of beers", "Unclosed double-quoted value");
}

TEST(HostileInputs, AnUnclosedSingleQuoteOnTheLastLineIsReportedAtTheQuote) {
  expect_unclosed_quote("    description: 'Catalog of beers", "Unclosed single-quoted value");
}

TEST(HostileInputs, AnUnclosedQuoteInABaseIsTheOnlyErrorNotAMissingKindInTheEnvironment) {
  TestProject project;
  // Without the check, the value would run on to the quote on line 10 and swallow `source`,
  // `lake` and its kind, and the environment's `fn` and `lake` would have no kind.
  project.write("envs/base.yaml",
                "project: shop\n"                        // 1
                "region: eu-west-1\n"                    // 2
                "components:\n"                          // 3
                "  fn:\n"                                // 4
                "    kind: lambda\n"                     // 5
                "    description: \"Catalog of beers\n"  // 6
                "    source: fn\n"                       // 7
                "  lake:\n"                              // 8
                "    kind: s3\n"                         // 9
                "    name: \"shop-lake\"\n");            // 10
  project.write_spec("extends: ../base.yaml\nenvironment: dev\ncomponents:\n  fn:\n"
                     "    timeout: 10\n  lake:\n    versioning: true\n");
  auto run = validate(project);
  expect_one_error(run, located("envs/base.yaml", 6, 18, "PC1002", "Unclosed double-quoted value"));
  EXPECT_EQ(run.err.find("has no kind"), std::string::npos) << describe(run);
  EXPECT_EQ(run.err.find("envs/dev/pipeline.yaml"), std::string::npos) << describe(run);
  expect_quick_and_small(run);
}

TEST(HostileInputs, AQuotedValueMayContinueOnLinesIndentedMore) {
  TestProject project;
  project.write_spec(function_spec() +
                     "    description: \"Catalog of\n      beers, \\\"brewed\\\"\n"
                     "        in Belgium\"\n"
                     "    handler: 'handler.lambda_handler'\n"
                     "    environment:\n      NOTE: 'It''s\n        fine'\n"
                     "    timeout: 10\n");
  auto run = validate(project);
  EXPECT_EQ(run.exit_code, 0) << describe(run);
  EXPECT_NE(run.out.find("is valid"), std::string::npos) << describe(run);
}

// --- 5. Byte-order marks ----------------------------------------------------------------------

TEST(HostileInputs, AByteOrderMarkDoesNotShiftPositionsInTheEnvironment) {
  TestProject project;
  project.write_spec("\xEF\xBB\xBFproject: Shop\nenvironment: dev\nregion: eu-west-1\n"
                     "tagz: {team: data}\ncomponents: {}\n");
  auto run = validate(project);
  EXPECT_EQ(run.exit_code, 1) << describe(run);
  EXPECT_NE(run.err.find(located("envs/dev/pipeline.yaml", 1, 10, "PC1007",
                                 "\"project\" must be lowercase letters, digits and hyphens, not "
                                 "\"Shop\"") +
                         "\n"
                         " 1 | project: Shop\n"
                         "   |          ^~~~\n"),
            std::string::npos)
      << describe(run);
  EXPECT_NE(run.err.find(located("envs/dev/pipeline.yaml", 4, 1, "PC1003",
                                 "Unknown key \"tagz\" in the spec") +
                         "\n"
                         " 4 | tagz: {team: data}\n"
                         "   | ^~~~\n"),
            std::string::npos)
      << describe(run);
  EXPECT_TRUE(run.err.ends_with("\n2 errors\n")) << describe(run);
  EXPECT_EQ(run.err.find("\xEF\xBB\xBF"), std::string::npos) << describe(run);
}

TEST(HostileInputs, AByteOrderMarkDoesNotShiftPositionsInABase) {
  TestProject project;
  project.write("envs/base.yaml",
                "\xEF\xBB\xBFproject: shop\nregion: eu-west-1\ncomponents: {}\ntagz: {team: data}\n");
  project.write_spec("\xEF\xBB\xBF" "extends: ../base.yaml\nenvironment: dev\n");
  auto run = validate(project);
  expect_one_error(run, located("envs/base.yaml", 4, 1, "PC1003", "Unknown key \"tagz\" in the spec"));
  EXPECT_NE(run.err.find(" 4 | tagz: {team: data}\n   | ^~~~\n"), std::string::npos)
      << describe(run);
  EXPECT_NE(run.err.find("did you mean \"tags\"?"), std::string::npos) << describe(run);
}

// --- 6. Line endings --------------------------------------------------------------------------

TEST(HostileInputs, CrLfAndCrLineEndsGiveTheSamePositionsAsLf) {
  const std::string lf = spec_header() +
                         "components:\n"                 // 4
                         "  lake:\n"                     // 5
                         "    kind: s3\n"                // 6
                         "    versionning: true\n"       // 7
                         "  fn:\n"                       // 8
                         "    kind: lambda\n"            // 9
                         "    source: fn\n"              // 10
                         "    description: \"two\n"      // 11
                         "      lines\"\n"               // 12
                         "    memory: 1\n";              // 13
  auto with_line_end = [&](const std::string& end) {
    std::string text;
    for (char c : lf) text += c == '\n' ? end : std::string(1, c);
    return text;
  };
  TestProject project;
  project.write_spec(lf);
  auto expected = validate(project);
  ASSERT_EQ(expected.exit_code, 1) << describe(expected);
  EXPECT_NE(expected.err.find(located("envs/dev/pipeline.yaml", 7, 5, "PC1003",
                                      "Unknown key \"versionning\" in s3 component \"lake\"")),
            std::string::npos)
      << describe(expected);
  EXPECT_NE(expected.err.find(located("envs/dev/pipeline.yaml", 13, 13, "PC1006",
                                      "\"memory\" is 1, outside the accepted range 128–10240 MB")),
            std::string::npos)
      << describe(expected);
  EXPECT_TRUE(expected.err.ends_with("\n2 errors\n")) << describe(expected);
  auto expected_json = pipectl(project, {"validate", "envs/dev", "--format", "json"});

  for (const char* end : {"\r\n", "\r"}) {
    SCOPED_TRACE(std::string(end) == "\r" ? "CR" : "CR LF");
    project.write_spec(with_line_end(end));
    auto run = validate(project);
    EXPECT_EQ(run.exit_code, 1) << describe(run);
    EXPECT_EQ(run.err, expected.err);
    EXPECT_EQ(run.err.find('\r'), std::string::npos) << describe(run);
    auto json = pipectl(project, {"validate", "envs/dev", "--format", "json"});
    EXPECT_EQ(json.out, expected_json.out);
    EXPECT_EQ(json.out.find("\\r"), std::string::npos) << json.out;
  }
}

// --- 7. A misspelt kind key -------------------------------------------------------------------

TEST(HostileInputs, AMisspeltKindKeyIsNamedWhereItIsWritten) {
  TestProject project;
  project.write_spec(spec_header() +
                     "components:\n"            // 4
                     "  lake:\n"                // 5
                     "    knd: s3\n"            // 6
                     "    versioning: true\n"   // 7
                     "  fn:\n"                  // 8
                     "    kind: lambda\n"       // 9
                     "    source: fn\n"         // 10
                     "    memory: 1\n");        // 11
  auto run = validate(project);
  EXPECT_EQ(run.exit_code, 1) << describe(run);
  EXPECT_TRUE(run.err.starts_with(
      located("envs/dev/pipeline.yaml", 6, 5, "PC1003",
              "Unknown key \"knd\" in component \"lake\", which has no kind") +
      "\n 6 |     knd: s3\n   |     ^~~\n"))
      << describe(run);
  EXPECT_NE(run.err.find("  did you mean \"kind\"?\n"), std::string::npos) << describe(run);
  EXPECT_EQ(run.err.find("PC1005"), std::string::npos) << describe(run);
  EXPECT_EQ(run.err.find("Component \"lake\" has no kind"), std::string::npos) << describe(run);
  // The other component is still checked.
  EXPECT_NE(run.err.find(located("envs/dev/pipeline.yaml", 11, 13, "PC1006",
                                 "\"memory\" is 1, outside the accepted range 128–10240 MB")),
            std::string::npos)
      << describe(run);
  EXPECT_TRUE(run.err.ends_with("\n2 errors\n")) << describe(run);
}

// --- 8. Unreadable inputs ---------------------------------------------------------------------
// (The tests run as root, which reads any file whatever its mode, so there is no test of a file
// without read permission.)

TEST(HostileInputs, ASpecThatIsADirectorySaysSo) {
  TestProject project;
  fs::create_directories(project.root() / "envs/dev/pipeline.yaml");
  auto run = validate(project);
  expect_one_error(run, "pipectl: error[PC1001]: Cannot read spec file \"envs/dev/pipeline.yaml\": "
                        "Is a directory");
  expect_quick_and_small(run);
}

TEST(HostileInputs, ASpecThatIsASymlinkLoopSaysSo) {
  TestProject project;
  fs::create_directories(project.root() / "envs/dev");
  fs::create_symlink("other.yaml", project.root() / "envs/dev/pipeline.yaml");
  fs::create_symlink("pipeline.yaml", project.root() / "envs/dev/other.yaml");
  auto run = validate(project);
  expect_one_error(run, "pipectl: error[PC1001]: Cannot read spec file \"envs/dev/pipeline.yaml\": "
                        "Too many levels of symbolic links");
  expect_quick_and_small(run);
}

TEST(HostileInputs, AHandlerThatIsADirectorySaysSo) {
  TestProject project;
  fs::remove(project.root() / "lambda_sources/fn/handler.py");
  fs::create_directories(project.root() / "lambda_sources/fn/handler.py");
  project.write_spec(function_spec());
  auto run = validate(project);
  expect_one_error(run, located("envs/dev/pipeline.yaml", 5, 3, "PC3004",
                                "Cannot read handler module \"lambda_sources/fn/handler.py\": "
                                "Is a directory"));
}

/// The PC5001 error for the function `fn`, with the reason as its detail.
void expect_packaging_error(const ChildRun& run, const std::string& reason) {
  EXPECT_TRUE(run.err.starts_with(located("envs/dev/pipeline.yaml", 5, 3, "PC5001",
                                          "Cannot package \"fn\"")))
      << describe(run);
  EXPECT_NE(run.err.find(reason), std::string::npos) << describe(run);
  EXPECT_TRUE(run.err.ends_with("\n1 error\n")) << describe(run);
  // The link is named once, not followed round the loop into a path of 40 links.
  EXPECT_LT(run.err.size(), 1024u) << describe(run);
  EXPECT_LE(longest_line(run.err), 300u) << describe(run);
}

TEST(HostileInputs, ASymlinkLoopInAFunctionFolderCannotBeFollowed) {
  TestProject project;
  project.write_spec(function_spec());
  fs::create_symlink("b", project.root() / "lambda_sources/fn/a");
  fs::create_symlink("a", project.root() / "lambda_sources/fn/b");
  auto run = pipectl(project, {"render", "envs/dev", "-o", "OUT"});
  EXPECT_EQ(run.exit_code, 1) << describe(run);
  expect_packaging_error(run, "is a symbolic link that cannot be followed: Too many levels of "
                              "symbolic links");
  EXPECT_NE(run.err.find("lambda_sources/fn/"), std::string::npos) << describe(run);
  EXPECT_FALSE(fs::exists(project.root() / "OUT"));
  expect_quick_and_small(run);
}

TEST(HostileInputs, ALinkToTheFunctionFolderItselfIsNotPackagedOverAndOver) {
  TestProject project;
  project.write_spec(function_spec());
  fs::create_directory_symlink(".", project.root() / "lambda_sources/fn/self");
  auto run = pipectl(project, {"render", "envs/dev", "-o", "OUT"});
  EXPECT_EQ(run.exit_code, 1) << describe(run);
  expect_packaging_error(run, "lambda_sources/fn/self is a symbolic link to ");
  EXPECT_NE(run.err.find(", a folder that contains the link itself"), std::string::npos)
      << describe(run);
  EXPECT_EQ(run.err.find("self/self"), std::string::npos) << describe(run);
  EXPECT_FALSE(fs::exists(project.root() / "OUT"));
  expect_quick_and_small(run);
}

// --- 9. Every output format survives any bytes ------------------------------------------------

void expect_every_format_survives(const TestProject& project, const std::string& env,
                                  const std::string& summary) {
  for (const char* format : {"text", "json", "sarif", "github"}) {
    SCOPED_TRACE(format);
    auto run = pipectl(project, {"validate", env, "--format", format});
    EXPECT_EQ(run.exit_code, 1) << describe(run);
    EXPECT_EQ(run.signal, 0) << describe(run);
    for (const char* crash : {"internal error", "terminate", "type_error"}) {
      EXPECT_EQ((run.out + run.err).find(crash), std::string::npos) << describe(run);
    }
    if (std::string(format) != "sarif") {  // SARIF lists every rule, PC9999 included
      EXPECT_EQ((run.out + run.err).find("PC9999"), std::string::npos) << describe(run);
    }
    EXPECT_NE((run.out + run.err).find(summary), std::string::npos) << describe(run);
    if (std::string(format) == "json" || std::string(format) == "sarif") {
      nlohmann::json document;
      EXPECT_NO_THROW(document = nlohmann::json::parse(run.out)) << describe(run);
      if (std::string(format) == "json") {
        EXPECT_EQ(document["valid"], false);
        EXPECT_EQ(document["error_count"], 1);
      } else {
        EXPECT_EQ(document["runs"][0]["results"].size(), 1u);
      }
    }
  }
}

TEST(HostileInputs, EveryOutputFormatSurvivesASpecThatIsNotUtf8) {
  TestProject project;
  project.write_spec(function_spec() + "    description: \"caf\xE9 beers\"\n");  // Latin-1 é
  expect_every_format_survives(project, "envs/dev", "The file is not valid UTF-8");
  auto run = validate(project);
  expect_one_error(run, located("envs/dev/pipeline.yaml", 8, 22, "PC1002",
                                "The file is not valid UTF-8"));
}

TEST(HostileInputs, EveryOutputFormatSurvivesAPathThatIsNotUtf8) {
  // Every diagnostic names the file, so here every message carries the invalid byte.
  TestProject project;
  project.write_spec(spec_header() + "components:\n  lake:\n    kind: s3\n    versionning: true\n",
                     "caf\xE9");
  expect_every_format_survives(project, "envs/caf\xE9", "versionning");
}

// --- 10. Long values in messages --------------------------------------------------------------

TEST(HostileInputs, ALongUnknownKeyIsCutShortInTheMessage) {
  TestProject project;
  // 60 KiB, under the value limit; an explicit key, since a plain one stops at 1024 characters.
  project.write_spec(spec_header() + "components:\n  lake:\n    kind: s3\n    ? " +
                     std::string(60 * 1024, 'k') + "\n    : 1\n");
  auto run = validate(project);
  EXPECT_EQ(run.exit_code, 1) << describe(run);
  std::string first_line = run.err.substr(0, run.err.find('\n'));
  EXPECT_TRUE(first_line.starts_with(located("envs/dev/pipeline.yaml", 7, 7, "PC1003",
                                             "Unknown key \"kkkkk")))
      << describe(run);
  EXPECT_TRUE(first_line.ends_with("k…")) << describe(run);
  EXPECT_LT(run.err.size(), 10u * 1024) << describe(run);
  EXPECT_TRUE(run.err.ends_with("\n1 error\n")) << describe(run);
  expect_quick_and_small(run);

  auto json = pipectl(project, {"validate", "envs/dev", "--format", "json"});
  auto document = nlohmann::json::parse(json.out);
  std::string summary = document["diagnostics"][0]["summary"];
  EXPECT_TRUE(summary.ends_with("…")) << summary;
  EXPECT_LE(summary.size(), 400u + std::string("…").size()) << summary;
}

}  // namespace
}  // namespace pipectl
