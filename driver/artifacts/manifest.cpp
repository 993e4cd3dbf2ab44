#include "manifest.hpp"

#include "json_writer.hpp"
#include "sha256.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {
namespace {

void writeFile(JsonWriter& json, const ManifestFile& file) {
  json.field("file", file.file).field("keccak256", vm::toHex(file.keccak256)).field("sha256", vm::toHex(file.sha256));
}

void writeStrings(JsonWriter& json, const char* key, const std::vector<std::string>& values) {
  json.beginArray(key);
  for (const std::string& value : values) json.value(value);
  json.endArray();
}

}  // namespace

ManifestFile describeFile(std::string name, const std::vector<uint8_t>& contents) {
  return ManifestFile{std::move(name), vm::keccak256(contents), sha256(contents)};
}

std::string renderManifest(const Manifest& manifest) {
  JsonWriter json(/*indented=*/true);
  json.beginObject().field("manifestVersion", kManifestVersion).field("service", manifest.service).field("vcc", manifest.vccVersion);

  json.beginObject("toolchain").field("clang", manifest.toolchain.clang).field("lld", manifest.toolchain.lld);
  if (manifest.toolchain.nvcc) json.field("nvcc", *manifest.toolchain.nvcc);
  else json.null("nvcc");
  json.beginObject("flags");
  writeStrings(json, "guest", manifest.toolchain.guestFlags);
  writeStrings(json, "native", manifest.toolchain.nativeFlags);
  writeStrings(json, "cuda", manifest.toolchain.cudaFlags);
  json.endObject().endObject();

  json.beginObject("vm")
      .field("isa", manifest.vm.isa)
      .field("layoutVersion", manifest.vm.layoutVersion)
      .field("programHash", vm::toHex(manifest.vm.programHash))
      .field("elf", manifest.vm.elf.file)
      .field("keccak256", vm::toHex(manifest.vm.elf.keccak256))
      .field("sha256", vm::toHex(manifest.vm.elf.sha256))
      .endObject();

  json.beginObject("native");
  writeFile(json, manifest.native.binary);
  if (manifest.native.cudaArchitectures) writeStrings(json, "cudaArchitectures", *manifest.native.cudaArchitectures);
  else json.null("cudaArchitectures");
  json.endObject();

  json.beginArray("methods");
  for (const ManifestMethod& method : manifest.methods) {
    json.beginObject()
        .field("name", method.name)
        .field("signature", method.signature)
        .field("selector", vm::toHex(method.selector))
        .field("programHash", vm::toHex(method.programHash))
        .endObject();
  }
  json.endArray();

  json.beginObject("contract")
      .field("file", manifest.contract.file)
      .field("keccak256", vm::toHex(manifest.contract.keccak256))
      .endObject();
  json.endObject();
  return json.text() + "\n";
}

}  // namespace vcc::driver
