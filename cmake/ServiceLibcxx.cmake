# One C++ standard library for service code on every target (docs/
# guest-runtime.md, "One C++ standard library"): libc++ 19's headers with
# vcc's site configuration (runtime-vm/guest/libcxx/__config_site), in the
# RISC-V image and in every native build, nvcc's included. Natively the
# program links Debian's libc++.a and libc++abi.a (the same release as the
# headers) statically.
#
#   VCC_LIBCXX_CONFIG_DIR      the directory with vcc's __config_site
#   VCC_SERVICE_CXX_FLAGS      clang++ flags of a native service compile
#   VCC_SERVICE_CUDA_FLAGS     nvcc flags (its front end and the host compile)
#   VCC_SERVICE_LINK_LIBRARIES the static libc++ and libc++abi archives
#   vcc_service_libcxx(target) compiles target's C++ and CUDA sources with
#                              them and links its users to libc++
include_guard(GLOBAL)

get_filename_component(_vcc_libcxx_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(VCC_LIBCXX_CONFIG_DIR ${_vcc_libcxx_root}/runtime-vm/guest/libcxx CACHE INTERNAL "")

find_file(VCC_LIBCXX_ARCHIVE libc++.a PATHS /usr/lib/llvm-19/lib NO_DEFAULT_PATH)
find_file(VCC_LIBCXXABI_ARCHIVE libc++abi.a PATHS /usr/lib/llvm-19/lib NO_DEFAULT_PATH)
if(NOT VCC_LIBCXX_ARCHIVE OR NOT VCC_LIBCXXABI_ARCHIVE)
  message(FATAL_ERROR "vcc: libc++.a and libc++abi.a of LLVM 19 not found "
                      "(apt-get install libc++-19-dev libc++abi-19-dev)")
endif()

set(VCC_SERVICE_CXX_FLAGS -stdlib=libc++ -isystem${VCC_LIBCXX_CONFIG_DIR})
# nvcc 13 refuses libc++ on x86 unless told (crt/host_defines.h); its front
# end then parses libc++ with vcc's configuration like every other compile.
# CUDA's crt/math_functions.h/.hpp then declare isnan, isinf and isfinite
# (float, long double) at global scope, where libc++ 19's <math.h> already
# has them by using-declaration: the host compile of nvcc's output stops on
# the 8 conflicts. _GLIBCXX_MATH_H selects CUDA's other branch, which
# declares those overloads in namespace std for device code only and leaves
# the host's to the C++ library. Nothing else reads the macro (libc++ and
# glibc do not; in CUDA 13 only those two headers do), so libc++ stays the
# library of every line of host code (docs/guest-runtime.md, "nvcc").
set(VCC_SERVICE_CUDA_FLAGS -D_ALLOW_UNSUPPORTED_LIBCPP -D_GLIBCXX_MATH_H=1 -isystem=${VCC_LIBCXX_CONFIG_DIR}
    -Xcompiler=-stdlib=libc++)
set(VCC_SERVICE_LINK_LIBRARIES ${VCC_LIBCXX_ARCHIVE} ${VCC_LIBCXXABI_ARCHIVE})

function(vcc_service_libcxx target)
  target_compile_options(${target} PRIVATE
    "$<$<COMPILE_LANGUAGE:CXX>:${VCC_SERVICE_CXX_FLAGS}>"
    "$<$<COMPILE_LANGUAGE:CUDA>:${VCC_SERVICE_CUDA_FLAGS}>")
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    target_link_options(${target} PRIVATE -nostdlib++)
    target_link_libraries(${target} PRIVATE ${VCC_SERVICE_LINK_LIBRARIES} Threads::Threads)
  else()
    target_link_options(${target} INTERFACE -nostdlib++)
    target_link_libraries(${target} INTERFACE ${VCC_SERVICE_LINK_LIBRARIES})
  endif()
endfunction()
