# vcc_add_service(<target> SOURCE <file.cpp> [OUTPUT <dir>] [CUDA]
#                 [INCLUDE_DIRS <dir>...] [DEFINES <NAME[=VALUE]>...])
#
# Builds a service with `vcc build` as part of the project's `all`: the
# native binary, the RISC-V image, the contract and the manifest, in OUTPUT
# (default: ${CMAKE_CURRENT_BINARY_DIR}/<target>). vcc build is incremental
# (it tracks the source's headers itself), so the command runs on every
# build and returns at once when nothing changed. The target's property
# VCC_OUTPUT_DIR names the directory, for vcc run / verify-equiv / publish.
function(vcc_add_service target)
  cmake_parse_arguments(SERVICE "CUDA" "SOURCE;OUTPUT" "INCLUDE_DIRS;DEFINES" ${ARGN})
  if(NOT SERVICE_SOURCE)
    message(FATAL_ERROR "vcc_add_service(${target}): SOURCE is required")
  endif()
  if(SERVICE_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "vcc_add_service(${target}): unknown arguments ${SERVICE_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(source "${SERVICE_SOURCE}" ABSOLUTE)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${target}")
  if(SERVICE_OUTPUT)
    get_filename_component(output "${SERVICE_OUTPUT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  set(arguments build "${source}" -o "${output}")
  foreach(dir IN LISTS SERVICE_INCLUDE_DIRS)
    get_filename_component(dir "${dir}" ABSOLUTE)
    list(APPEND arguments -I "${dir}")
  endforeach()
  foreach(define IN LISTS SERVICE_DEFINES)
    list(APPEND arguments -D "${define}")
  endforeach()
  if(SERVICE_CUDA)
    list(APPEND arguments --cuda)
  endif()
  add_custom_target(${target} ALL
    COMMAND "${VCC_EXECUTABLE}" ${arguments}
    WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
    COMMENT "vcc build ${SERVICE_SOURCE}"
    VERBATIM USES_TERMINAL)
  set_target_properties(${target} PROPERTIES VCC_OUTPUT_DIR "${output}")
endfunction()
