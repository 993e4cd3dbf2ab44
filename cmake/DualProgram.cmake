# Dual programs: one C++ source that builds both a RISC-V guest image for
# vcc's VM and a native executable (vcc/program.hpp), and the ctest helper
# that checks that they compute the same bytes. docs/kernels.md is the guide.
#
# vcc_add_dual_program(NAME SOURCES src... [INCLUDES dir...] [DEFINES def...]
#                      [LIBRARIES target...] [DEPENDS file...] [CUDA])
#   ${CMAKE_BINARY_DIR}/images/NAME.rv64.elf  (target guest-image-NAME; the
#       sources + stdlib/src/guest_main.cpp + the guest runtime)
#   NAME       native executable: clang with ${VCC_DETERMINISM_FLAGS},
#              -fno-exceptions -fno-rtti (as in the guest), linked to
#              vcc::native_main (serial and threads backends)
#   NAME-cuda  with CUDA, when nvcc is available (VCC_CUDA_ENABLED): the same
#              sources compiled as CUDA by nvcc (--extended-lambda,
#              ${VCC_CUDA_DETERMINISM_FLAGS}), linked to vcc::native_main_cuda;
#              libc++ with vcc's configuration, as NAME and the image
#
# vcc_add_dual_program_test(TEST PROGRAM NAME [INPUT file | INPUT_HEX hex...]
#                           [THREADS n...] [TIMEOUT seconds] [LABELS label...])
#   TEST       runs NAME with --backend serial and --backend threads for each
#              thread count (default 1 2 3 7), NAME-cuda on threads if built,
#              and the image in `vcc vm run`; all must exit 0 with the same
#              response bytes (cmake/dual_program_check.py)
#   TEST.cuda  if NAME-cuda is built: NAME-cuda --backend cuda against
#              serial; skipped (exit code 77) when no CUDA device is present
#
# Include this file once at the top level, before add_subdirectory of
# runtime-native: it enables the CUDA language when nvcc is found
# (VCC_CUDA=ON, not with VCC_SANITIZE or VCC_FUZZ, whose flags nvcc does not
# take) and sets VCC_CUDA_ENABLED and VCC_CUDA_COMPILE_OPTIONS.
include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/Determinism.cmake)  # VCC_DETERMINISM_FLAGS, also when included early
include(${CMAKE_CURRENT_LIST_DIR}/ServiceLibcxx.cmake)  # vcc_service_libcxx

get_filename_component(_vcc_dual_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(VCC_DUAL_PROGRAM_STDLIB_INCLUDE_DIR ${_vcc_dual_root}/stdlib/include CACHE INTERNAL "")
set(VCC_DUAL_PROGRAM_GUEST_MAIN ${_vcc_dual_root}/stdlib/src/guest_main.cpp CACHE INTERNAL "")
set(VCC_DUAL_PROGRAM_CHECK ${CMAKE_CURRENT_LIST_DIR}/dual_program_check.py CACHE INTERNAL "")

option(VCC_CUDA "Build CUDA variants of native programs when nvcc is found" ON)
set(VCC_CUDA_ARCHITECTURES "75;80;90" CACHE STRING
    "GPU architectures of CUDA builds: SASS and PTX for each (T4, A100, H100; newer GPUs JIT the PTX)")

set(VCC_CUDA_ENABLED OFF)
if(NOT CMAKE_CURRENT_SOURCE_DIR STREQUAL CMAKE_SOURCE_DIR)
  # enable_language() in a subdirectory would not reach runtime-native/.
  message(WARNING "vcc: include(DualProgram) at the top level to get CUDA variants")
elseif(VCC_CUDA AND NOT VCC_SANITIZE AND NOT VCC_FUZZ)
  if(NOT DEFINED CMAKE_CUDA_COMPILER AND NOT DEFINED ENV{CUDACXX} AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
  endif()
  # One host compiler for everything (docs/architecture.md).
  if(NOT DEFINED CMAKE_CUDA_HOST_COMPILER)
    set(CMAKE_CUDA_HOST_COMPILER ${CMAKE_CXX_COMPILER})
  endif()
  if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
    set(CMAKE_CUDA_ARCHITECTURES ${VCC_CUDA_ARCHITECTURES})
  endif()
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    enable_language(CUDA)
    # CMake 3.25 knows no C++20 flag for nvcc; nvcc >= 12 takes -std=c++20.
    if(NOT DEFINED CMAKE_CUDA20_STANDARD_COMPILE_OPTION)
      set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION -std=c++20)
      set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION -std=c++20)
    endif()
    find_package(CUDAToolkit)
    if(CUDAToolkit_FOUND)
      set(VCC_CUDA_ENABLED ON)
      message(STATUS "vcc: CUDA ${CMAKE_CUDA_COMPILER_VERSION} (${CMAKE_CUDA_COMPILER}), "
                     "architectures ${CMAKE_CUDA_ARCHITECTURES}: building -cuda variants")
    endif()
  endif()
endif()
if(NOT VCC_CUDA_ENABLED)
  message(STATUS "vcc: no CUDA (nvcc not found or VCC_CUDA off): native programs get the "
                 "serial and threads backends only")
endif()

