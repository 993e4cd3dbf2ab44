// Helpers for the frontend tests: run the frontend on source text and read
// its findings as "line:column: severity: message [rule]" lines.
#pragma once

#include "vcc/frontend/frontend.hpp"

#include <string>
#include <vector>

namespace vcc::frontend::testing {

// The rules only (no method discovery) on `text`, as the file service.cpp.
FrontendResult checkRules(const std::string& text);

// Method discovery only, on `text` as the file `name`.
FrontendResult discoverMethods(const std::string& text, const std::string& name = "service.cpp");

// Every diagnostic as "line:column: error: message [rule]" (no file name;
// Clang's own diagnostics have no tag).
std::vector<std::string> findings(const FrontendResult& result);

// The findings of one rule.
std::vector<std::string> findings(const FrontendResult& result, const std::string& rule);

// Clang's own errors (a test source that does not compile is a broken test).
std::vector<std::string> compileErrors(const FrontendResult& result);

} // namespace vcc::frontend::testing
