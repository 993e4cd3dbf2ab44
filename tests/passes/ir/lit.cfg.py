# lit configuration of the IR plugin's tests. Run through ctest, or by hand:
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv BUILD/tests/passes/ir
#
# Substitutions (each compiles with the plugin loaded as the driver does):
#   %cxx_x86 / %cc_x86    clang for x86_64-linux-gnu with SPEC §4's flags (C++:
#                         libc++ with vcc's configuration, as vcc build)
#   %cxx_rv64 / %cc_rv64  clang with the guest image recipe's flags (rv64im)
#   %opt                  opt with the plugin loaded
#   %plugin, %allowed_calls   the plugin and its default allow list
#   %host_link, %guest_link   link C programs (no plugin) for running them:
#                         natively, and as a bare rv64im image (%qemu runs it)
import os

import lit.formats

config.name = "vcc-ir-plugin"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".ll"]
config.test_source_root = os.path.dirname(__file__)
# Tests live in cases/ (their inputs in cases/Inputs); the rest is not lit's.
config.excludes = ["Inputs", "ptx", "ptx_scan_test.cpp", "ir_plugin_api_test.cpp"]

# LLVM 19's FileCheck, not and opt come first (the system may have others).
config.environment["PATH"] = os.pathsep.join(
    [config.vcc_llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])

load_plugin = "-fplugin={0} -fpass-plugin={0}".format(config.vcc_plugin)
includes = "-I" + config.vcc_stdlib_include_dir
host = "{} --target=x86_64-linux-gnu {} {} {}".format(
    config.vcc_clangxx, config.vcc_host_flags, load_plugin, includes)
guest = "{} {} {} {}".format(config.vcc_clangxx, config.vcc_guest_flags, load_plugin, includes)

config.substitutions.append(("%cxx_x86", "{} -x c++ -std=c++20 {}".format(host, config.vcc_host_cxx_flags)))
config.substitutions.append(("%cc_x86", "{} -x c -std=c17".format(host)))
config.substitutions.append(("%cxx_rv64", "{} -x c++ {}".format(guest, config.vcc_guest_cxx_flags)))
config.substitutions.append(("%cc_rv64", "{} -x c {}".format(guest, config.vcc_guest_c_flags)))
config.substitutions.append(
    ("%opt", "{} -load-pass-plugin={}".format(os.path.join(config.vcc_llvm_tools_dir, "opt"),
                                              config.vcc_plugin)))
config.substitutions.append(("%plugin", config.vcc_plugin))
config.substitutions.append(("%host_link", "{} -O2 -lm".format(config.vcc_clang)))
config.substitutions.append((
    "%guest_link",
    "{clang} --target=riscv64-unknown-elf -march=rv64im -mabi=lp64 -mno-relax -O2 "
    "-fno-builtin-printf -isystem {libc}/include -I{support} -nostdlib -static -fuse-ld=lld "
    "{support}/start.S {support}/guest_io.c {libc}/lib/release/rv64im/lp64/libc.a "
    "{libgcc}/libgcc.a".format(clang=config.vcc_clang, libc=config.vcc_picolibc_dir,
                               support=config.vcc_guest_support_dir,
                               libgcc=config.vcc_guest_libgcc_dir)))
config.substitutions.append(("%qemu", config.vcc_qemu_riscv64))
if config.vcc_qemu_riscv64 and not config.vcc_qemu_riscv64.endswith("-NOTFOUND"):
    config.available_features.add("qemu")
config.substitutions.append(("%allowed_calls", config.vcc_allowed_calls))
