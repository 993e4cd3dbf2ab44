#include "native_build.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "build_config.hpp"
#include "build_directory.hpp"
#include "parts.hpp"
#include "toolchain/process.hpp"
#include "vcc/passes/ptx_scan.hpp"
#if VCC_WITH_IR_PLUGIN
#include "vcc/passes/ir_plugin.hpp"
#endif

namespace vcc::driver {
namespace {

namespace fs = std::filesystem;

// A PTX file with more findings than this lists the first ones and a count.
constexpr size_t kMaxFindingsPerFile = 20;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator))
    if (!part.empty()) parts.push_back(part);
  return parts;
}

template <size_t N>
void appendNonEmpty(std::vector<std::string>& to, const char* const (&values)[N]) {
  for (const char* value : values)
    if (*value) to.push_back(value);
}
void appendNonEmpty(std::vector<std::string>& to, const std::vector<std::string>& values) {
  for (const std::string& value : values)
    if (!value.empty()) to.push_back(value);
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// nvcc's "Cuda compilation tools, release 13.0, V13.0.48" line.
std::string nvccRelease(const fs::path& workDir) {
  std::vector<toolchain::ProcessResult> ran = toolchain::runProcesses({{kNvcc, "--version"}}, workDir, 1);
  if (!ran[0].succeeded()) return "unknown";
  for (const std::string& line : split(ran[0].output, '\n'))
    if (line.find("release") != std::string::npos) return line;
  return "unknown";
}

// The flags of the nvcc compile that decide what code it makes: the
// manifest records exactly these.
std::vector<std::string> cudaCodeFlags(const NativeBuildRequest& request) {
  std::vector<std::string> flags{"-std=c++20", "-O2"};
  appendNonEmpty(flags, kCudaCodeFlags);
  appendNonEmpty(flags, kCudaLibcxxFlags);
  flags.insert(flags.end(), request.nvccFlags.begin(), request.nvccFlags.end());
  return flags;
}

std::vector<std::string> includeAndDefineFlags(const NativeBuildRequest& request) {
  std::vector<std::string> flags;
  for (const fs::path& dir : request.includeDirs) flags.push_back("-I" + dir.string());
  for (const std::string& define : request.defines) flags.push_back("-D" + define);
  return flags;
}

// clang with the IR plugin's checks and rewrites; the object is the
// binary's in a build without CUDA, and a check only with it.
std::vector<std::string> checkedCompile(const NativeBuildRequest& request, const fs::path& object) {
  std::vector<std::string> command{kClangxx};
  std::vector<std::string> codeFlags = nativeCodeFlags();
  command.insert(command.end(), codeFlags.begin(), codeFlags.end());
  std::vector<std::string> paths = includeAndDefineFlags(request);
  command.insert(command.end(), paths.begin(), paths.end());
#if VCC_WITH_IR_PLUGIN
  for (const std::string& argument : passes::irPluginArguments(parts().irPlugin)) command.push_back(argument);
#endif
  // Line tables only (no code changes): IR-plugin diagnostics name the line
  // and column of the instruction, not just its function. The glue's
  // directory (inside the output directory) and the current directory stay
  // out of them, so that the binary does not depend on where it was built.
  const std::string glueDir = fs::absolute(request.glue).parent_path().string();
  command.insert(command.end(), {"-ffile-prefix-map=" + glueDir + "=/vcc-work", "-fdebug-compilation-dir=/"});
  command.insert(command.end(), {"-gline-tables-only", "-MD", "-MF", request.depsFile.string(), "-c",
                                 fs::absolute(request.glue).string(), "-o", object.string()});
  return command;
}

std::vector<std::string> nvccCompile(const NativeBuildRequest& request, const std::vector<std::string>& architectures,
                                     const fs::path& keepDir, const fs::path& object) {
  std::vector<std::string> command{kNvcc, "-x", "cu", std::string("-ccbin=") + kClangxx};
  std::vector<std::string> codeFlags = cudaCodeFlags(request);
  command.insert(command.end(), codeFlags.begin(), codeFlags.end());
#if VCC_WITH_IR_PLUGIN
  // The host half holds nvcc's launch stubs (volatile, CUDA runtime calls):
  // the rewrites only; the checks ran on the same source in checkedCompile.
  passes::IrPluginOptions plugin = parts().irPlugin;
  plugin.allowLists.clear();
  plugin.checks = false;
  std::string hostPlugin = "-Xcompiler=";
  for (const std::string& argument : passes::irPluginArguments(plugin))
    hostPlugin += (hostPlugin.back() == '=' ? "" : ",") + argument;
  command.push_back(hostPlugin);
#endif
  for (const std::string& arch : architectures)
    command.push_back("--generate-code=arch=compute_" + arch + ",code=[compute_" + arch + ",sm_" + arch + "]");
  std::vector<std::string> paths = includeAndDefineFlags(request);
  command.insert(command.end(), paths.begin(), paths.end());
  command.insert(command.end(), {"--keep", "--keep-dir", keepDir.string(), "-c", request.glue.string(), "-o",
                                 object.string()});
  return command;
}

// The findings of every kept PTX file, clang style; empty when clean.
std::string scanKeptPtx(const fs::path& keepDir, size_t& ptxFiles) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(keepDir, error))
    if (entry.path().extension() == ".ptx") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ptxFiles = files.size();
  std::string diagnostics;
  for (const fs::path& file : files) {
    std::vector<ptx::PtxFinding> findings = ptx::scanPtx(readText(file));
    for (size_t i = 0; i < std::min(findings.size(), kMaxFindingsPerFile); ++i)
      diagnostics += ptx::formatFinding(file.string(), findings[i]) + "\n";
    if (findings.size() > kMaxFindingsPerFile)
      diagnostics += file.string() + ": note: " + std::to_string(findings.size() - kMaxFindingsPerFile) +
                     " more findings in this file\n";
  }
  return diagnostics;
}

