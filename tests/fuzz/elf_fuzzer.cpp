// libFuzzer target: arbitrary bytes as an ELF file. The loader must reject
// or accept without crashing; accepted images run for a bounded number of
// steps and must end in a defined state.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "vcc/vm/machine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vcc::vm::Machine machine;
  vcc::vm::ElfLoadResult loaded = machine.load(std::span(data, size));
  if (!loaded.ok()) {
    if (loaded.error.empty()) std::abort();
    return 0;
  }
  machine.bindRequest({1, 2, 3, 4, 5, 6, 7, 8});
  vcc::vm::StopReason reason = machine.run(20'000);
  const vcc::vm::MachineState& state = machine.state();
  if (state.x[0] != 0) std::abort();
  if (state.steps > 20'000) std::abort();
  if ((reason == vcc::vm::StopReason::Trapped) != (state.status == vcc::vm::RunStatus::Trapped)) std::abort();
  return 0;
}
