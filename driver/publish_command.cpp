// `vcc publish DIR --bundle OUT [--blob FILE]...`: a content-addressed
// bundle for a pipeline that uploads to a data-availability layer and sends
// the transactions:
//   OUT/blobs/<data root hex>   the image, the manifest, the contract and the
//                               service's data blobs (the same layout as a
//                               data-oracle store: docs/data-roots.md)
//   OUT/index.json              what each blob is, and the calldata of
//                               setProgramHash(bytes4,bytes32) per selector
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "build_directory.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "file_io.hpp"
#include "json_writer.hpp"
#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/data_root.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {
namespace {

struct PublishOptions {
  std::string directory;
  std::string bundle;
  std::vector<std::string> blobs;
  bool json = false;
};

constexpr int kBundleVersion = 2;

// ABI encoding of setProgramHash(bytes4 selector, bytes32 programHash).
std::vector<uint8_t> setProgramHashCalldata(const std::array<uint8_t, 4>& selector, const Digest& programHash) {
  static const std::string kSignature = "setProgramHash(bytes4,bytes32)";
  vm::Hash functionHash = vm::keccak256(std::span(reinterpret_cast<const uint8_t*>(kSignature.data()), kSignature.size()));
  std::vector<uint8_t> calldata(functionHash.begin(), functionHash.begin() + 4);
  calldata.insert(calldata.end(), selector.begin(), selector.end());  // bytesN is left-aligned
  calldata.resize(4 + 32, 0);
  calldata.insert(calldata.end(), programHash.begin(), programHash.end());
  return calldata;
}

int publishBundle(const PublishOptions& options) {
  int exitCode = kExitOk;
  std::optional<BuildDirectory> build = openBuildDirectory(options.directory, exitCode);
  if (!build) return exitCode;
  std::string error;
  namespace fs = std::filesystem;
  std::error_code fsError;
  fs::create_directories(options.bundle, fsError);
  // Inside the bundle nothing is followed: blobs/ must be a real directory
  // and every file is written fresh and renamed into place.
  std::optional<fs::path> blobDirectory =
      fsError ? std::nullopt : makeDirectories(options.bundle, {"blobs"}, error);
  if (!blobDirectory) {
    std::fprintf(stderr, "vcc: error: %s: %s\n", options.bundle.c_str(),
                 fsError ? fsError.message().c_str() : error.c_str());
    return kExitBadInput;
  }
  struct Blob {
    const char* role;
    std::string file;
    const std::vector<uint8_t>* bytes;
  };
  const Manifest& manifest = build->manifest;
  std::vector<Blob> blobs = {{"image", manifest.vm.elf.file, &build->image},
                             {"manifest", "manifest.json", &build->manifestBytes},
                             {"contract", manifest.contract.file, &build->contract}};
  std::vector<std::vector<uint8_t>> data;
  data.reserve(options.blobs.size());
  for (const std::string& path : options.blobs) {
    std::optional<std::vector<uint8_t>> bytes = readBinary(path, vm::DirectoryBlobStore::kMaxBlobBytes, error);
    if (!bytes) {
      std::fprintf(stderr, "vcc: error: --blob %s\n", error.c_str());
      return kExitBadInput;
    }
    data.push_back(std::move(*bytes));
    blobs.push_back({"data", fs::path(path).filename().string(), &data.back()});
  }

  JsonWriter index(/*indented=*/true);
  index.beginObject()
      .field("bundleVersion", kBundleVersion)
      .field("service", manifest.service)
      .field("programHash", vm::toHex(manifest.vm.programHash));
  index.beginArray("blobs");
  std::string dataLines;  // the data blobs by root, for the summary
  for (const Blob& blob : blobs) {
    vm::Hash key = vm::dataRoot(*blob.bytes);
    if (std::string_view(blob.role) == "data")
      dataLines += "  data " + blob.file + ": " + vm::toHex(key) + " (" + std::to_string(blob.bytes->size()) + " bytes)\n";
    if (!replaceFile(*blobDirectory / vm::toHex(key).substr(2), *blob.bytes, error)) {
      std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
      return kExitBadInput;
    }
    index.beginObject()
        .field("role", blob.role)
        .field("file", blob.file)
        .field("dataRoot", vm::toHex(key))
        .field("keccak256", vm::toHex(vm::keccak256(*blob.bytes)))
        .field("size", static_cast<uint64_t>(blob.bytes->size()))
        .field("path", "blobs/" + vm::toHex(key).substr(2))
        .endObject();
  }
  index.endArray();
  index.beginArray("transactions");
  for (const ManifestMethod& method : manifest.methods) {
    index.beginObject()
        .field("method", method.name)
        .field("function", "setProgramHash(bytes4,bytes32)")
        .field("selector", vm::toHex(method.selector))
        .field("programHash", vm::toHex(method.programHash))
        .field("calldata", vm::toHex(setProgramHashCalldata(method.selector, method.programHash)))
        .endObject();
  }
  index.endArray().endObject();
  std::string text = index.text() + "\n";
  std::string indexPath = (fs::path(options.bundle) / "index.json").string();
  if (!replaceFile(indexPath, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), error)) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    return kExitBadInput;
  }
  if (options.json) {
    std::fputs(text.c_str(), stdout);
  } else {
    std::printf("vcc: published %s: %zu blobs and %zu setProgramHash transactions in %s\n%s", manifest.service.c_str(),
                blobs.size(), manifest.methods.size(), indexPath.c_str(), dataLines.c_str());
  }
  return kExitOk;
}

}  // namespace

void addPublishCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<PublishOptions>();
  CLI::App* publish = app.add_subcommand("publish", "Write a content-addressed bundle (blobs + index.json) of a build");
  publish->add_option("dir", options->directory, "Build directory written by vcc build")->required()->check(NonEmptyPath);
  publish->add_option("--bundle", options->bundle, "Output directory of the bundle")
      ->required()
      ->check(NonEmptyPath);
  publish->add_option("--blob", options->blobs,
                      "A data blob the service reads through the oracle (repeatable): bundled by its data root")
      ->check(NonEmptyPath);
  publish->add_flag("--json", options->json, "Print index.json on stdout");
  publish->footer("Exit code: 0; 1 if the build's files disagree with manifest.json; 2 on unreadable input.");
  publish->callback([options, &exitCode] { exitCode = publishBundle(*options); });
}

}  // namespace vcc::driver
