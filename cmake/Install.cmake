# `cmake --install` and CPack: vcc as an installable toolchain. The layout
# (driver/parts.hpp, docs/install.md) keeps every part vcc build needs
# under one prefix; the vcc command finds them from its own location, so an
# installed tree may be moved as a whole. Included last from the top-level
# CMakeLists.txt, when the driver can build services (the frontend exists).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS vcc RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/stdlib/include/ DESTINATION include)
install(FILES ${PROJECT_SOURCE_DIR}/stdlib/src/guest_main.cpp DESTINATION share/vcc/src)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime-vm/guest/ DESTINATION share/vcc/guest)
install(FILES ${VCC_IR_ALLOWED_CALLS_FILE} DESTINATION share/vcc)
install(FILES $<TARGET_FILE:vcc_ir_plugin> DESTINATION lib/vcc)
foreach(library vcc_native_main_libcxx vcc_runtime_native_libcxx vcc_stdlib_native_libcxx vcc_vm_libcxx)
  install(FILES $<TARGET_FILE:${library}> DESTINATION lib/vcc)
endforeach()
install(FILES $<TARGET_OBJECTS:vcc_fuzz_main_libcxx> DESTINATION lib/vcc/fuzz)
if(VCC_CUDA_ENABLED)
  foreach(library vcc_native_main_cuda_libcxx vcc_runtime_native_cuda_libcxx)
    install(FILES $<TARGET_FILE:${library}> DESTINATION lib/vcc)
  endforeach()
endif()
# The marker that tells an installed vcc where it is (driver/toolchain/install_prefix.hpp).
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/install/layout
     "vcc ${PROJECT_VERSION}: parts under this prefix (docs/install.md)\n")
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/install/layout DESTINATION share/vcc)

# find_package(vcc) with vcc_add_service().
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/package/vccConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/install/vccConfig.cmake INSTALL_DESTINATION lib/cmake/vcc)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/install/vccConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/install/vccConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/install/vccConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/package/vccService.cmake
        DESTINATION lib/cmake/vcc)

# A .deb: `cpack -G DEB` in the build directory. The dependencies are the
# Debian packages vcc build runs or links at build time of a service.
set(CPACK_PACKAGE_NAME vcc)
set(CPACK_PACKAGE_VENDOR "vcc")
set(CPACK_PACKAGE_CONTACT "vcc developers <vcc@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Compiles C++ services to a native binary and a bit-identical RV64IM fraud-proof image")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr/local)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "clang-19, lld-19, libclang-cpp19, libllvm19, libssl3, libc++-19-dev, libc++abi-19-dev, picolibc-riscv64-unknown-elf, gcc-riscv64-unknown-elf")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_GENERATOR DEB)
include(CPack)
