# vcc_warnings(target): our own code builds warning-free, and CI treats
# warnings as errors.
option(VCC_WERROR "Treat warnings as errors in vcc's own code" ON)
function(vcc_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wimplicit-fallthrough -Wno-gnu-label-as-value)
  if(VCC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
