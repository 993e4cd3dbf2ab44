// The guest entry point of dual programs (vcc/program.hpp): the whole
// request from fd 0, vccProgramMain, the response to fd 1. The native
// counterpart is runtime-native/src/program_main.cpp.
#include "vcc/guest/io.h"
#include "vcc/program.hpp"

#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

int main() {
  size_t size = 0;
  auto* request = static_cast<uint8_t*>(vcc_read_request_all(&size));
  std::vector<uint8_t> response;
  vccProgramMain(std::span<const uint8_t>(request, size), response);
  std::free(request);
  if (!response.empty()) vcc_write_response(response.data(), response.size());
  return 0;
}
