# Seeds the ABI fuzzer's corpus with valid encodings (abi_tool seeds: one file
# per case, its argument-list index byte then the encoding) and fuzzes for
# SECONDS. Fails when the fuzzer finds a crash or a property violation.
file(MAKE_DIRECTORY ${SEED_DIR})
execute_process(COMMAND ${TOOL} seeds ${SEED_DIR} 252 1 RESULT_VARIABLE tool_rc)
if(NOT tool_rc EQUAL 0)
  message(FATAL_ERROR "abi_tool seeds failed: ${tool_rc}")
endif()
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -rss_limit_mb=4096 -max_len=4096
          -print_final_stats=1 ${SEED_DIR}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "fuzzer ${FUZZER} failed with ${result}")
endif()
