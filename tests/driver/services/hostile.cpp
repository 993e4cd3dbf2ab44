// A test service for tests/driver/hostile_inputs_test.py: a method that
// runs as long as the request asks (--timeout, --max-steps) and one that
// returns whatever bytes it is given as a string (run --json must still
// print valid UTF-8).
//
//   spin(uint64 rounds) -> uint64     a hash chain of `rounds` steps
//   echoString(bytes raw) -> string   the bytes themselves
#include <vcc/service.hpp>

#include <cstdint>
#include <string>

VCC_METHOD uint64_t spin(uint64_t rounds) {
  uint64_t state = 0x9e3779b97f4a7c15u;
  for (uint64_t i = 0; i < rounds; ++i) state = (state ^ (state >> 29)) * 0xbf58476d1ce4e5b9u + i;
  return state;
}

VCC_METHOD std::string echoString(vcc::bytes raw) { return std::string(raw.begin(), raw.end()); }
