// Entry points for math_bitwise when cmake/DualProgram.cmake is not there:
// in the guest, the request from fd 0 and the response to fd 1; natively,
// --input FILE and --output FILE (other options are accepted and ignored,
// so the command line matches the dual programs').
#include "vcc/program.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

#if defined(__riscv)
#include "vcc/guest/io.h"

int main() {
  size_t size = 0;
  auto* request = static_cast<uint8_t*>(vcc_read_request_all(&size));
  std::vector<uint8_t> response;
  vccProgramMain(std::span<const uint8_t>(request, size), response);
  std::free(request);
  if (!response.empty()) vcc_write_response(response.data(), response.size());
  return 0;
}
#else
int main(int argc, char** argv) {
  const char* input = nullptr;
  const char* output = nullptr;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--input") == 0)
      input = argv[++i];
    else if (std::strcmp(argv[i], "--output") == 0)
      output = argv[++i];
  }
  std::vector<uint8_t> request;
  if (input != nullptr) {
    std::FILE* file = std::fopen(input, "rb");
    if (file == nullptr) {
      std::fprintf(stderr, "error: cannot read the request from '%s'\n", input);
      return 2;
    }
    uint8_t buffer[4096];
    for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, file)) > 0;)
      request.insert(request.end(), buffer, buffer + got);
    std::fclose(file);
  }
  std::vector<uint8_t> response;
  vccProgramMain(request, response);
  std::FILE* file = output != nullptr ? std::fopen(output, "wb") : stdout;
  if (file == nullptr ||
      std::fwrite(response.data(), 1, response.size(), file) != response.size()) {
    std::fprintf(stderr, "error: cannot write the response\n");
    return 71;
  }
  if (file != stdout) std::fclose(file);
  return 0;
}
#endif
