# vcc_add_guest_image(NAME SOURCES src... [INCLUDES dir...] [DEFINES def...] [DEPENDS file...])
#
# Builds the RV64IM image ${VCC_GUEST_IMAGE_DIR}/NAME.rv64.elf from C, C++
# and assembly sources plus the guest runtime (runtime-vm/guest), with
# clang-19 and ld.lld-19 called directly (not the host toolchain CMake
# configured). The custom target guest-image-NAME builds it; its property
# VCC_IMAGE_FILE holds the image path. INCLUDES become -I, DEFINES -D
# (NAME or NAME=VALUE); DEPENDS lists extra files that trigger a rebuild.
#
# How to compile and link comes from runtime-vm/guest/recipe/*.txt, which
# driver/toolchain (the C++ API behind `vcc build`) compiles in too: both
# builders run the same commands and give byte-identical images
# (tests/guest checks it). docs/guest-runtime.md describes the rules.
include_guard(GLOBAL)

get_filename_component(VCC_GUEST_RUNTIME_DIR "${CMAKE_CURRENT_LIST_DIR}/../runtime-vm/guest" ABSOLUTE)
set(VCC_GUEST_RECIPE_DIR ${VCC_GUEST_RUNTIME_DIR}/recipe)
set(VCC_GUEST_IMAGE_DIR ${CMAKE_BINARY_DIR}/images)

find_program(VCC_GUEST_CLANG NAMES clang-19 DOC "clang 19, compiles guest C, C++ and assembly")
find_program(VCC_GUEST_LLD NAMES ld.lld-19 DOC "ld.lld 19, links guest images")
set(VCC_GUEST_LIBCXX_INCLUDE_DIR /usr/lib/llvm-19/include/c++/v1
    CACHE PATH "libc++ 19 headers used for guest images")
set(VCC_GUEST_PICOLIBC_INCLUDE_DIR /usr/lib/picolibc/riscv64-unknown-elf/include
    CACHE PATH "picolibc headers for riscv64-unknown-elf")
set(VCC_GUEST_PICOLIBC_LIBC /usr/lib/picolibc/riscv64-unknown-elf/lib/release/rv64im/lp64/libc.a
    CACHE FILEPATH "picolibc's libc.a for rv64im/lp64")
