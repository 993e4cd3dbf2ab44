# Runs one libFuzzer target for SECONDS from a corpus directory, seeded with
# the guest images in GUEST_DIR when given. Fails when the fuzzer finds a crash.
file(MAKE_DIRECTORY ${SEED_DIR})
if(GUEST_DIR AND EXISTS ${GUEST_DIR})
  file(GLOB images ${GUEST_DIR}/*.elf)
  foreach(image ${images})
    file(SIZE ${image} size)
    if(size LESS 200000)
      file(COPY ${image} DESTINATION ${SEED_DIR})
    endif()
  endforeach()
endif()
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -rss_limit_mb=4096 -max_len=65536
          -print_final_stats=1 ${SEED_DIR}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "fuzzer ${FUZZER} failed with ${result}")
endif()
