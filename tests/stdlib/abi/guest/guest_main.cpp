// The guest entry point: the request from fd 0, the response to fd 1.
#include <cstdlib>
#include <vector>

#include "vcc/guest/io.h"
#include "vcc/program.hpp"

int main() {
  size_t size = 0;
  auto* request = static_cast<uint8_t*>(vcc_read_request_all(&size));
  std::vector<uint8_t> response;
  vccProgramMain(std::span<const uint8_t>(request, size), response);
  std::free(request);
  vcc_write_response(response.data(), response.size());
  return 0;
}
