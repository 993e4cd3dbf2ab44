# VCC_SANITIZE applies AddressSanitizer and UndefinedBehaviorSanitizer to
# every host target; UBSan findings abort so that ctest reports them.
if(VCC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
