// The native entry point of dual programs (vcc/program.hpp): options, the
// backend, the request in, vccProgramMain, the response out. Compiled
// twice: into vcc::native_main, and with VCC_NATIVE_WITH_CUDA into
// vcc::native_main_cuda, which offers the cuda backend.
#include "service_allocator.hpp"
#include "vcc/detail/request_reader.hpp"
#include "vcc/native/backends.hpp"
#include "vcc/native/exit_codes.hpp"
#include "vcc/native/options.hpp"
#include "vcc/native/traps.hpp"
#include "vcc/oracle.hpp"
#include "vcc/program.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <pthread.h>
#include <sys/stat.h>
#include <vector>

#ifndef VCC_NATIVE_WITH_CUDA
#define VCC_NATIVE_WITH_CUDA 0
#endif

namespace {

using namespace vcc::native;

std::string programName(const char* argv0) {
  std::string name = argv0 != nullptr ? argv0 : "program";
  size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// Reads all of `path` (- for stdin); false with errno's text on failure.
bool readAll(const std::string& path, std::vector<uint8_t>& bytes, std::string& error) {
  FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = std::strerror(errno);
    return false;
  }
  uint8_t chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file)) != 0)
    bytes.insert(bytes.end(), chunk, chunk + got);
  bool ok = !std::ferror(file);
  if (!ok) error = std::strerror(errno);
  if (file != stdin) std::fclose(file);
  return ok;
}

bool writeAll(const std::string& path, const std::vector<uint8_t>& bytes, std::string& error) {
  FILE* file = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    error = std::strerror(errno);
    return false;
  }
  bool ok = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  ok = std::fflush(file) == 0 && ok;
  if (!ok) error = std::strerror(errno);
  if (file != stdout && std::fclose(file) != 0 && ok) {
    error = std::strerror(errno);
    ok = false;
  }
  return ok;
}

// Like the guest: running out of memory ends the program with code 70.
void outOfMemory() {
  std::fflush(stdout);
  std::fputs("vcc: out of memory\n", stderr);
  std::_Exit(kExitOutOfMemory);
}

// Runs `serve` on a thread with a 256 MiB stack (address space, committed
// only as used): the counted stack budget (docs/passes.md) must run out
// before the real stack does, and the main thread's is only ulimit -s.
template <class Serve> void runOnServiceStack(Serve serve) {
  constexpr size_t kServiceStackBytes = size_t{256} << 20;
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, kServiceStackBytes);
  pthread_t thread;
  auto entry = [](void* opaque) -> void* {
    installAlternateSignalStack();
    (*static_cast<Serve*>(opaque))();
    return nullptr;
  };
  if (pthread_create(&thread, &attributes, entry, &serve) != 0) {
    serve();  // no thread: the main thread's stack
  } else {
    pthread_join(thread, nullptr);
  }
  pthread_attr_destroy(&attributes);
}

int run(int argc, char** argv) {
  // The runtime's own allocations come from glibc's heap (service_allocator.cpp).
  setServiceHeapMode(false);
  installTrapHandlers();
  std::set_new_handler(outOfMemory);
  std::string program = programName(argc > 0 ? argv[0] : nullptr);
#if VCC_NATIVE_WITH_CUDA
  CudaFactory cuda = &makeCudaBackend;
#else
  CudaFactory cuda = nullptr;
#endif

  std::span<const char* const> arguments(const_cast<const char* const*>(argv) + (argc > 0 ? 1 : 0),
                                         argc > 0 ? static_cast<size_t>(argc - 1) : 0);
  ParsedOptions parsed = parseOptions(arguments);
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "%s: error: %s\nrun '%s --help' for usage\n", program.c_str(),
                 parsed.error.c_str(), program.c_str());
    return kExitBadUsage;
  }
  const Options& options = parsed.options;
  if (options.help) {
    std::fputs(usageText(program, cuda != nullptr).c_str(), stdout);
    return kExitOk;
  }
  if (options.listBackends) {
    std::puts("serial");
    std::puts("threads");
    if (cuda != nullptr) {
      std::string whyNot;
      if (cuda(1, whyNot)) std::puts("cuda");
    }
    return kExitOk;
  }

  std::vector<uint8_t> request;
  std::string error;
  if (!readAll(options.input, request, error)) {
    std::fprintf(stderr, "%s: error: cannot read the request from '%s': %s\n", program.c_str(),
                 options.input.c_str(), error.c_str());
    return kExitBadUsage;
  }
  if (!options.store.empty()) {
    struct stat info {};
    if (::stat(options.store.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      std::fprintf(stderr, "%s: error: --store '%s' is not a directory\n", program.c_str(),
                   options.store.c_str());
      return kExitBadUsage;
    }
    vcc::oracle::setStoreDirectory(options.store.c_str());
  }

  BackendSelection selection = selectBackend(options, cuda);
  if (!selection.notice.empty()) std::fprintf(stderr, "%s\n", selection.notice.c_str());
  ScopedBackend installed(*selection.backend);
  std::vector<uint8_t> response;
  {
    std::vector<uint8_t> serviceResponse;
    runOnServiceStack([&] {
      // From here to the response, exactly the heap calls of the image's
      // main (stdlib/src/guest_main.cpp), on the service heap. The thread
      // itself was made in runtime mode: glibc's allocations for it stay
      // out of the service heap.
      ServiceHeapScope serviceHeap;
      size_t offset = 0, size = 0;
      uint8_t* serviceRequest = vcc::detail::readWholeRequest(
          [&](uint8_t* buffer, size_t capacity) {
            size_t count = std::min(capacity, request.size() - offset);
            if (count != 0) std::memcpy(buffer, request.data() + offset, count);
            offset += count;
            return count;
          },
          size);
      if (serviceRequest == nullptr) outOfMemory();
      vccProgramMain(std::span<const uint8_t>(serviceRequest, size), serviceResponse);
      std::free(serviceRequest);
    });
    // Copied out in runtime mode; the service's vector goes back to the
    // service heap (free follows the address).
    response.assign(serviceResponse.begin(), serviceResponse.end());
  }
  if (!writeAll(options.output, response, error)) {
    std::fprintf(stderr, "%s: error: cannot write the response to '%s': %s\n", program.c_str(),
                 options.output.c_str(), error.c_str());
    return kExitOutputFailed;
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return run(argc, argv);
}
