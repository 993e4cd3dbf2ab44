// The vcc command: one executable, one subcommand per file (commands.hpp).
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"

int main(int argc, char** argv) {
  CLI::App app{"vcc: one service source, a native binary and a verifiable RISC-V image"};
  app.set_version_flag("--version", "vcc " VCC_VERSION);
  app.require_subcommand(1);

  int exitCode = vcc::driver::kExitOk;
#if VCC_WITH_FRONTEND
  vcc::driver::addBuildCommand(app, exitCode);
#endif
  vcc::driver::addHashCommand(app, exitCode);
  vcc::driver::addPublishCommand(app, exitCode);
  vcc::driver::addRunCommand(app, exitCode);
  vcc::driver::addVerifyCommand(app, exitCode);
  CLI::App* vm = app.add_subcommand("vm", "The fraud-proof RV64IM VM by itself");
  vm->require_subcommand(1);
  vcc::driver::addVmRunCommand(*vm, exitCode);
  vcc::driver::addVmHashCommand(*vm, exitCode);

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
  }
  return exitCode;
}
