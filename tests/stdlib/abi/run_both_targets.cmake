# Runs the abi-cases program natively and in vcc's VM on the same request and
# requires byte-identical responses (and a clean exit from both).
#   cmake -DNATIVE=... -DVCC=... -DIMAGE=... -DREQUEST=TEXT -DWORK_DIR=... -P run_both_targets.cmake
file(MAKE_DIRECTORY ${WORK_DIR})
set(request ${WORK_DIR}/request.txt)
file(WRITE ${request} "${REQUEST}")
execute_process(COMMAND ${NATIVE} --input ${request} --output ${WORK_DIR}/native.bin RESULT_VARIABLE native_rc)
if(NOT native_rc EQUAL 0)
  message(FATAL_ERROR "native run failed: ${native_rc}")
endif()
execute_process(COMMAND ${VCC} vm run ${IMAGE} --input ${request} --output ${WORK_DIR}/vm.bin --stats
                RESULT_VARIABLE vm_rc ERROR_VARIABLE vm_log)
if(NOT vm_rc EQUAL 0)
  message(FATAL_ERROR "vm run failed: ${vm_rc}\n${vm_log}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK_DIR}/native.bin ${WORK_DIR}/vm.bin
                RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "native and VM responses differ: ${WORK_DIR}/native.bin ${WORK_DIR}/vm.bin")
endif()
file(SIZE ${WORK_DIR}/vm.bin size)
message(STATUS "identical responses (${size} bytes); ${vm_log}")
