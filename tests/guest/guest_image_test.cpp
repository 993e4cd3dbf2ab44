// The C++ API that builds guest images (driver/toolchain/guest_image.hpp):
// reproducible bytes, agreement with vcc_add_guest_image, errors as values.
#include "toolchain/guest_image.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using vcc::toolchain::buildGuestImage;
using vcc::toolchain::GuestImageRequest;
using vcc::toolchain::GuestImageResult;

const fs::path kProgramsDir = VCC_GUEST_TEST_PROGRAMS_DIR;
const fs::path kCMakeImageDir = VCC_GUEST_IMAGE_DIR;

// A directory under the system's temporary directory, removed at the end.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(const std::string& prefix) {
    std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeFile(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

// Builds `source` (copied into dir/sub) with the work directory inside dir.
GuestImageResult buildCopy(const fs::path& source, const fs::path& dir, const fs::path& output) {
  fs::path copy = dir / "sub" / source.filename();
  fs::create_directories(copy.parent_path());
  fs::copy_file(source, copy, fs::copy_options::overwrite_existing);
  GuestImageRequest request;
  request.sources = {copy};
  request.output = output;
  request.workDir = dir / "work";
  return buildGuestImage(request);
}

std::string describe(const GuestImageResult& result) {
  std::string text = result.error;
  for (const auto& command : result.commands) {
    text += "\n$";
    for (const std::string& argument : command) text += " " + argument;
  }
  return text;
}

TEST(GuestImage, SameSourceInTwoDirectoriesGivesIdenticalBytes) {
  TemporaryDirectory first("vcc-repro-a"), second("vcc-repro-b-longer-name");
  fs::path firstImage = first.path() / "out" / "stl.rv64.elf";
  fs::path secondImage = second.path() / "elsewhere" / "deeper" / "stl.rv64.elf";
  GuestImageResult a = buildCopy(kProgramsDir / "stl.cpp", first.path(), firstImage);
  ASSERT_TRUE(a) << describe(a);
  GuestImageResult b = buildCopy(kProgramsDir / "stl.cpp", second.path(), secondImage);
  ASSERT_TRUE(b) << describe(b);

  std::string bytesA = readFile(firstImage), bytesB = readFile(secondImage);
  ASSERT_GT(bytesA.size(), 4096u);
  EXPECT_TRUE(bytesA == bytesB) << "images differ in size or content";
  // Neither build directory leaks into the image.
  for (const fs::path& dir : {first.path(), second.path()})
    EXPECT_EQ(bytesA.find(dir.filename().string()), std::string::npos) << dir;
  EXPECT_EQ(bytesA.find("/tmp/"), std::string::npos);
}

TEST(GuestImage, MatchesTheCMakeBuild) {
  // vcc_add_guest_image built tests/guest/programs/traps.cpp from the source
  // tree; the API builds a copy elsewhere. The recipe is the same, so are
  // the bytes, and the assertion message's __FILE__ is the same too.
  TemporaryDirectory dir("vcc-api");
  fs::path image = dir.path() / "traps.rv64.elf";
  GuestImageResult result = buildCopy(kProgramsDir / "traps.cpp", dir.path(), image);
  ASSERT_TRUE(result) << describe(result);
  std::string fromCMake = readFile(kCMakeImageDir / "runtime-traps.rv64.elf");
  ASSERT_FALSE(fromCMake.empty()) << "build the guest-image-runtime-traps target first";
  EXPECT_TRUE(readFile(image) == fromCMake) << "the API and the CMake function disagree";
}

TEST(GuestImage, RuntimeLocationDoesNotMatter) {
  // Another checkout of vcc (here: a copy of runtime-vm/guest) gives the
  // same image as the CMake build from this one.
  TemporaryDirectory dir("vcc-runtime-copy");
  GuestImageRequest request;
  fs::path runtimeCopy = dir.path() / "elsewhere" / "guest";
  fs::create_directories(runtimeCopy.parent_path());
  fs::copy(request.toolchain.runtimeDir, runtimeCopy, fs::copy_options::recursive);
  request.toolchain.runtimeDir = runtimeCopy;
  fs::path source = dir.path() / "src" / "traps.cpp";
  fs::create_directories(source.parent_path());
  fs::copy_file(kProgramsDir / "traps.cpp", source);
  request.sources = {source};
  request.output = dir.path() / "traps.rv64.elf";
  GuestImageResult result = buildGuestImage(request);
  ASSERT_TRUE(result) << describe(result);
  EXPECT_TRUE(readFile(request.output) == readFile(kCMakeImageDir / "runtime-traps.rv64.elf"));
}

TEST(GuestImage, DefinesAndIncludeDirectoriesReachTheCompiler) {
  TemporaryDirectory dir("vcc-defines");
  writeFile(dir.path() / "include" / "marker.h", "#define MARKER_PREFIX \"marker:\"\n");
  writeFile(dir.path() / "src" / "main.c",
            "#include <marker.h>\n"
            "#include <vcc/guest/io.h>\n"
            "const char marker[] = MARKER_PREFIX MARKER_VALUE;\n"
            "int main(void) { vcc_write_response(marker, sizeof marker - 1); return 0; }\n");
  GuestImageRequest request;
  request.sources = {dir.path() / "src" / "main.c"};
  request.includeDirs = {dir.path() / "include"};
  request.defines = {"MARKER_VALUE=\"from-a-define\""};
  request.output = dir.path() / "marker.rv64.elf";
  GuestImageResult result = buildGuestImage(request);  // temporary work directory
  ASSERT_TRUE(result) << describe(result);
  EXPECT_NE(readFile(request.output).find("marker:from-a-define"), std::string::npos);
}

TEST(GuestImage, CompileErrorIsReturnedWithTheCompilerMessage) {
  TemporaryDirectory dir("vcc-error");
  writeFile(dir.path() / "broken.cpp", "int main() { return undeclared_name; }\n");
  GuestImageRequest request;
  request.sources = {dir.path() / "broken.cpp"};
  request.output = dir.path() / "broken.rv64.elf";
  request.workDir = dir.path() / "work";
  GuestImageResult result = buildGuestImage(request);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("compiling"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("broken.cpp:1:"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("undeclared_name"), std::string::npos) << result.error;
  EXPECT_FALSE(fs::exists(request.output));
}

TEST(GuestImage, LinkErrorNamesTheMissingSymbol) {
  // No file system in the guest: fopen's open() is deliberately missing.
  TemporaryDirectory dir("vcc-link");
  writeFile(dir.path() / "files.c",
            "#include <stdio.h>\n"
            "int main(void) { return fopen(\"data.txt\", \"r\") != 0; }\n");
  GuestImageRequest request;
  request.sources = {dir.path() / "files.c"};
  request.output = dir.path() / "files.rv64.elf";
  GuestImageResult result = buildGuestImage(request);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("linking files.rv64.elf failed"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("undefined symbol: open"), std::string::npos) << result.error;
}

TEST(GuestImage, UnknownSourceTypeIsRejected) {
  TemporaryDirectory dir("vcc-type");
  writeFile(dir.path() / "program.rs", "fn main() {}\n");
  GuestImageRequest request;
  request.sources = {dir.path() / "program.rs"};
  request.output = dir.path() / "program.rv64.elf";
  GuestImageResult result = buildGuestImage(request);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("unknown source type '.rs'"), std::string::npos) << result.error;
  EXPECT_TRUE(result.commands.empty());
}

TEST(GuestImage, MissingSourceIsRejected) {
  GuestImageRequest request;
  request.sources = {"/nonexistent/vcc/program.cpp"};
  request.output = "/nonexistent/vcc/program.rv64.elf";
  GuestImageResult result = buildGuestImage(request);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("no such source file"), std::string::npos) << result.error;
}

