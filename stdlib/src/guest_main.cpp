// The guest entry point of dual programs (vcc/program.hpp): the whole
// request from fd 0, vccProgramMain, the response to fd 1. The native
// counterpart is runtime-native/src/program_main.cpp; both make the same
// heap calls in the same order (vcc/detail/request_reader.hpp).
#include "vcc/detail/request_reader.hpp"
#include "vcc/guest/exit_codes.h"
#include "vcc/guest/io.h"
#include "vcc/program.hpp"

#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

int main() {
  size_t size = 0;
  uint8_t* request = vcc::detail::readWholeRequest(
      [](uint8_t* buffer, size_t capacity) { return vcc_read_request(buffer, capacity); }, size);
  if (request == nullptr) {
    vcc_debug_print("vcc: out of memory (reading the request)\n");
    vcc_exit(VCC_EXIT_OUT_OF_MEMORY);
  }
  std::vector<uint8_t> response;
  vccProgramMain(std::span<const uint8_t>(request, size), response);
  std::free(request);
  if (!response.empty()) vcc_write_response(response.data(), response.size());
  return 0;
}
