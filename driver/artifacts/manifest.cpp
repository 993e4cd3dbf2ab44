#include "manifest.hpp"

#include "json_value.hpp"
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
      .field("stateVersion", manifest.vm.stateVersion)
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
        .field("returns", method.returns)
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

namespace {

// Walks the parsed document, remembering the first problem with its path.
class ManifestReader {
public:
  explicit ManifestReader(std::string& error) : error_(error) {}

  const JsonValue* member(const JsonValue& object, std::string_view key, const char* path) {
    const JsonValue* value = object.kind() == JsonValue::Kind::Object ? object.find(key) : nullptr;
    if (value == nullptr) fail(std::string("missing field ") + path);
    return value;
  }
  std::string string(const JsonValue& object, std::string_view key, const char* path) {
    const JsonValue* value = member(object, key, path);
    if (value && value->kind() != JsonValue::Kind::String) fail(std::string(path) + " must be a string");
    return value ? value->text() : std::string();
  }
  std::optional<std::string> optionalString(const JsonValue& object, std::string_view key, const char* path) {
    const JsonValue* value = member(object, key, path);
    if (value == nullptr || value->isNull()) return std::nullopt;
    if (value->kind() != JsonValue::Kind::String) fail(std::string(path) + " must be a string or null");
    return value->text();
  }
  int integer(const JsonValue& object, std::string_view key, const char* path) {
    const JsonValue* value = member(object, key, path);
    if (value == nullptr) return 0;
    if (value->kind() != JsonValue::Kind::Number || value->text().find_first_not_of("0123456789") != std::string::npos ||
        value->text().size() > 9) {
      fail(std::string(path) + " must be a small non-negative integer");
      return 0;
    }
    return std::stoi(value->text());
  }
  template <size_t N> std::array<uint8_t, N> hexBytes(const JsonValue& object, std::string_view key, const char* path) {
    std::array<uint8_t, N> bytes{};
    std::string text = string(object, key, path);
    if (!error_.empty()) return bytes;
    if (text.size() != 2 + 2 * N || text[0] != '0' || text[1] != 'x') {
      fail(std::string(path) + " must be 0x and " + std::to_string(2 * N) + " hex digits");
      return bytes;
    }
    for (size_t i = 0; i < N; ++i) {
      int high = digit(text[2 + 2 * i]), low = digit(text[3 + 2 * i]);
      if (high < 0 || low < 0) {
        fail(std::string(path) + " has a character that is not lowercase hex");
        return bytes;
      }
      bytes[i] = static_cast<uint8_t>(high * 16 + low);
    }
    return bytes;
  }
  std::vector<std::string> strings(const JsonValue& value, const char* path) {
    std::vector<std::string> out;
    if (value.kind() != JsonValue::Kind::Array) {
      fail(std::string(path) + " must be an array of strings");
      return out;
    }
    for (const JsonValue& item : value.items()) {
      if (item.kind() != JsonValue::Kind::String) fail(std::string(path) + " must be an array of strings");
      out.push_back(item.text());
    }
    return out;
  }
  void fail(const std::string& message) {
    if (error_.empty()) error_ = message;
  }
  bool ok() const { return error_.empty(); }

private:
  static int digit(char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; }
  std::string& error_;
};

}  // namespace

std::optional<Manifest> parseManifest(std::string_view text, std::string& error) {
  error.clear();
  std::optional<JsonValue> document = JsonValue::parse(text, error);
  if (!document) {
    error = "manifest.json: " + error;
    return std::nullopt;
  }
  ManifestReader read(error);
  const JsonValue& root = *document;
  Manifest manifest;
  int version = read.integer(root, "manifestVersion", "manifestVersion");
  if (read.ok() && version != kManifestVersion)
    read.fail("manifestVersion " + std::to_string(version) + " is not supported (this vcc reads version " +
              std::to_string(kManifestVersion) + ")");
  manifest.service = read.string(root, "service", "service");
  manifest.vccVersion = read.string(root, "vcc", "vcc");
  if (const JsonValue* toolchain = read.member(root, "toolchain", "toolchain")) {
    manifest.toolchain.clang = read.string(*toolchain, "clang", "toolchain.clang");
    manifest.toolchain.lld = read.string(*toolchain, "lld", "toolchain.lld");
    manifest.toolchain.nvcc = read.optionalString(*toolchain, "nvcc", "toolchain.nvcc");
    if (const JsonValue* flags = read.member(*toolchain, "flags", "toolchain.flags")) {
      if (const JsonValue* guest = read.member(*flags, "guest", "toolchain.flags.guest"))
        manifest.toolchain.guestFlags = read.strings(*guest, "toolchain.flags.guest");
      if (const JsonValue* native = read.member(*flags, "native", "toolchain.flags.native"))
        manifest.toolchain.nativeFlags = read.strings(*native, "toolchain.flags.native");
      if (const JsonValue* cuda = read.member(*flags, "cuda", "toolchain.flags.cuda"))
        manifest.toolchain.cudaFlags = read.strings(*cuda, "toolchain.flags.cuda");
    }
  }
  if (const JsonValue* vmObject = read.member(root, "vm", "vm")) {
    manifest.vm.isa = read.string(*vmObject, "isa", "vm.isa");
    manifest.vm.layoutVersion = read.integer(*vmObject, "layoutVersion", "vm.layoutVersion");
    manifest.vm.stateVersion = read.integer(*vmObject, "stateVersion", "vm.stateVersion");
    manifest.vm.programHash = read.hexBytes<32>(*vmObject, "programHash", "vm.programHash");
    manifest.vm.elf.file = read.string(*vmObject, "elf", "vm.elf");
    manifest.vm.elf.keccak256 = read.hexBytes<32>(*vmObject, "keccak256", "vm.keccak256");
    manifest.vm.elf.sha256 = read.hexBytes<32>(*vmObject, "sha256", "vm.sha256");
  }
  if (const JsonValue* native = read.member(root, "native", "native")) {
    manifest.native.binary.file = read.string(*native, "file", "native.file");
    manifest.native.binary.keccak256 = read.hexBytes<32>(*native, "keccak256", "native.keccak256");
    manifest.native.binary.sha256 = read.hexBytes<32>(*native, "sha256", "native.sha256");
    if (const JsonValue* architectures = read.member(*native, "cudaArchitectures", "native.cudaArchitectures");
        architectures && !architectures->isNull())
      manifest.native.cudaArchitectures = read.strings(*architectures, "native.cudaArchitectures");
  }
  if (const JsonValue* methods = read.member(root, "methods", "methods")) {
    if (methods->kind() != JsonValue::Kind::Array) read.fail("methods must be an array");
    for (const JsonValue& item : methods->items()) {
      ManifestMethod method;
      method.name = read.string(item, "name", "methods[].name");
      method.signature = read.string(item, "signature", "methods[].signature");
      method.returns = read.string(item, "returns", "methods[].returns");
      method.selector = read.hexBytes<4>(item, "selector", "methods[].selector");
      method.programHash = read.hexBytes<32>(item, "programHash", "methods[].programHash");
      manifest.methods.push_back(std::move(method));
    }
  }
  if (const JsonValue* contract = read.member(root, "contract", "contract")) {
    manifest.contract.file = read.string(*contract, "file", "contract.file");
    manifest.contract.keccak256 = read.hexBytes<32>(*contract, "keccak256", "contract.keccak256");
  }
  if (!read.ok()) {
    error = "manifest.json: " + error;
    return std::nullopt;
  }
  return manifest;
}

}  // namespace vcc::driver
