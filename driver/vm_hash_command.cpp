// `vcc vm hash IMAGE`: the programHash of an image, i.e. the state root
// right after loading it, before the first step and with no request bound
// (SPEC §3.3).
#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "json_writer.hpp"
#include "vm_image.hpp"

namespace vcc::driver {
namespace {

struct VmHashOptions {
  std::string image;
  bool json = false;
};

int hashImage(const VmHashOptions& options) {
  std::unique_ptr<vm::Machine> machine = loadImage(options.image);
  if (!machine) return kExitBadInput;
  std::string programHash = vm::toHex(machine->stateRoot());
  if (options.json) {
    JsonWriter json;
    json.beginObject()
        .field("image", options.image)
        .field("programHash", programHash)
        .field("memoryRoot", vm::toHex(machine->memoryRoot()))
        .field("entry", hex64(machine->state().pc))
        .endObject();
    std::printf("%s\n", json.text().c_str());
  } else {
    std::printf("%s\n", programHash.c_str());
  }
  return kExitOk;
}

}  // namespace

void addVmHashCommand(CLI::App& vm, int& exitCode) {
  auto options = std::make_shared<VmHashOptions>();
  CLI::App* hash = vm.add_subcommand("hash", "Print the programHash (initial state root) of an RV64IM image");
  hash->add_option("image", options->image, "RV64IM ELF image")->required();
  hash->add_flag("--json", options->json, "Print a JSON object with programHash, memoryRoot and entry");
  hash->callback([options, &exitCode] { exitCode = hashImage(*options); });
}

}  // namespace vcc::driver
