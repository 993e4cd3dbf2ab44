#include "vcc/native/options.hpp"

#include <charconv>
#include <string>

namespace vcc::native {
namespace {

std::optional<BackendKind> parseBackend(std::string_view name) {
  if (name == "serial") return BackendKind::serial;
  if (name == "threads") return BackendKind::threads;
  if (name == "cuda") return BackendKind::cuda;
  return std::nullopt;
}

bool takesValue(std::string_view option) {
  return option == "--backend" || option == "--threads" || option == "--input" ||
         option == "--output" || option == "--store";
}

}  // namespace

ParsedOptions parseOptions(std::span<const char* const> arguments) {
  ParsedOptions parsed;
  Options& options = parsed.options;
  auto fail = [&](std::string message) {
    parsed.error = std::move(message);
    return parsed;
  };
  for (size_t a = 0; a < arguments.size(); ++a) {
    std::string_view argument = arguments[a];
    std::string_view name = argument;
    std::optional<std::string_view> value;
    if (size_t equals = argument.find('=');
        argument.starts_with("--") && equals != std::string_view::npos) {
      name = argument.substr(0, equals);
      value = argument.substr(equals + 1);
    }
    if (name == "--help" || name == "-h") {
      if (value) return fail("option '--help' takes no value");
      options.help = true;
      continue;
    }
    if (name == "--list-backends") {
      if (value) return fail("option '--list-backends' takes no value");
      options.listBackends = true;
      continue;
    }
    if (!takesValue(name)) {
      if (argument.starts_with("-") && argument != "-")
        return fail("unknown option '" + std::string(name) + "'");
      return fail("unexpected argument '" + std::string(argument) +
                  "' (the request comes from --input)");
    }
    if (!value) {
      if (a + 1 >= arguments.size())
        return fail("option '" + std::string(name) + "' needs a value");
      value = arguments[++a];
    }
    if (name == "--backend") {
      options.backend = parseBackend(*value);
      if (!options.backend)
        return fail("unknown backend '" + std::string(*value) +
                    "' (expected cuda, threads or serial)");
    } else if (name == "--threads") {
      size_t threads = 0;
      auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), threads);
      if (error != std::errc() || end != value->data() + value->size() || threads == 0 ||
          threads > kMaxThreads)
        return fail("--threads expects a whole number from 1 to " + std::to_string(kMaxThreads) +
                    ", not '" + std::string(*value) + "'");
      options.threads = threads;
    } else if (value->empty()) {
      return fail("option '" + std::string(name) + "' needs a non-empty value");
    } else if (name == "--input") {
      options.input = *value;
    } else if (name == "--output") {
      options.output = *value;
    } else if (name == "--store") {
      options.store = *value;
    }
  }
  return parsed;
}

std::string usageText(std::string_view program, bool cudaCompiledIn) {
  std::string text;
  text += "usage: " + std::string(program) +
          " [--backend cuda|threads|serial] [--threads N] [--input FILE|-] [--output FILE|-]\n"
          "       [--store DIR] [--list-backends] [--help]\n"
          "\n"
          "Runs the program natively on one request: reads the request bytes, writes the\n"
          "response bytes. The results are the same bits on every backend and in vcc's VM.\n"
          "\n"
          "options:\n"
          "  --backend NAME    where kernels run: cuda (a GPU), threads (a thread pool) or\n"
          "                    serial (in order on one thread); default: cuda when a device\n"
          "                    is present, else threads. cuda without a device falls back\n"
          "                    to threads with a notice on stderr.\n"
          "  --threads N       threads of the pool (1-1024; default: one per hardware thread)\n"
          "  --input FILE      the request (default -, stdin)\n"
          "  --output FILE     where the response goes (default -, stdout)\n"
          "  --store DIR       the data oracle's content-addressed store directory\n"
          "  --list-backends   prints the backends usable here, one per line, and exits\n"
          "  --help            prints this text\n"
          "\n"
          "exit codes: 0 ok, 2 bad usage or unreadable input, 70 out of memory,\n"
          "71 the response could not be written, 72 the backend failed (a CUDA error)\n";
  text += cudaCompiledIn ? "this build has the cuda backend\n"
                         : "this build has no cuda backend (the program's -cuda variant has)\n";
  return text;
}

}  // namespace vcc::native
