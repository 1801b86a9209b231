#pragma once
// Text helpers the diagnostic views share (private to src/views).

#include <string>
#include <string_view>

#include "pipectl/diagnostic.h"

namespace pipectl::views {

/// Summary, detail and suggestion as one message, for formats with a single text field.
std::string message_text(const Diagnostic& d);

/// Columns are characters, not bytes: a line is walked code point by code point.
int character_count(std::string_view text);

/// The part of a source line a snippet shows: all of a short line; of a long one, the characters
/// around the subject, with "…" where text was left out.
struct SnippetLine {
  std::string text;
  int column = 1;  ///< the subject's column in `text`
};
SnippetLine visible_part(std::string_view line, int column);

/// What a terminal can show safely: control characters (C0 but tab, DEL, C1) would move its
/// cursor or change its colours, and bytes that are not UTF-8 would garble the line; both are
/// shown as U+FFFD, one replacement character each, so columns stay right.
std::string printable(std::string_view text);

}  // namespace pipectl::views
