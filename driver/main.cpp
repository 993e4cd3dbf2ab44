// The vcc command: one executable, one subcommand per file (commands.hpp).
// Every failure ends as a message and an exit code (docs/cli.md), never as
// a signal: exceptions and allocation failures are caught here.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>

#include "commands.hpp"
#include "exit_codes.hpp"

#if VCC_WITH_FRONTEND
#include "parts.hpp"
#include "vcc/frontend/frontend.hpp"
#endif

namespace {

[[noreturn]] void outOfMemory() {
  static const char kMessage[] = "vcc: error: out of memory (see ulimit -v and --max-memory)\n";
  (void)!::fwrite(kMessage, 1, sizeof kMessage - 1, stderr);
  std::_Exit(vcc::driver::kExitBadInput);
}

#if VCC_WITH_FRONTEND
// LLVM's fatal errors (out of memory in the frontend, ...) end the process
// with exit 2 and the message instead of abort().
[[noreturn]] void fatalError(const char* reason) {
  std::fprintf(stderr, "vcc: error: %s\n", reason);
  std::fflush(stderr);
  std::_Exit(vcc::driver::kExitBadInput);
}
#endif

}  // namespace

int main(int argc, char** argv) {
  std::set_new_handler([] { outOfMemory(); });
#if VCC_WITH_FRONTEND
  vcc::frontend::installFatalErrorHandlers(fatalError, outOfMemory);
#endif
  CLI::App app{"vcc: one service source, a native binary and a verifiable RISC-V image"};
#if VCC_WITH_FRONTEND
  // Where vcc build finds its parts: an installed prefix or the build tree.
  app.set_version_flag("--version", "vcc " VCC_VERSION "\nparts: " + vcc::driver::parts().origin);
#else
  app.set_version_flag("--version", "vcc " VCC_VERSION);
#endif
  app.require_subcommand(0, 1);  // checked after parsing, as for vm below

  int exitCode = vcc::driver::kExitOk;
#if VCC_WITH_FRONTEND
  vcc::driver::addBuildCommand(app, exitCode);
#endif
  vcc::driver::addHashCommand(app, exitCode);
  vcc::driver::addPublishCommand(app, exitCode);
  vcc::driver::addRunCommand(app, exitCode);
  vcc::driver::addVerifyCommand(app, exitCode);
  CLI::App* vm = app.add_subcommand("vm", "The fraud-proof RV64IM VM by itself");
  // At most one, checked after parsing: with require_subcommand(1) CLI11
  // answers "vcc vm frobnicate" with "A subcommand is required".
  vm->require_subcommand(0, 1);
  vcc::driver::addVmRunCommand(*vm, exitCode);
  vcc::driver::addVmHashCommand(*vm, exitCode);
  vcc::driver::addVmProofCommands(*vm, exitCode);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message
    return vcc::driver::kExitBadInput;
  } catch (const std::bad_alloc&) {
    outOfMemory();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vcc: error: %s\n", e.what());
    return vcc::driver::kExitBadInput;
  }
  if (app.get_subcommands().empty()) {
    std::fprintf(stderr, "vcc: give a subcommand (vcc --help lists them)\n");
    return vcc::driver::kExitBadInput;
  }
  if (vm->parsed() && vm->get_subcommands().empty()) {
    std::fprintf(stderr, "vcc vm: give a subcommand: run or hash (vcc vm --help)\n");
    return vcc::driver::kExitBadInput;
  }
  return exitCode;
}
