# The npm packages of a JavaScript test directory (a pinned package-lock.json),
# installed by scripts/install-deps.sh and reinstalled from the npm cache by
# a ctest test that the directory's checks require as a fixture:
#   vcc_add_npm_deps(NAME test DIR dir FIXTURE fixture [LABELS labels...])
find_program(VCC_NODE node)
find_program(VCC_NPM npm)

function(vcc_add_npm_deps)
  cmake_parse_arguments(N "" "NAME;DIR;FIXTURE" "LABELS" ${ARGN})
  add_test(NAME ${N_NAME} COMMAND ${VCC_NPM} ci --prefer-offline --no-audit --no-fund --silent
           WORKING_DIRECTORY ${N_DIR})
  set_tests_properties(${N_NAME} PROPERTIES FIXTURES_SETUP ${N_FIXTURE} TIMEOUT 300 RUN_SERIAL TRUE)
  if(N_LABELS)
    set_tests_properties(${N_NAME} PROPERTIES LABELS "${N_LABELS}")
  endif()
endfunction()
