// Registration of the vcc subcommands. Each adds itself to its parent and,
// when run, stores the process exit code in `exitCode`.
#pragma once

#include <CLI/CLI.hpp>

namespace vcc::driver {

void addBuildCommand(CLI::App& app, int& exitCode);  // build and check
void addHashCommand(CLI::App& app, int& exitCode);
void addRunCommand(CLI::App& app, int& exitCode);
void addVerifyCommand(CLI::App& app, int& exitCode);
void addPublishCommand(CLI::App& app, int& exitCode);
void addVmRunCommand(CLI::App& vm, int& exitCode);
void addVmHashCommand(CLI::App& vm, int& exitCode);

}  // namespace vcc::driver