TEST(GuestImage, MissingToolIsReported) {
  GuestImageRequest request;
  request.sources = {kProgramsDir / "stl.cpp"};
  request.output = "/nonexistent/vcc/stl.rv64.elf";
  request.toolchain.clang = "/nonexistent/bin/clang-19";
  GuestImageResult result = buildGuestImage(request);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("clang not found at /nonexistent/bin/clang-19"), std::string::npos)
      << result.error;
}

TEST(GuestImage, RecipeCarriesTheDeterminismFlags) {
  const auto& flags = vcc::toolchain::guestRecipe().compileFlags;
  for (const char* flag : {"--target=riscv64-unknown-elf", "-march=rv64im", "-mabi=lp64",
                           "-mno-relax", "-O2", "-ffp-contract=off", "-fwrapv", "-fsigned-char"})
    EXPECT_NE(std::find(flags.begin(), flags.end(), flag), flags.end()) << flag;
  const auto& cxx = vcc::toolchain::guestRecipe().cxxFlags;
  for (const char* flag : {"-fno-exceptions", "-fno-rtti"})
    EXPECT_NE(std::find(cxx.begin(), cxx.end(), flag), cxx.end()) << flag;
  const auto& link = vcc::toolchain::guestRecipe().linkFlags;
  EXPECT_NE(std::find(link.begin(), link.end(), "--build-id=none"), link.end());
}

TEST(GuestImage, ToolVersionsAreReported) {
  const auto toolchain = vcc::toolchain::GuestToolchain::configured();
  std::optional<std::string> clang = vcc::toolchain::toolVersion(toolchain.clang);
  ASSERT_TRUE(clang.has_value());
  EXPECT_NE(clang->find("clang version 19."), std::string::npos) << *clang;
  std::optional<std::string> lld = vcc::toolchain::toolVersion(toolchain.lld);
  ASSERT_TRUE(lld.has_value());
  EXPECT_NE(lld->find("LLD 19."), std::string::npos) << *lld;
  EXPECT_FALSE(vcc::toolchain::toolVersion("/nonexistent/bin/tool").has_value());
}

TEST(GuestImage, LayoutVersionMatchesTheLinkerScript) {
  const std::string script =
      readFile(vcc::toolchain::GuestToolchain::configured().runtimeDir / "vcc-rv64.ld");
  EXPECT_NE(script.find("(layout version " + std::to_string(vcc::toolchain::kGuestLayoutVersion)),
            std::string::npos);
}

}  // namespace
