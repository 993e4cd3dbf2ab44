#include "rules_test_support.hpp"

namespace vcc::frontend::testing {
namespace {

std::string line(const Diagnostic& diagnostic) {
  std::string text = std::to_string(diagnostic.position.line) + ":" +
                     std::to_string(diagnostic.position.column) + ": ";
  text += diagnostic.severity == Severity::Error ? "error: " : "warning: ";
  text += diagnostic.message;
  if (!diagnostic.rule.empty()) text += " [" + diagnostic.rule + "]";
  return text;
}

} // namespace

FrontendResult checkRules(const std::string& text) {
  FrontendOptions options;
  options.source = "service.cpp";
  options.sourceText = text;
  options.compilerWarnings = false;
  Analyses analyses;
  analyses.methodDiscovery = false;
  return analyzeService(options, analyses);
}

FrontendResult discoverMethods(const std::string& text, const std::string& name) {
  FrontendOptions options;
  options.source = name;
  options.sourceText = text;
  options.compilerWarnings = false;
  Analyses analyses;
  analyses.determinismRules = false;
  return analyzeService(options, analyses);
}

std::vector<std::string> findings(const FrontendResult& result) {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : result.diagnostics)
    lines.push_back(line(diagnostic));
  return lines;
}

std::vector<std::string> findings(const FrontendResult& result, const std::string& rule) {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.rule == rule) lines.push_back(line(diagnostic));
  }
  return lines;
}

std::vector<std::string> compileErrors(const FrontendResult& result) {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.rule.empty() && diagnostic.severity == Severity::Error)
      lines.push_back(diagnostic.rendered);
  }
  return lines;
}

} // namespace vcc::frontend::testing
