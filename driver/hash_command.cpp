// `vcc hash DIR`: the program hashes of a build, for the contract. The image
// is re-hashed and checked against the manifest, so what is printed is what
// the files on disk commit to.
#include <cstdio>
#include <memory>
#include <string>

#include "build_directory.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "json_writer.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {
namespace {

struct HashOptions {
  std::string directory;
  bool json = false;
};

int printHashes(const HashOptions& options) {
  int exitCode = kExitOk;
  std::optional<BuildDirectory> build = openBuildDirectory(options.directory, exitCode);
  if (!build) return exitCode;
  const Manifest& manifest = build->manifest;
  if (options.json) {
    JsonWriter json;
    json.beginObject().field("service", manifest.service).field("programHash", vm::toHex(manifest.vm.programHash));
    json.beginArray("methods");
    for (const ManifestMethod& method : manifest.methods) {
      json.beginObject()
          .field("name", method.name)
          .field("signature", method.signature)
          .field("selector", vm::toHex(method.selector))
          .field("programHash", vm::toHex(method.programHash))
          .endObject();
    }
    json.endArray().endObject();
    std::printf("%s\n", json.text().c_str());
    return kExitOk;
  }
  std::printf("programHash %s  %s\n", vm::toHex(manifest.vm.programHash).c_str(), manifest.vm.elf.file.c_str());
  for (const ManifestMethod& method : manifest.methods)
    std::printf("%s %s  %s\n", vm::toHex(method.selector).c_str(), vm::toHex(method.programHash).c_str(),
                method.signature.c_str());
  return kExitOk;
}

}  // namespace

void addHashCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<HashOptions>();
  CLI::App* hash = app.add_subcommand("hash", "Print a build's program hashes per method selector (verified against the files)");
  hash->add_option("dir", options->directory, "Build directory written by vcc build")->required()->check(NonEmptyPath);
  hash->add_flag("--json", options->json, "Print a JSON object");
  hash->footer("Exit code: 0; 1 if the files disagree with manifest.json; 2 if the directory is unreadable.");
  hash->callback([options, &exitCode] { exitCode = printHashes(*options); });
}

}  // namespace vcc::driver
