// A dual-target program: one source that builds both a RISC-V guest image
// and a native executable (vcc_add_dual_program in cmake/DualProgram.cmake).
// The source defines
//
//   void vccProgramMain(std::span<const uint8_t> request, std::vector<uint8_t>& response);
//
// and the target's entry point supplies the request and emits the response:
// in the guest, fd 0 and fd 1 of the VM; natively, --input/--output (files,
// default stdin/stdout) with the backend chosen by --backend/--threads.
// Services (SPEC §2) get this function from the generated dispatch glue.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

void vccProgramMain(std::span<const uint8_t> request, std::vector<uint8_t>& response);
