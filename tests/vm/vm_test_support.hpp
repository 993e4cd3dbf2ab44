// Runs assembled programs in the VM for the unit tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "assembler.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::vm::test {

struct Outcome {
  std::unique_ptr<Machine> machine;
  StopReason reason;
  const MachineState& state() const { return machine->state(); }
  uint64_t reg(Reg r) const { return machine->state().x[r]; }
};

inline Outcome runElf(const std::vector<uint8_t>& elf, std::vector<uint8_t> request = {},
                      uint64_t stepLimit = 1'000'000) {
  Outcome outcome{std::make_unique<Machine>(), StopReason::Trapped};
  ElfLoadResult loaded = outcome.machine->load(elf);
  EXPECT_TRUE(loaded.ok()) << loaded.error;
  outcome.machine->bindRequest(std::move(request));
  outcome.reason = outcome.machine->run(stepLimit);
  return outcome;
}

inline Outcome run(const Assembler& code, std::vector<uint8_t> data = {}, uint64_t dataMemorySize = 0,
                   std::vector<uint8_t> request = {}, uint64_t stepLimit = 1'000'000) {
  return runElf(buildProgram(code, std::move(data), dataMemorySize), std::move(request), stepLimit);
}

// Loads a data root into a0..a3 as four little-endian words: the argument
// of oracle_size and oracle_read (SPEC §3.4).
inline void loadRoot(Assembler& code, const Hash& root) {
  for (unsigned word = 0; word < 4; ++word) {
    uint64_t value = 0;
    for (unsigned byte = 0; byte < 8; ++byte) value |= uint64_t{root[8 * word + byte]} << (8 * byte);
    code.li(static_cast<Reg>(a0 + word), value);
  }
}

// Runs `body`, then exits; returns the outcome after checking the exit.
inline Outcome runToExit(Assembler body, std::vector<uint8_t> data = {}, uint64_t dataMemorySize = 0) {
  body.li(a7, 93).ecall();
  Outcome outcome = run(body, std::move(data), dataMemorySize);
  EXPECT_EQ(outcome.reason, StopReason::Exited) << "trap " << trapKindName(outcome.state().trap.kind)
                                                << " at pc 0x" << std::hex << outcome.state().trap.pc;
  return outcome;
}

}  // namespace vcc::vm::test