# nvcc options of every CUDA translation unit: SPEC §4 for the device and,
# through -Xcompiler, for the host side; the same exception and RTTI rules
# as the guest.
string(REPLACE ";" "," _vcc_host_flags "${VCC_DETERMINISM_FLAGS};-fno-exceptions;-fno-rtti")
set(VCC_CUDA_COMPILE_OPTIONS --extended-lambda ${VCC_CUDA_DETERMINISM_FLAGS}
    -Xcompiler=${_vcc_host_flags})

function(vcc_add_dual_program name)
  cmake_parse_arguments(D "CUDA" "" "SOURCES;INCLUDES;DEFINES;LIBRARIES;DEPENDS" ${ARGN})
  if(NOT D_SOURCES)
    message(FATAL_ERROR "vcc_add_dual_program(${name}): no SOURCES")
  endif()
  set(sources)
  foreach(source IN LISTS D_SOURCES)
    get_filename_component(absolute ${source} ABSOLUTE)
    list(APPEND sources ${absolute})
  endforeach()

  vcc_add_guest_image(${name}
    SOURCES ${sources} ${VCC_DUAL_PROGRAM_GUEST_MAIN}
    INCLUDES ${VCC_DUAL_PROGRAM_STDLIB_INCLUDE_DIR} ${D_INCLUDES}
    DEFINES ${D_DEFINES}
    DEPENDS ${D_DEPENDS})

  add_executable(${name} ${sources})
  target_include_directories(${name} PRIVATE ${D_INCLUDES})
  target_compile_definitions(${name} PRIVATE ${D_DEFINES})
  target_compile_options(${name} PRIVATE ${VCC_DETERMINISM_FLAGS} -fno-exceptions -fno-rtti)
  target_link_libraries(${name} PRIVATE vcc::native_main ${D_LIBRARIES})
  vcc_service_libcxx(${name})

  if(D_CUDA AND VCC_CUDA_ENABLED AND TARGET vcc_native_main_cuda_libcxx)
    # nvcc compiles .cu files as CUDA; each source is included from a
    # generated .cu so that the same file can also be a C++ source of NAME.
    set(wrappers)
    set(index 0)
    foreach(source IN LISTS sources)
      get_filename_component(stem ${source} NAME_WE)
      set(wrapper ${CMAKE_CURRENT_BINARY_DIR}/${name}-cuda.sources/${index}-${stem}.cu)
      file(CONFIGURE OUTPUT ${wrapper} CONTENT "#include \"${source}\"\n")
      list(APPEND wrappers ${wrapper})
      math(EXPR index "${index} + 1")
    endforeach()
    add_executable(${name}-cuda ${wrappers})
    target_include_directories(${name}-cuda PRIVATE ${D_INCLUDES})
    target_compile_definitions(${name}-cuda PRIVATE ${D_DEFINES})
    target_compile_options(${name}-cuda PRIVATE ${VCC_CUDA_COMPILE_OPTIONS})
    target_link_libraries(${name}-cuda PRIVATE vcc::native_main_cuda ${D_LIBRARIES})
    vcc_service_libcxx(${name}-cuda)
    set_target_properties(${name}-cuda PROPERTIES CUDA_STANDARD 20 CUDA_STANDARD_REQUIRED ON)
  endif()
endfunction()

function(vcc_add_dual_program_test test)
  cmake_parse_arguments(T "" "PROGRAM;INPUT;TIMEOUT" "INPUT_HEX;THREADS;LABELS" ${ARGN})
  if(NOT T_PROGRAM OR NOT TARGET ${T_PROGRAM})
    message(FATAL_ERROR "vcc_add_dual_program_test(${test}): PROGRAM must name a vcc_add_dual_program")
  endif()
  if(NOT T_THREADS)
    set(T_THREADS 1 2 3 7)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  string(REPLACE ";" "," threads "${T_THREADS}")

  set(command python3 ${VCC_DUAL_PROGRAM_CHECK} --native $<TARGET_FILE:${T_PROGRAM}> --threads ${threads})
  if(T_INPUT)
    get_filename_component(input ${T_INPUT} ABSOLUTE)
    list(APPEND command --input ${input})
  elseif(T_INPUT_HEX)
    string(JOIN "" hex ${T_INPUT_HEX})
    list(APPEND command --input-hex ${hex})
  endif()
  if(TARGET guest-image-${T_PROGRAM} AND TARGET vcc)
    get_target_property(image guest-image-${T_PROGRAM} VCC_IMAGE_FILE)
    list(APPEND command --vcc $<TARGET_FILE:vcc> --image ${image})
  else()
    message(WARNING "vcc: ${test} compares the native backends only (no guest image or no vcc target)")
  endif()

  set(cuda_command)
  if(TARGET ${T_PROGRAM}-cuda)
    set(cuda_command ${command} --cuda-native $<TARGET_FILE:${T_PROGRAM}-cuda>)
  endif()

  if(cuda_command)
    add_test(NAME ${test} COMMAND ${cuda_command})
  else()
    add_test(NAME ${test} COMMAND ${command})
  endif()
  set_tests_properties(${test} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT ${T_TIMEOUT})
  if(T_LABELS)
    set_tests_properties(${test} PROPERTIES LABELS "${T_LABELS}")
  endif()

  if(cuda_command)
    add_test(NAME ${test}.cuda COMMAND ${cuda_command} --cuda-only)
    set_tests_properties(${test}.cuda PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT ${T_TIMEOUT}
                         LABELS "cuda;${T_LABELS}")
  endif()
endfunction()
