// libFuzzer target: manifest.json as read from an untrusted build directory
// (parseManifest over the JSON reader). Properties besides not crashing:
// a manifest that parses renders to text that parses to the same render.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  std::optional<vcc::driver::Manifest> manifest = vcc::driver::parseManifest(text, error);
  if (!manifest) {
    if (error.empty()) std::abort();  // a rejection always says why
    return 0;
  }
  std::string rendered = vcc::driver::renderManifest(*manifest);
  std::optional<vcc::driver::Manifest> again = vcc::driver::parseManifest(rendered, error);
  if (!again || vcc::driver::renderManifest(*again) != rendered) std::abort();
  return 0;
}
