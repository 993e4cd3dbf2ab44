# vcc_add_guest_program(NAME SOURCES src... [FREESTANDING] [FLAGS f...] [DEPENDS header...])
#
# Builds a static RV64IM ELF (lp64, soft-float) from C/C++/assembly sources
# with clang-19 and ld.lld-19, linked against picolibc and libgcc for the
# rv64im/lp64 multilib and the small test runtime in tests/support/guest.
# The image lands at ${CMAKE_BINARY_DIR}/guests/NAME.elf and the custom
# target guest-NAME builds it. FREESTANDING skips the support runtime and
# libc: the sources bring their own _start.
#
# This is the test-and-benchmark path of the early VM work; the service
# image build (reproducible, with the full guest runtime) lives in the
# guest runtime of runtime-vm/guest.
find_program(VCC_GUEST_CC clang-19)
set(VCC_PICOLIBC_DIR /usr/lib/picolibc/riscv64-unknown-elf CACHE PATH "picolibc for riscv64-unknown-elf")
set(VCC_GUEST_LIBGCC_DIR /usr/lib/gcc/riscv64-unknown-elf/12.2.0/rv64im/lp64 CACHE PATH "libgcc for rv64im/lp64")
set(VCC_GUEST_DIR ${CMAKE_BINARY_DIR}/guests)
set(VCC_GUEST_SUPPORT_DIR ${CMAKE_SOURCE_DIR}/tests/support/guest)

set(VCC_GUEST_FLAGS
  --target=riscv64-unknown-elf -march=rv64im -mabi=lp64 -mno-relax
  -O2 -ffp-contract=off -fwrapv -fsigned-char -fno-builtin-printf
  -ffunction-sections -fdata-sections
  -ffile-prefix-map=${CMAKE_SOURCE_DIR}=.)

function(vcc_add_guest_program name)
  cmake_parse_arguments(G "FREESTANDING" "" "SOURCES;FLAGS;DEPENDS" ${ARGN})
  if(NOT VCC_GUEST_CC)
    message(WARNING "clang-19 not found: guest program ${name} is not built")
    return()
  endif()
  set(out ${VCC_GUEST_DIR}/${name}.elf)
  set(srcs)
  foreach(s ${G_SOURCES})
    get_filename_component(abs ${s} ABSOLUTE)
    list(APPEND srcs ${abs})
  endforeach()
  set(flags ${VCC_GUEST_FLAGS} ${G_FLAGS})
  if(G_FREESTANDING)
    set(libs)
  else()
    list(APPEND flags -isystem ${VCC_PICOLIBC_DIR}/include -I${VCC_GUEST_SUPPORT_DIR})
    list(APPEND srcs ${VCC_GUEST_SUPPORT_DIR}/start.S ${VCC_GUEST_SUPPORT_DIR}/guest_io.c)
    list(APPEND G_DEPENDS ${VCC_GUEST_SUPPORT_DIR}/guest_io.h)
    set(libs ${VCC_PICOLIBC_DIR}/lib/release/rv64im/lp64/libc.a
             ${VCC_GUEST_LIBGCC_DIR}/libgcc.a)
  endif()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${VCC_GUEST_DIR}
    COMMAND ${VCC_GUEST_CC} ${flags} -nostdlib -static -fuse-ld=lld
            -Wl,--gc-sections -Wl,--build-id=none
            ${srcs} ${libs} -o ${out}
    DEPENDS ${srcs} ${G_DEPENDS}
    COMMENT "guest ${name}.elf"
    VERBATIM COMMAND_EXPAND_LISTS)
  add_custom_target(guest-${name} ALL DEPENDS ${out})
endfunction()
