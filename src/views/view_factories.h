#pragma once
// One factory per format file (private to src/views); make_diagnostics_view picks among them.

#include <memory>

#include "pipectl/views/diagnostics_view.h"

namespace pipectl::views {

/// A view that writes to the streams it was made with.
class StreamView : public DiagnosticsView {
 public:
  explicit StreamView(ViewStreams streams) : streams_(streams) {}

 protected:
  ViewStreams streams_;
};

std::unique_ptr<DiagnosticsView> make_text_view(ViewStreams streams);
std::unique_ptr<DiagnosticsView> make_json_view(ViewStreams streams);
std::unique_ptr<DiagnosticsView> make_sarif_view(ViewStreams streams);
std::unique_ptr<DiagnosticsView> make_github_view(ViewStreams streams);

}  // namespace pipectl::views
