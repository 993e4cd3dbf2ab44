# Runs one libFuzzer target for SECONDS from a corpus directory, and fails
# when the fuzzer finds a crash (or a property violation it aborts on).
# Seeds, all optional:
#   GUEST_DIR        guest images (*.elf under 200 kB) copied into the corpus
#   SEED_FILES_DIR   checked-in seed files, copied into the corpus
#   SEED_TOOL        a program run once first, with SEED_TOOL_ARGS (a space-
#                    separated list in which %SEED_DIR% names the corpus), to
#                    write seed files (the ABI fuzzer's valid encodings)
#   MAX_LEN          -max_len of the fuzzer (default 65536)
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
if(SEED_FILES_DIR AND EXISTS ${SEED_FILES_DIR})
  file(GLOB seed_files ${SEED_FILES_DIR}/*)
  file(COPY ${seed_files} DESTINATION ${SEED_DIR})
endif()
if(SEED_TOOL)
  string(REPLACE "%SEED_DIR%" "${SEED_DIR}" seed_args "${SEED_TOOL_ARGS}")
  separate_arguments(seed_args UNIX_COMMAND "${seed_args}")
  execute_process(COMMAND ${SEED_TOOL} ${seed_args} RESULT_VARIABLE tool_rc)
  if(NOT tool_rc EQUAL 0)
    message(FATAL_ERROR "seed tool ${SEED_TOOL} failed: ${tool_rc}")
  endif()
endif()
if(NOT MAX_LEN)
  set(MAX_LEN 65536)
endif()
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -rss_limit_mb=4096 -max_len=${MAX_LEN}
          -print_final_stats=1 ${SEED_DIR}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "fuzzer ${FUZZER} failed with ${result}")
endif()
