#pragma once
/// What the fuzz targets share: a project folder to compile in, and the properties every run must
/// keep whatever the input — a violation aborts, which libFuzzer reports as a crash with the input.

#include <filesystem>
#include <string>

#include "pipectl/passes/compile.h"

namespace pipectl::fuzz {

/// A project in a temporary folder (one per process), with lambda_sources/ holding the functions
/// the shipped environments and the test specs use: fn, transform, get-random-beer, clean-data.
const std::filesystem::path& project();

/// Writes `text` to `relative` inside the project, replacing what was there.
void write(const std::string& relative, const std::string& text);

/// Compiles a valid spec once, so the Python syntax check of the project's functions (the one
/// step that starts a program) is remembered before libFuzzer starts timing inputs.
void warm_up();

/// Compiles envs/dev of the project, writing nothing (what `pipectl validate` does).
Compilation compile_dev();

/// Aborts unless every diagnostic has a summary and, where it has a location, a line and column of
/// 1 or more; and unless every output format prints them.
void check_diagnostics(const Diagnostics& diagnostics, const SourceFiles& sources);

/// check_diagnostics, and: a run with errors rendered nothing; a run without rendered files, and
/// each *.tf.json of them is JSON.
void check_invariants(const Compilation& compilation);

}  // namespace pipectl::fuzz
