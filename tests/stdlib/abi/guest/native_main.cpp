// The native entry point: native_main --input FILE --output FILE.
#include <cstdio>
#include <cstring>
#include <vector>

#include "vcc/program.hpp"

int main(int argc, char** argv) {
  const char* input = nullptr;
  const char* output = nullptr;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--input") == 0) input = argv[i + 1];
    if (std::strcmp(argv[i], "--output") == 0) output = argv[i + 1];
  }
  if (input == nullptr || output == nullptr) {
    std::fprintf(stderr, "usage: %s --input FILE --output FILE\n", argv[0]);
    return 2;
  }
  std::vector<uint8_t> request;
  if (FILE* file = std::fopen(input, "rb")) {
    int c;
    while ((c = std::fgetc(file)) != EOF)
      request.push_back(static_cast<uint8_t>(c));
    std::fclose(file);
  } else {
    std::perror(input);
    return 2;
  }
  std::vector<uint8_t> response;
  vccProgramMain(request, response);
  FILE* file = std::fopen(output, "wb");
  if (file == nullptr ||
      std::fwrite(response.data(), 1, response.size(), file) != response.size()) {
    std::perror(output);
    return 2;
  }
  std::fclose(file);
  return 0;
}