// nvcc's other intermediate files are large and of no further use.
void removeAllButPtx(const fs::path& keepDir) {
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(keepDir, error))
    if (entry.path().extension() != ".ptx") fs::remove(entry.path(), error);
}

NativeBuildResult failed(const std::string& step, const toolchain::ProcessResult& result) {
  NativeBuildResult outcome;
  // The IR plugin's errors name their rule: the program is rejected, the
  // compile did not fail for another reason.
  if (result.launched && result.output.find(" [vcc-") != std::string::npos) {
    outcome.status = NativeBuildResult::Status::Rejected;
    outcome.diagnostics = result.output;
    return outcome;
  }
  outcome.error = step + " (" + result.describeFailure() + "):\n" + result.output;
  return outcome;
}

std::vector<std::string> linkCommand(const fs::path& object, const fs::path& output, bool cuda) {
  std::vector<std::string> link{kClangxx, object.string()};
  appendNonEmpty(link, cuda ? parts().cudaNativeLibraries : parts().nativeLibraries);
  // libc++ and libc++abi (the image's C++ library), statically, nvcc's build included.
  link.push_back("-nostdlib++");
  appendNonEmpty(link, kServiceLinkLibraries);
  if (*kNativeSanitizeFlag) link.push_back(kNativeSanitizeFlag);
  link.insert(link.end(), {"-pthread", "-ldl", "-lrt", "-fuse-ld=lld", "-o", output.string()});
  return link;
}

// The service again, with libFuzzer's coverage instrumentation, linked with
// runtime-native's fuzz_main.cpp (which runs each input natively and in
// the VM) and libFuzzer; libFuzzer's runtime is built with libstdc++, whose
// std::__cxx11 names do not meet libc++'s std::__1 ones.
std::vector<std::vector<std::string>> fuzzerCommands(const NativeBuildRequest& request) {
  const fs::path object = request.workDir / "fuzz.o";
  std::vector<std::string> compile{kClangxx};
  std::vector<std::string> codeFlags = nativeCodeFlags();
  compile.insert(compile.end(), codeFlags.begin(), codeFlags.end());
  std::vector<std::string> paths = includeAndDefineFlags(request);
  compile.insert(compile.end(), paths.begin(), paths.end());
#if VCC_WITH_IR_PLUGIN
  passes::IrPluginOptions plugin = parts().irPlugin;
  plugin.fuzzDictionary = fuzzerDictionaryPath(request.fuzzer).string();
  for (const std::string& argument : passes::irPluginArguments(plugin)) compile.push_back(argument);
  // libFuzzer learns magic values from the last compares it saw (32 of
  // each width); the ABI codec's and libc++'s loops would overwrite the
  // service's own in every run, so only service code is instrumented.
  const fs::path ignoreList = request.workDir / "fuzz-coverage-ignorelist.txt";
  std::string ignored = "# vcc's dispatch and ABI code and libc++: not the service's decisions\n";
  for (std::string_view prefix : passes::kRuntimeSymbolPrefixes) ignored += "fun:" + std::string(prefix) + "*\n";
  std::ofstream(ignoreList, std::ios::binary | std::ios::trunc) << ignored;
  compile.push_back("-fsanitize-coverage-ignorelist=" + ignoreList.string());
#endif
  compile.insert(compile.end(), {"-DVCC_FUZZ_BUILD=1", "-fsanitize=fuzzer-no-link", "-c",
                                 fs::absolute(request.glue).string(), "-o", object.string()});
  std::vector<std::string> link{kClangxx, object.string()};
  appendNonEmpty(link, parts().fuzzMainObjects);
  appendNonEmpty(link, parts().fuzzLibraries);
  link.push_back(*kNativeSanitizeFlag ? "-fsanitize=fuzzer,address,undefined" : "-fsanitize=fuzzer");
  link.push_back("-nostdlib++");
  appendNonEmpty(link, kServiceLinkLibraries);
  link.insert(link.end(), {"-lstdc++", "-pthread", "-ldl", "-fuse-ld=lld", "-o", request.fuzzer.string()});
  return {compile, link};
}

}  // namespace

