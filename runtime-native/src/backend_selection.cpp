#include "vcc/native/options.hpp"

#include <string>

namespace vcc::native {

BackendSelection selectBackend(const Options& options, CudaFactory cuda) {
  BackendSelection selection;
  bool wantCuda = !options.backend || *options.backend == BackendKind::cuda;
  if (wantCuda && cuda != nullptr) {
    std::string whyNot;
    selection.backend = cuda(options.threads != 0 ? options.threads : hardwareThreads(), whyNot);
    if (selection.backend) return selection;
    selection.notice = "vcc: no usable CUDA device (" + whyNot + "); using the threads backend";
  } else if (options.backend == BackendKind::cuda) {
    selection.notice = "vcc: this build has no cuda backend (build the -cuda variant with nvcc); "
                       "using the threads backend";
  }
  if (options.backend == BackendKind::serial)
    selection.backend = makeSerialBackend();
  else
    selection.backend = makeThreadsBackend(options.threads);
  return selection;
}

}  // namespace vcc::native
