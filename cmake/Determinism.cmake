# SPEC §4's code-generation rules for every target that computes results
# which must be bit-identical between the native binary and the VM image.
# Beyond SPEC §4 (docs/passes.md, "Defined semantics"): every local is
# zero-initialized, so a read of an uninitialized variable reads zero on
# every target, and an index past the end of an array whose bound the
# compiler knows traps (no runtime library: the trap instruction).
set(VCC_DETERMINISM_FLAGS -ffp-contract=off -fno-fast-math -fwrapv -fsigned-char
    -ftrivial-auto-var-init=zero -fsanitize=array-bounds -fsanitize-trap=array-bounds)
set(VCC_CUDA_DETERMINISM_FLAGS -fmad=false -prec-div=true -prec-sqrt=true -ftz=false)

function(vcc_deterministic target)
  target_compile_options(${target} PRIVATE ${VCC_DETERMINISM_FLAGS})
endfunction()