bool cudaAvailable() { return *kNvcc && ::access(kNvcc, X_OK) == 0; }

std::vector<std::string> nativeCodeFlags() {
  std::vector<std::string> flags{"-std=c++20", "-O2", "-fno-exceptions", "-fno-rtti"};
  appendNonEmpty(flags, kServiceCxxFlags);
  appendNonEmpty(flags, kDeterminismFlags);
  return flags;
}

NativeBuildResult buildNative(const NativeBuildRequest& request) {
  const bool cuda = request.cuda && cudaAvailable();
  const std::string stem = request.output.filename().string();
  const fs::path checkedObject = request.workDir / (stem + ".o");
  std::vector<std::vector<std::string>> compiles{checkedCompile(request, checkedObject)};

  const fs::path keepDir = request.workDir / "cuda";
  const fs::path cudaObject = request.workDir / (stem + ".cuda.o");
  const std::vector<std::string> architectures = split(kCudaArchitectures, ';');
  if (cuda) {
    std::error_code error;
    fs::remove_all(keepDir, error);
    fs::create_directories(keepDir, error);
    if (error) {
      NativeBuildResult outcome;
      outcome.error = "cannot create " + keepDir.string() + ": " + error.message();
      return outcome;
    }
    compiles.push_back(nvccCompile(request, architectures, keepDir, cudaObject));
  }
  // Both compiles at once: one core each.
  std::vector<toolchain::ProcessResult> compiled = toolchain::runProcesses(compiles, request.workDir, 2);
  if (!compiled[0].succeeded()) return failed("compiling the service natively", compiled[0]);
  if (cuda && !compiled[1].succeeded()) return failed("compiling the service with nvcc", compiled[1]);

  NativeBuildResult outcome;
  if (cuda) {
    size_t ptxFiles = 0;
    outcome.diagnostics = scanKeptPtx(keepDir, ptxFiles);
    if (!outcome.diagnostics.empty()) {
      outcome.status = NativeBuildResult::Status::Rejected;
      return outcome;
    }
    if (ptxFiles != architectures.size()) {
      outcome.error = "nvcc kept " + std::to_string(ptxFiles) + " PTX files in " + keepDir.string() +
                      ", expected one per architecture (" + std::to_string(architectures.size()) + ")";
      return outcome;
    }
    removeAllButPtx(keepDir);
  }

  std::vector<toolchain::ProcessResult> linked = toolchain::runProcesses(
      {linkCommand(cuda ? cudaObject : checkedObject, request.output, cuda)}, request.workDir, 1);
  if (!linked[0].succeeded()) return failed("linking " + stem, linked[0]);

  if (!request.fuzzer.empty()) {
    std::error_code error;
    fs::create_directories(request.fuzzer.parent_path(), error);
    std::vector<std::vector<std::string>> commands = fuzzerCommands(request);
    std::vector<toolchain::ProcessResult> fuzzCompiled = toolchain::runProcesses({commands[0]}, request.workDir, 1);
    if (!fuzzCompiled[0].succeeded()) return failed("compiling the service for the fuzzer", fuzzCompiled[0]);
    std::vector<toolchain::ProcessResult> fuzzLinked = toolchain::runProcesses({commands[1]}, request.workDir, 1);
    if (!fuzzLinked[0].succeeded()) return failed("linking the fuzzer", fuzzLinked[0]);
  }

  if (cuda) {
    CudaBuildInfo info{nvccRelease(request.workDir), cudaCodeFlags(request), {}};
    for (const std::string& arch : architectures) info.architectures.push_back("sm_" + arch);
    outcome.cuda = std::move(info);
  }
  outcome.status = NativeBuildResult::Status::Built;
  return outcome;
}

}  // namespace vcc::driver
