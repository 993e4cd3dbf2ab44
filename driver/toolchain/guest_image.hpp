// Building RV64IM guest images from C++: the RISC-V half of `vcc build`.
//
// buildGuestImage compiles the image's sources and the guest runtime
// (runtime-vm/guest) with clang and links them with ld.lld, following
// runtime-vm/guest/recipe/*.txt exactly as cmake/GuestImage.cmake does, so
// both give byte-identical images. Images are reproducible: the same
// sources and toolchain give the same bytes in any directory
// (docs/guest-runtime.md, "Reproducibility").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vcc::toolchain {

// The memory layout that runtime-vm/guest/vcc-rv64.ld fixes
// (docs/guest-runtime.md); the manifest records it as vm.layoutVersion.
inline constexpr int kGuestLayoutVersion = 1;

// Where the guest toolchain's programs and libraries are.
struct GuestToolchain {
  std::filesystem::path clang;               // clang 19: C, C++ and assembly
  std::filesystem::path lld;                 // ld.lld 19
  std::filesystem::path runtimeDir;          // runtime-vm/guest
  std::filesystem::path libcxxIncludeDir;    // libc++ 19 headers
  std::filesystem::path picolibcIncludeDir;  // picolibc headers (riscv64-unknown-elf)
  std::filesystem::path picolibcLibc;        // picolibc libc.a for rv64im/lp64
  std::filesystem::path libgcc;              // libgcc.a for rv64im/lp64 (soft-float)

  // The paths found when vcc was configured. clang and lld that no longer
  // exist there are looked up on $PATH by name.
  static GuestToolchain configured();
};

struct GuestImageRequest {
  std::vector<std::filesystem::path> sources;      // .c, .cpp/.cc/.cxx, .S/.s
  std::vector<std::filesystem::path> includeDirs;  // -I, in this order
  std::vector<std::string> defines;                // -D: "NAME" or "NAME=VALUE"
  // More flags for the C and C++ sources above (not assembly, not the
  // runtime's own sources): `vcc build` loads the IR plugin with them.
  std::vector<std::string> sourceFlags;
  // Those of `sources` that are trusted code and get no sourceFlags (the
  // stdlib's guest main, which calls into the service by name).
  std::vector<std::filesystem::path> trustedSources;
  std::filesystem::path output;                    // the image file; its directory is created
  // Object files go here (created if missing), and next to each object of
  // `sources` the compiler's dependency list (OBJECT.d, -MD). Empty: a fresh directory
  // under the system's temporary directory, removed afterwards.
  std::filesystem::path workDir;
  GuestToolchain toolchain = GuestToolchain::configured();
  unsigned jobs = 0;  // compiler processes at once; 0: one per core
};

struct GuestImageResult {
  bool ok = false;
  // On failure: which step failed and why, followed by the compiler's or
  // linker's own messages.
  std::string error;
  // Every command that was run, in order (compiles, then the link).
  std::vector<std::vector<std::string>> commands;

  explicit operator bool() const { return ok; }
};

GuestImageResult buildGuestImage(const GuestImageRequest& request);

enum class SourceLanguage { C, Cxx, Assembly };

// The language of a source by its extension; nullopt for an unknown one.
std::optional<SourceLanguage> sourceLanguage(const std::filesystem::path& source);

// The recipe as written in runtime-vm/guest/recipe, with the @...@
// placeholders left in: machine-independent, for the manifest.
struct GuestRecipe {
  std::vector<std::string> compileFlags;
  std::vector<std::string> cFlags;
  std::vector<std::string> cxxFlags;
  std::vector<std::string> linkFlags;
  std::vector<std::string> linkLibraries;
  std::vector<std::string> runtimeSources;  // relative to the runtime directory
};
const GuestRecipe& guestRecipe();

// The compile command for one source. extraFlags follow the recipe's flags
// (the image's -I, -D and -ffile-prefix-map arguments; empty for the
// runtime's own sources).
std::vector<std::string> guestCompileCommand(const GuestToolchain& toolchain,
                                             SourceLanguage language,
                                             const std::filesystem::path& source,
                                             const std::filesystem::path& object,
                                             const std::vector<std::string>& extraFlags);

// The first line of `tool --version` (e.g. "Debian clang version 19.1.7
// (3~deb12u1)"), for the manifest; nullopt if the tool does not run.
std::optional<std::string> toolVersion(const std::filesystem::path& tool);

}  // namespace vcc::toolchain
