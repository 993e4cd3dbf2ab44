# SPEC §4's code-generation rules for every target that computes results
# which must be bit-identical between the native binary and the VM image.
set(VCC_DETERMINISM_FLAGS -ffp-contract=off -fno-fast-math -fwrapv -fsigned-char)
set(VCC_CUDA_DETERMINISM_FLAGS -fmad=false -prec-div=true -prec-sqrt=true -ftz=false)

function(vcc_deterministic target)
  target_compile_options(${target} PRIVATE ${VCC_DETERMINISM_FLAGS})
endfunction()