file(GLOB _vcc_libgcc_candidates /usr/lib/gcc/riscv64-unknown-elf/*/rv64im/lp64/libgcc.a)
set(_vcc_libgcc_default "")
if(_vcc_libgcc_candidates)
  list(SORT _vcc_libgcc_candidates COMPARE NATURAL ORDER DESCENDING)  # newest gcc first
  list(GET _vcc_libgcc_candidates 0 _vcc_libgcc_default)
endif()
set(VCC_GUEST_LIBGCC "${_vcc_libgcc_default}"
    CACHE FILEPATH "libgcc.a for rv64im/lp64 (soft-float routines)")

set(VCC_GUEST_TOOLCHAIN_FOUND TRUE)
foreach(_vcc_required VCC_GUEST_CLANG VCC_GUEST_LLD VCC_GUEST_LIBCXX_INCLUDE_DIR
        VCC_GUEST_PICOLIBC_INCLUDE_DIR VCC_GUEST_PICOLIBC_LIBC VCC_GUEST_LIBGCC)
  if(NOT ${_vcc_required} OR NOT EXISTS "${${_vcc_required}}")
    message(WARNING "vcc: ${_vcc_required} not found (${${_vcc_required}}); guest images will not be built")
    set(VCC_GUEST_TOOLCHAIN_FOUND FALSE)
  endif()
endforeach()

# _vcc_guest_read_recipe(FILE OUT [RAW]): the arguments listed in
# recipe/FILE, with the @...@ toolchain paths filled in unless RAW.
function(_vcc_guest_read_recipe file out)
  cmake_parse_arguments(R "RAW" "" "" ${ARGN})
  # Only argument lines: comments may contain ';', which CMake would split.
  file(STRINGS ${VCC_GUEST_RECIPE_DIR}/${file} lines ENCODING UTF-8 REGEX "^[ \t]*[^# \t]")
  set(result)
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    if(NOT R_RAW)
      string(REPLACE "@RUNTIME_DIR@" "${VCC_GUEST_RUNTIME_DIR}" line "${line}")
      string(REPLACE "@LIBCXX_INCLUDE_DIR@" "${VCC_GUEST_LIBCXX_INCLUDE_DIR}" line "${line}")
      string(REPLACE "@PICOLIBC_INCLUDE_DIR@" "${VCC_GUEST_PICOLIBC_INCLUDE_DIR}" line "${line}")
      string(REPLACE "@PICOLIBC_LIBC@" "${VCC_GUEST_PICOLIBC_LIBC}" line "${line}")
      string(REPLACE "@LIBGCC@" "${VCC_GUEST_LIBGCC}" line "${line}")
    endif()
    list(APPEND result "${line}")
  endforeach()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

file(GLOB VCC_GUEST_RECIPE_FILES ${VCC_GUEST_RECIPE_DIR}/*.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${VCC_GUEST_RECIPE_FILES})
_vcc_guest_read_recipe(compile-flags.txt VCC_GUEST_COMPILE_FLAGS)
_vcc_guest_read_recipe(c-flags.txt VCC_GUEST_C_FLAGS)
_vcc_guest_read_recipe(cxx-flags.txt VCC_GUEST_CXX_FLAGS)
_vcc_guest_read_recipe(link-flags.txt VCC_GUEST_LINK_FLAGS)
_vcc_guest_read_recipe(link-libraries.txt VCC_GUEST_LINK_LIBRARIES)
_vcc_guest_read_recipe(runtime-sources.txt _vcc_runtime_relative)
set(VCC_GUEST_RUNTIME_SOURCES)
foreach(_vcc_source IN LISTS _vcc_runtime_relative)
  list(APPEND VCC_GUEST_RUNTIME_SOURCES ${VCC_GUEST_RUNTIME_DIR}/${_vcc_source})
endforeach()
file(GLOB_RECURSE VCC_GUEST_RUNTIME_HEADERS
  ${VCC_GUEST_RUNTIME_DIR}/include/*.h ${VCC_GUEST_RUNTIME_DIR}/src/*.h
  ${VCC_GUEST_RUNTIME_DIR}/libcxx/*)

# Tools run with a few variables unset that would add headers or options
# behind the command line's back (the C++ API runs them with a fixed
# environment for the same reason).
set(_vcc_guest_clean_env ${CMAKE_COMMAND} -E env --unset=CPATH --unset=C_INCLUDE_PATH
    --unset=CPLUS_INCLUDE_PATH --unset=OBJC_INCLUDE_PATH --unset=CCC_OVERRIDE_OPTIONS
    --unset=SOURCE_DATE_EPOCH --)

# _vcc_guest_language_flags(SOURCE OUT): C or C++ flags by file extension
# (assembly gets none); an unknown extension is a configure error.
function(_vcc_guest_language_flags source out)
  get_filename_component(ext "${source}" LAST_EXT)
  if(ext STREQUAL ".c")
    set(${out} ${VCC_GUEST_C_FLAGS} PARENT_SCOPE)
  elseif(ext MATCHES "^\\.(cpp|cc|cxx)$")
    set(${out} ${VCC_GUEST_CXX_FLAGS} PARENT_SCOPE)
  elseif(ext MATCHES "^\\.(S|s)$")
    set(${out} "" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "vcc guest image: ${source}: unknown source type '${ext}'")
  endif()
endfunction()

# _vcc_guest_compile(SOURCE OBJECT EXTRA_FLAGS DEPENDS): one object file.
function(_vcc_guest_compile source object extra depends)
  _vcc_guest_language_flags(${source} language)
  get_filename_component(object_dir ${object} DIRECTORY)
  add_custom_command(
    OUTPUT ${object}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${object_dir}
    COMMAND ${_vcc_guest_clean_env} ${VCC_GUEST_CLANG} ${language} ${VCC_GUEST_COMPILE_FLAGS}
            ${extra} -MD -MF ${object}.d -c ${source} -o ${object}
    DEPENDS ${source} ${depends} ${VCC_GUEST_RECIPE_FILES}
    DEPFILE ${object}.d
    COMMENT "guest: compiling ${source}"
    VERBATIM COMMAND_EXPAND_LISTS)
endfunction()

# The runtime's objects, compiled once and linked into every image.
set(VCC_GUEST_RUNTIME_OBJECT_DIR ${VCC_GUEST_IMAGE_DIR}/runtime)
set(VCC_GUEST_RUNTIME_OBJECTS)
if(VCC_GUEST_TOOLCHAIN_FOUND)
  foreach(_vcc_source IN LISTS VCC_GUEST_RUNTIME_SOURCES)
    get_filename_component(_vcc_name ${_vcc_source} NAME)
    set(_vcc_object ${VCC_GUEST_RUNTIME_OBJECT_DIR}/${_vcc_name}.o)
    _vcc_guest_compile(${_vcc_source} ${_vcc_object} "" "${VCC_GUEST_RUNTIME_HEADERS}")
    list(APPEND VCC_GUEST_RUNTIME_OBJECTS ${_vcc_object})
  endforeach()
  add_custom_target(vcc-guest-runtime DEPENDS ${VCC_GUEST_RUNTIME_OBJECTS})
endif()

function(vcc_add_guest_image name)
  cmake_parse_arguments(G "" "" "SOURCES;INCLUDES;DEFINES;DEPENDS" ${ARGN})
  if(NOT VCC_GUEST_TOOLCHAIN_FOUND)
    message(WARNING "vcc: guest toolchain incomplete, image ${name} is not built")
    return()
  endif()
  if(NOT G_SOURCES)
    message(FATAL_ERROR "vcc_add_guest_image(${name}): no SOURCES")
  endif()

  set(sources)
  set(user_dirs)
  foreach(s IN LISTS G_SOURCES)
    get_filename_component(abs ${s} ABSOLUTE)
    get_filename_component(dir ${abs} DIRECTORY)
    list(APPEND sources ${abs})
    list(APPEND user_dirs ${dir})
  endforeach()
  set(include_flags)
  foreach(dir IN LISTS G_INCLUDES)
    get_filename_component(abs ${dir} ABSOLUTE)
    list(APPEND include_flags -I${abs})
    list(APPEND user_dirs ${abs})
  endforeach()
  set(define_flags)
  foreach(def IN LISTS G_DEFINES)
    list(APPEND define_flags -D${def})
  endforeach()
  # Every directory the image's own files come from reads as "." in
  # __FILE__, wherever the tree is checked out.
  list(REMOVE_DUPLICATES user_dirs)
  list(SORT user_dirs)
  set(prefix_maps)
  foreach(dir IN LISTS user_dirs)
    list(APPEND prefix_maps -ffile-prefix-map=${dir}=.)
  endforeach()
  set(extra ${include_flags} ${define_flags} ${prefix_maps})

  set(object_dir ${CMAKE_CURRENT_BINARY_DIR}/guest-image-${name}.dir)
  set(objects)
  set(index 0)
  foreach(s IN LISTS sources)
    get_filename_component(stem ${s} NAME)
    set(object ${object_dir}/${index}-${stem}.o)
    _vcc_guest_compile(${s} ${object} "${extra}" "${G_DEPENDS}")
    list(APPEND objects ${object})
    math(EXPR index "${index} + 1")
  endforeach()

  set(out ${VCC_GUEST_IMAGE_DIR}/${name}.rv64.elf)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${VCC_GUEST_IMAGE_DIR}
    COMMAND ${_vcc_guest_clean_env} ${VCC_GUEST_LLD} ${VCC_GUEST_LINK_FLAGS}
            ${VCC_GUEST_RUNTIME_OBJECTS} ${objects} ${VCC_GUEST_LINK_LIBRARIES} -o ${out}
    DEPENDS ${VCC_GUEST_RUNTIME_OBJECTS} ${objects} ${VCC_GUEST_RUNTIME_DIR}/vcc-rv64.ld
            ${VCC_GUEST_PICOLIBC_LIBC} ${VCC_GUEST_LIBGCC}
    COMMENT "guest image ${name}.rv64.elf"
    VERBATIM COMMAND_EXPAND_LISTS)
  add_custom_target(guest-image-${name} ALL DEPENDS ${out})
  add_dependencies(guest-image-${name} vcc-guest-runtime)
  set_target_properties(guest-image-${name} PROPERTIES VCC_IMAGE_FILE ${out})
endfunction()
