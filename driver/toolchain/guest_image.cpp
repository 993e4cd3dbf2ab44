#include "toolchain/guest_image.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <string_view>
#include <system_error>
#include <thread>

#include "toolchain/guest_recipe.hpp"
#include "toolchain/install_prefix.hpp"
#include "toolchain/process.hpp"

namespace vcc::toolchain {

namespace fs = std::filesystem;

namespace {

template <size_t N>
std::vector<std::string> toStrings(const std::array<std::string_view, N>& lines) {
  return std::vector<std::string>(lines.begin(), lines.end());
}

void replaceAll(std::string& text, std::string_view from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// One recipe line with the toolchain's paths filled in.
std::string substitute(std::string line, const GuestToolchain& toolchain) {
  replaceAll(line, "@RUNTIME_DIR@", toolchain.runtimeDir.string());
  replaceAll(line, "@LIBCXX_INCLUDE_DIR@", toolchain.libcxxIncludeDir.string());
  replaceAll(line, "@PICOLIBC_INCLUDE_DIR@", toolchain.picolibcIncludeDir.string());
  replaceAll(line, "@PICOLIBC_LIBC@", toolchain.picolibcLibc.string());
  replaceAll(line, "@LIBGCC@", toolchain.libgcc.string());
  return line;
}

void appendSubstituted(std::vector<std::string>& command, const std::vector<std::string>& lines,
                       const GuestToolchain& toolchain) {
  for (const std::string& line : lines) command.push_back(substitute(line, toolchain));
}

fs::path configuredTool(std::string_view configured, const char* name) {
  fs::path path(configured);
  if (!path.empty() && ::access(path.c_str(), X_OK) == 0) return path;
  fs::path found = findOnPath(name);
  return found.empty() ? path : found;
}

// What is missing for a build, or an empty string.
std::string checkToolchain(const GuestToolchain& toolchain) {
  struct Entry {
    const char* what;
    const fs::path& path;
  };
  const Entry entries[] = {
      {"clang", toolchain.clang},
      {"ld.lld", toolchain.lld},
      {"guest runtime directory", toolchain.runtimeDir},
      {"libc++ include directory", toolchain.libcxxIncludeDir},
      {"picolibc include directory", toolchain.picolibcIncludeDir},
      {"picolibc libc.a", toolchain.picolibcLibc},
      {"libgcc.a", toolchain.libgcc},
  };
  for (const Entry& entry : entries) {
    std::error_code error;
    if (entry.path.empty() || !fs::exists(entry.path, error))
      return std::string("guest toolchain: ") + entry.what + " not found" +
             (entry.path.empty() ? "" : " at " + entry.path.string());
  }
  return {};
}

// The directory of each of the image's own files reads as "." in
// __FILE__: a sorted, duplicate-free list, as cmake/GuestImage.cmake makes.
std::vector<std::string> userFlags(const std::vector<fs::path>& sources,
                                   const std::vector<fs::path>& includeDirs,
                                   const std::vector<std::string>& defines) {
  std::vector<std::string> flags;
  std::set<std::string> userDirs;
  for (const fs::path& source : sources) userDirs.insert(source.parent_path().string());
  for (const fs::path& dir : includeDirs) {
    flags.push_back("-I" + dir.string());
    userDirs.insert(dir.string());
  }
  for (const std::string& define : defines) flags.push_back("-D" + define);
  for (const std::string& dir : userDirs) flags.push_back("-ffile-prefix-map=" + dir + "=.");
  return flags;
}

// A fresh directory under the system's temporary directory.
fs::path makeTemporaryDirectory(std::string& error) {
  std::error_code code;
  fs::path base = fs::temp_directory_path(code);
  if (code) base = "/tmp";
  std::string pattern = (base / "vcc-guest-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    error = "cannot create a temporary work directory in " + base.string();
    return {};
  }
  return pattern;
}

std::string failureMessage(const std::string& step, const ProcessResult& result) {
  std::string message = step + " failed (" + result.describeFailure() + ")";
  if (result.launched && !result.output.empty()) message += ":\n" + result.output;
  return message;
}

}  // namespace

GuestToolchain GuestToolchain::configured() {
  GuestToolchain toolchain;
  toolchain.clang = configuredTool(generated::kClang, "clang-19");
  toolchain.lld = configuredTool(generated::kLld, "ld.lld-19");
  // Installed: the runtime's sources are PREFIX/share/vcc/guest.
  const std::optional<fs::path>& prefix = installedPrefix();
  toolchain.runtimeDir = prefix ? *prefix / "share/vcc/guest" : fs::path(generated::kRuntimeDir);
  toolchain.libcxxIncludeDir = fs::path(generated::kLibcxxIncludeDir);
  toolchain.picolibcIncludeDir = fs::path(generated::kPicolibcIncludeDir);
  toolchain.picolibcLibc = fs::path(generated::kPicolibcLibc);
  toolchain.libgcc = fs::path(generated::kLibgcc);
  return toolchain;
}

const GuestRecipe& guestRecipe() {
  static const GuestRecipe recipe{
      toStrings(generated::kCompileFlags), toStrings(generated::kCFlags),
      toStrings(generated::kCxxFlags),     toStrings(generated::kLinkFlags),
      toStrings(generated::kLinkLibraries), toStrings(generated::kRuntimeSources),
  };
  return recipe;
}

std::optional<SourceLanguage> sourceLanguage(const fs::path& source) {
  const std::string extension = source.extension().string();
  if (extension == ".c") return SourceLanguage::C;
  if (extension == ".cpp" || extension == ".cc" || extension == ".cxx") return SourceLanguage::Cxx;
  if (extension == ".S" || extension == ".s") return SourceLanguage::Assembly;
  return std::nullopt;
}

std::vector<std::string> guestCompileCommand(const GuestToolchain& toolchain,
                                             SourceLanguage language, const fs::path& source,
                                             const fs::path& object,
                                             const std::vector<std::string>& extraFlags) {
  const GuestRecipe& recipe = guestRecipe();
  std::vector<std::string> command{toolchain.clang.string()};
  if (language == SourceLanguage::C) appendSubstituted(command, recipe.cFlags, toolchain);
  if (language == SourceLanguage::Cxx) appendSubstituted(command, recipe.cxxFlags, toolchain);
  appendSubstituted(command, recipe.compileFlags, toolchain);
  command.insert(command.end(), extraFlags.begin(), extraFlags.end());
  command.insert(command.end(), {"-c", source.string(), "-o", object.string()});
  return command;
}

GuestImageResult buildGuestImage(const GuestImageRequest& request) {
  GuestImageResult result;
  const GuestToolchain& toolchain = request.toolchain;
  if (request.sources.empty()) {
    result.error = "no source files";
    return result;
  }
  if (request.output.empty()) {
    result.error = "no output path";
    return result;
  }
  if (std::string missing = checkToolchain(toolchain); !missing.empty()) {
    result.error = missing;
    return result;
  }

  // Absolute paths, so that the prefix maps match what clang sees.
  std::error_code code;
  std::vector<fs::path> sources;
  std::vector<SourceLanguage> languages;
  for (const fs::path& source : request.sources) {
    fs::path absolute = fs::absolute(source, code).lexically_normal();
    if (code || !fs::is_regular_file(absolute, code)) {
      result.error = source.string() + ": no such source file";
      return result;
    }
    std::optional<SourceLanguage> language = sourceLanguage(absolute);
    if (!language) {
      result.error = source.string() + ": unknown source type '" +
                     absolute.extension().string() + "' (expected .c, .cpp, .cc, .cxx, .S or .s)";
      return result;
    }
    sources.push_back(absolute);
    languages.push_back(*language);
  }
  std::vector<fs::path> includeDirs;
  for (const fs::path& dir : request.includeDirs)
    includeDirs.push_back(fs::absolute(dir, code).lexically_normal());
  const fs::path output = fs::absolute(request.output, code).lexically_normal();

  // The work directory: the caller's, or a temporary one removed at the end.
  fs::path workDir = request.workDir;
  bool temporaryWorkDir = false;
  if (workDir.empty()) {
    workDir = makeTemporaryDirectory(result.error);
    if (workDir.empty()) return result;
    temporaryWorkDir = true;
  }
  struct RemoveOnExit {
    fs::path dir;
    ~RemoveOnExit() {
      std::error_code ignored;
      if (!dir.empty()) fs::remove_all(dir, ignored);
    }
  } cleanup{temporaryWorkDir ? workDir : fs::path()};

  const fs::path runtimeObjectDir = workDir / "runtime";
  const fs::path imageObjectDir = workDir / "objects";
  for (const fs::path& dir : {runtimeObjectDir, imageObjectDir, output.parent_path()}) {
    fs::create_directories(dir, code);
    if (code) {
      result.error = "cannot create " + dir.string() + ": " + code.message();
      return result;
    }
  }

  // Compile the image's sources first, so that their errors show up without
  // waiting for the runtime, then the runtime; link the runtime's objects
  // first (recipe order), then the image's (request order).
  std::vector<std::vector<std::string>> compiles;
  std::vector<std::string> steps;
  std::vector<fs::path> imageObjects;
  const std::vector<std::string> extraFlags = userFlags(sources, includeDirs, request.defines);
  std::set<fs::path> trusted;
  for (const fs::path& source : request.trustedSources)
    trusted.insert(fs::absolute(source, code).lexically_normal());
  for (size_t i = 0; i < sources.size(); ++i) {
    fs::path object =
        imageObjectDir / (std::to_string(i) + "-" + sources[i].filename().string() + ".o");
    std::vector<std::string> flags = extraFlags;
    if (languages[i] != SourceLanguage::Assembly && !trusted.count(sources[i]))
      flags.insert(flags.end(), request.sourceFlags.begin(), request.sourceFlags.end());
    // What the compile read, for vcc build's up-to-date check (OBJECT.d).
    if (languages[i] != SourceLanguage::Assembly)
      flags.insert(flags.end(), {"-MD", "-MF", object.string() + ".d"});
    compiles.push_back(guestCompileCommand(toolchain, languages[i], sources[i], object, flags));
    steps.push_back("compiling " + request.sources[i].string());
    imageObjects.push_back(object);
  }
  std::vector<fs::path> objects;
  for (const std::string& relative : guestRecipe().runtimeSources) {
    fs::path source = toolchain.runtimeDir / relative;
    std::optional<SourceLanguage> language = sourceLanguage(source);
    if (!language) {
      result.error = "guest runtime: unknown source type of " + source.string();
      return result;
    }
    fs::path object = runtimeObjectDir / (source.filename().string() + ".o");
    compiles.push_back(guestCompileCommand(toolchain, *language, source, object, {}));
    steps.push_back("compiling the guest runtime's " + relative);
    objects.push_back(object);
  }
  objects.insert(objects.end(), imageObjects.begin(), imageObjects.end());

  unsigned jobs = request.jobs != 0 ? request.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<ProcessResult> compiled = runProcesses(compiles, workDir, jobs);
  result.commands = compiles;
  for (size_t i = 0; i < compiled.size(); ++i) {
    if (!compiled[i].succeeded() && !compiled[i].skipped) {
      result.error = failureMessage(steps[i], compiled[i]);
      return result;
    }
  }

  const GuestRecipe& recipe = guestRecipe();
  std::vector<std::string> link{toolchain.lld.string()};
  appendSubstituted(link, recipe.linkFlags, toolchain);
  for (const fs::path& object : objects) link.push_back(object.string());
  appendSubstituted(link, recipe.linkLibraries, toolchain);
  link.insert(link.end(), {"-o", output.string()});
  result.commands.push_back(link);
  std::vector<ProcessResult> linked = runProcesses({link}, workDir, 1);
  if (!linked[0].succeeded()) {
    result.error = failureMessage("linking " + output.filename().string(), linked[0]);
    return result;
  }
  result.ok = true;
  return result;
}

std::optional<std::string> toolVersion(const fs::path& tool) {
  std::string error;
  fs::path captureDir = makeTemporaryDirectory(error);
  if (captureDir.empty()) return std::nullopt;
  std::vector<ProcessResult> ran = runProcesses({{tool.string(), "--version"}}, captureDir, 1);
  std::error_code ignored;
  fs::remove_all(captureDir, ignored);
  if (!ran[0].succeeded()) return std::nullopt;
  const std::string& output = ran[0].output;
  return output.substr(0, output.find('\n'));
}

}  // namespace vcc::toolchain
