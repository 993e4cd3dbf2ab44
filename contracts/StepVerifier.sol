// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// The on-chain one-step verifier (SPEC 3.5, docs/proofs.md): replays one
/// RV64IM instruction, trap or system call of the fraud-proof VM from the
/// packed pre-state (layout version 2, docs/vm.md) and a proof (format
/// version 1: the records after the pre-state in a `vcc vm prove` file) and
/// returns the post-state root. The C++ twin is runtime-vm/vm/step.hpp with
/// proof_verifier.cpp; tests/contracts/js/step_check.mjs runs both on the
/// same proofs in an EVM.
///
/// A proof that does not hold reverts with InvalidProof(code):
///   1 the pre-state is not 451 bytes of layout version 2
///   2 the proof is cut short
///   3 bytes are left after the step's last record
///   4 a memory leaf is not under the memory root
///   5 a data length record does not match the data root
///   6 a data chunk is not under the data root
///   7 a zero mask has bits at or above the record's depth
contract StepVerifier {
    error InvalidProof(uint256 code);

    /// The zero subtrees of levels 0..31 (level 0: the zero leaf; level l:
    /// keccak256 of two level l-1 subtrees), as the C++ zeroSubtree().
    bytes constant ZERO_SUBTREES =
        hex"0000000000000000000000000000000000000000000000000000000000000000ad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5"
        hex"b4c11951957c6f8f642c4af61cd6b24640fec6dc7fc607ee8206a99e92410d3021ddb9a356815c3fac1026b6dec5df3124afbadb485c9ba5a3e3398a04b7ba85"
        hex"e58769b32a1beaf1ea27375a44095a0d1fb664ce2dd358e7fcbfb78c26a193440eb01ebfc9ed27500cd4dfc979272d1f0913cc9f66540d7e8005811109e1cf2d"
        hex"887c22bd8750d34016ac3c66b5ff102dacdd73f6b014e710b51e8022af9a1968ffd70157e48063fc33c97a050f7f640233bf646cc98d9524c6b92bcf3ab56f83"
        hex"9867cc5f7f196b93bae1e27e6320742445d290f2263827498b54fec539f756afcefad4e508c098b9a7e1d8feb19955fb02ba9675585078710969d3440f5054e0"
        hex"f9dc3e7fe016e050eff260334f18a5d4fe391d82092319f5964f2e2eb7c1c3a5f8b13a49e282f609c317a833fb8d976d11517c571d1221a265d25af778ecf892"
        hex"3490c6ceeb450aecdc82e28293031d10c7d73bf85e57bf041a97360aa2c5d99cc1df82d9c4b87413eae2ef048f94b4d3554cea73d92b0f7af96e0271c691e2bb"
        hex"5c67add7c6caf302256adedf7ab114da0acfe870d449a3a489f781d659e8beccda7bce9f4e8618b6bd2f4132ce798cdc7a60e7e1460a7299e3c6342a579626d2"
        hex"2733e50f526ec2fa19a22b31e8ed50f23cd1fdf94c9154ed3a7609a2f1ff981fe1d3b5c807b281e4683cc6d6315cf95b9ade8641defcb32372f1c126e398ef7a"
        hex"5a2dce0a8a7f68bb74560f8f71837c2c2ebbcbf7fffb42ae1896f13f7c7479a0b46a28b6f55540f89444f63de0378e3d121be09e06cc9ded1c20e65876d36aa0"
        hex"c65e9645644786b620e2dd2ad648ddfcbf4a7e5b1a3a4ecfe7f64667a3f0b7e2f4418588ed35a2458cffeb39b93d26f18d2ab13bdce6aee58e7b99359ec2dfd9"
        hex"5a9c16dc00d6ef18b7933a6f8dc65ccb55667138776f7dea101070dc8796e3774df84f40ae0c8229d0d6069e5c8f39a7c299677a09d367fc7b05e3bc380ee652"
        hex"cdc72595f74c7b1043d0e1ffbab734648c838dfb0527d971b602bc216c9619ef0abf5ac974a1ed57f4050aa510dd9c74f508277b39d7973bb2dfccc5eeb0618d"
        hex"b8cd74046ff337f0a7bf2c8e03e10f642c1886798d71806ab1e888d9e5ee87d0838c5655cb21c6cb83313b5a631175dff4963772cce9108188b34ac87c81c41e"
        hex"662ee4dd2dd7b2bc707961b1e646c4047669dcb6584f0d8d770daf5d7e7deb2e388ab20e2573d171a88108e79d820e98f26c0b84aa8b2f4aa4968dbb818ea322"
        hex"93237c50ba75ee485f4c22adf2f741400bdf8d6a9cc7df7ecae576221665d7358448818bb4ae4562849e949e17ac16e0be16688e156b5cf15e098c627c0056a9";


    /// keccak256 of a packed state: the state root.
    function stateRoot(bytes calldata state) external pure returns (bytes32) {
        return keccak256(state);
    }

    function step(bytes calldata preState, bytes calldata proof) external pure returns (bytes32 postStateRoot) {
        bytes memory zeroSubtrees = ZERO_SUBTREES;
        assembly {
            // Memory map (absolute): 256..707 the packed state being
            // stepped; 736 proof cursor; 768 proof end; 800 the current
            // data tree root; 832..895 hash scratch; 1024.. siblings
            // (64 x 32); 3072.. zero subtrees of levels 0..31.
            // Packed state fields: 257 memoryRoot, 289 requestRoot,
            // 321 requestOffset, 329 responseChain, 361 responsePending,
            // 393 responseLength, 401 steps, 409 pc, 417 status,
            // 418 trapKind, 419 exitCode, 427 extensionRoot, 459 x1..x31.
            function fail(code) {
                mstore(0, shl(224, 0x5e3fa051)) // InvalidProof(uint256)
                mstore(4, code)
                revert(0, 36)
            }
            function m64() -> m {
                m := 0xffffffffffffffff
            }
            function rd64(p) -> v {
                v := shr(192, mload(p))
            }
            function wr64(p, v) {
                mstore(p, or(and(mload(p), shr(64, not(0))), shl(192, and(v, 0xffffffffffffffff))))
            }
            function reg(r) -> v {
                if r { v := rd64(add(451, mul(r, 8))) }
            }
            function setReg(r, v) {
                if r { wr64(add(451, mul(r, 8)), v) }
            }
            // Sign-extends the low n bits of x to 64 bits.
            function sx(x, n) -> r {
                let m := shl(sub(n, 1), 1)
                r := and(sub(xor(and(x, sub(shl(n, 1), 1)), m), m), 0xffffffffffffffff)
            }
            function s64(x) -> r {
                r := signextend(7, x)
            }
            function setByte(word, i, b) -> r {
                let sh := mul(sub(31, i), 8)
                r := or(and(word, not(shl(sh, 0xff))), shl(sh, and(b, 0xff)))
            }
            function min(a, b) -> r {
                r := a
                if lt(b, a) { r := b }
            }
            function accessible(a, n) -> ok {
                ok := and(iszero(lt(a, 0x10000)), and(iszero(gt(a, 0x100000000)), iszero(gt(n, sub(0x100000000, a)))))
            }

            // ---------------------------------------------------------- proof records
            function take32() -> v {
                let c := mload(736)
                if gt(add(c, 32), mload(768)) { fail(2) }
                v := calldataload(c)
                mstore(736, add(c, 32))
            }
            function takeN(n) -> v {
                let c := mload(736)
                if gt(add(c, n), mload(768)) { fail(2) }
                v := shr(sub(256, mul(n, 8)), calldataload(c))
                mstore(736, add(c, n))
            }
            // A value, its zero mask and `depth` siblings (into 1024..).
            function readMerkle(depth) -> value {
                value := take32()
                let mask := takeN(4)
                if lt(depth, 32) { if shr(depth, mask) { fail(7) } }
                for { let level := 0 } lt(level, depth) { level := add(level, 1) } {
                    let sibling
                    switch and(lt(level, 32), and(shr(level, mask), 1))
                    case 1 { sibling := mload(add(3072, mul(level, 32))) }
                    default { sibling := take32() }
                    mstore(add(1024, mul(level, 32)), sibling)
                }
            }
            function rootFrom(value, index, depth) -> node {
                node := value
                for { let level := 0 } lt(level, depth) { level := add(level, 1) } {
                    let sibling := mload(add(1024, mul(level, 32)))
                    switch and(shr(level, index), 1)
                    case 1 {
                        mstore(832, sibling)
                        mstore(864, node)
                    }
                    default {
                        mstore(832, node)
                        mstore(864, sibling)
                    }
                    node := keccak256(832, 64)
                }
            }

            // ---------------------------------------------------------- memory
            function leafAt(address_) -> leaf {
                leaf := readMerkle(27)
                if iszero(eq(rootFrom(leaf, shr(5, address_), 27), mload(257))) { fail(4) }
            }
            // n bytes at address_, little-endian, inside one leaf.
            function loadMem(address_, n) -> v {
                let leaf := leafAt(address_)
                let o := and(address_, 31)
                for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                    v := or(v, shl(mul(k, 8), byte(add(o, k), leaf)))
                }
            }
            function storeMem(address_, n, v) {
                let leaf := leafAt(address_)
                let o := and(address_, 31)
                for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                    leaf := setByte(leaf, add(o, k), shr(mul(k, 8), v))
                }
                mstore(257, rootFrom(leaf, shr(5, address_), 27))
            }

            // ---------------------------------------------------------- data
            function dataLength(root) -> length {
                let treeRoot := take32()
                length := takeN(8)
                mstore(832, treeRoot)
                mstore(864, length)
                if iszero(eq(keccak256(832, 64), root)) { fail(5) }
                mstore(800, treeRoot)
            }
            function depthOf(length) -> depth {
                let chunks := div(add(length, 31), 32)
                if iszero(chunks) { chunks := 1 }
                for {} lt(shl(depth, 1), chunks) { depth := add(depth, 1) } {}
            }
            // The C++ copyDataToGuest (syscall_semantics.hpp).
            function copyData(root, offset, dest, limit) -> result, newOffset {
                newOffset := offset
                let length := dataLength(root)
                if lt(offset, length) {
                    let n := min(min(limit, sub(32, and(dest, 31))), min(sub(32, and(offset, 31)), sub(length, offset)))
                    switch accessible(dest, n)
                    case 0 { result := sub(0x10000000000000000, 14) } // -EFAULT
                    default {
                        let depth := depthOf(length)
                        let index := shr(5, offset)
                        let chunk := readMerkle(depth)
                        if iszero(eq(rootFrom(chunk, index, depth), mload(800))) { fail(6) }
                        let leaf := leafAt(dest)
                        let o := and(dest, 31)
                        let co := and(offset, 31)
                        for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                            leaf := setByte(leaf, add(o, k), byte(add(co, k), chunk))
                        }
                        mstore(257, rootFrom(leaf, shr(5, dest), 27))
                        result := n
                        newOffset := add(offset, n)
                    }
                }
            }
            function rev64(x) -> r {
                for { let k := 0 } lt(k, 8) { k := add(k, 1) } {
                    r := or(shl(8, r), and(shr(mul(k, 8), x), 0xff))
                }
            }
            function oracleRoot() -> root {
                root := or(or(shl(192, rev64(reg(10))), shl(128, rev64(reg(11)))), or(shl(64, rev64(reg(12))), rev64(reg(13))))
            }
            function appendResponse(leaf, o, n) {
                let length := rd64(393)
                let pending := mload(361)
                for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                    pending := setByte(pending, and(length, 31), byte(add(o, k), leaf))
                    length := add(length, 1)
                    if iszero(and(length, 31)) {
                        mstore(832, mload(329))
                        mstore(864, pending)
                        mstore(329, keccak256(832, 64))
                        pending := 0
                    }
                }
                mstore(361, pending)
                wr64(393, length)
            }

            // ---------------------------------------------------------- outcomes
            function retire(next) {
                wr64(409, next)
                wr64(401, add(rd64(401), 1))
            }
            function trap(kind) {
                mstore8(417, 2)
                mstore8(418, kind)
                wr64(401, add(rd64(401), 1))
            }

            function systemCall(pc_) {
                let callNumber := reg(17)
                switch callNumber
                case 63 { // read(fd 0): the request
                    let result := 0
                    switch reg(10)
                    case 0 {
                        if and(iszero(iszero(reg(12))), iszero(iszero(mload(289)))) {
                            let offset
                            result, offset := copyData(mload(289), rd64(321), reg(11), reg(12))
                            wr64(321, offset)
                        }
                    }
                    default { result := sub(0x10000000000000000, 9) } // -EBADF
                    setReg(10, result)
                    retire(add(pc_, 4))
                }
                case 64 { // write(fd 1 | 2)
                    let fd := reg(10)
                    let buffer := reg(11)
                    let n := min(reg(12), sub(32, and(buffer, 31)))
                    let result := n
                    switch or(eq(fd, 1), eq(fd, 2))
                    case 0 { result := sub(0x10000000000000000, 9) }
                    default {
                        if n {
                            switch accessible(buffer, n)
                            case 0 { result := sub(0x10000000000000000, 14) }
                            default {
                                if eq(fd, 1) {
                                    switch gt(add(rd64(393), n), 0x4000000)
                                    case 1 { result := sub(0x10000000000000000, 27) } // -EFBIG
                                    default { appendResponse(leafAt(buffer), and(buffer, 31), n) }
                                }
                            }
                        }
                    }
                    setReg(10, result)
                    retire(add(pc_, 4))
                }
                case 0x10000 { // oracle_size(root)
                    setReg(10, dataLength(oracleRoot()))
                    retire(add(pc_, 4))
                }
                case 0x10001 { // oracle_read(root, offset, destination)
                    let result, offset := copyData(oracleRoot(), reg(14), reg(15), 32)
                    setReg(10, result)
                    retire(add(pc_, 4))
                }
                case 93 { exitWith(pc_) }
                case 94 { exitWith(pc_) }
                default { trap(9) } // unknown system call
            }
            function exitWith(pc_) {
                mstore8(417, 1)
                wr64(419, reg(10))
                retire(add(pc_, 4))
            }

            // ---------------------------------------------------------- instructions
            function branchTaken(f3, a, b) -> taken {
                switch f3
                case 0 { taken := eq(a, b) }
                case 1 { taken := iszero(eq(a, b)) }
                case 4 { taken := slt(s64(a), s64(b)) }
                case 5 { taken := iszero(slt(s64(a), s64(b))) }
                case 6 { taken := lt(a, b) }
                default { taken := iszero(lt(a, b)) }
            }
            function opImm(w, f3, a) -> v, legal {
                let imm := sx(shr(20, w), 12)
                let shamt := and(shr(20, w), 63)
                let funct6 := shr(26, w)
                legal := 1
                switch f3
                case 0 { v := add(a, imm) }
                case 1 {
                    v := shl(shamt, a)
                    legal := iszero(funct6)
                }
                case 2 { v := slt(s64(a), s64(imm)) }
                case 3 { v := lt(a, imm) }
                case 4 { v := xor(a, imm) }
                case 5 {
                    switch funct6
                    case 0 { v := shr(shamt, a) }
                    case 0x10 { v := sar(shamt, s64(a)) }
                    default { legal := 0 }
                }
                case 6 { v := or(a, imm) }
                default { v := and(a, imm) }
            }
            function opImm32(w, f3, a) -> v, legal {
                let shamt := and(shr(20, w), 31)
                let f7 := shr(25, w)
                legal := 1
                switch f3
                case 0 { v := sx(add(a, sx(shr(20, w), 12)), 32) }
                case 1 {
                    v := sx(shl(shamt, a), 32)
                    legal := iszero(f7)
                }
                case 5 {
                    switch f7
                    case 0 { v := sx(shr(shamt, and(a, 0xffffffff)), 32) }
                    case 0x20 { v := sx(sar(shamt, signextend(3, and(a, 0xffffffff))), 32) }
                    default { legal := 0 }
                }
                default { legal := 0 }
            }
            function mulDiv(f3, a, b) -> v {
                switch f3
                case 0 { v := mul(a, b) }
                case 1 { v := sar(64, mul(s64(a), s64(b))) }
                case 2 { v := sar(64, mul(s64(a), b)) }
                case 3 { v := shr(64, mul(a, b)) }
                case 4 {
                    switch b
                    case 0 { v := 0xffffffffffffffff }
                    default { v := sdiv(s64(a), s64(b)) }
                }
                case 5 {
                    switch b
                    case 0 { v := 0xffffffffffffffff }
                    default { v := div(a, b) }
                }
                case 6 {
                    switch b
                    case 0 { v := a }
                    default { v := smod(s64(a), s64(b)) }
                }
                default {
                    switch b
                    case 0 { v := a }
                    default { v := mod(a, b) }
                }
            }
            function op(w, f3, a, b) -> v, legal {
                let f7 := shr(25, w)
                legal := 1
                switch f7
                case 0 {
                    switch f3
                    case 0 { v := add(a, b) }
                    case 1 { v := shl(and(b, 63), a) }
                    case 2 { v := slt(s64(a), s64(b)) }
                    case 3 { v := lt(a, b) }
                    case 4 { v := xor(a, b) }
                    case 5 { v := shr(and(b, 63), a) }
                    case 6 { v := or(a, b) }
                    default { v := and(a, b) }
                }
                case 1 { v := mulDiv(f3, a, b) }
                case 0x20 {
                    switch f3
                    case 0 { v := sub(a, b) }
                    case 5 { v := sar(and(b, 63), s64(a)) }
                    default { legal := 0 }
                }
                default { legal := 0 }
            }
            function op32(w, f3, a, b) -> v, legal {
                let f7 := shr(25, w)
                let a32 := and(a, 0xffffffff)
                let b32 := and(b, 0xffffffff)
                legal := 1
                switch f7
                case 0 {
                    switch f3
                    case 0 { v := add(a, b) }
                    case 1 { v := shl(and(b, 31), a32) }
                    case 5 { v := shr(and(b, 31), a32) }
                    default { legal := 0 }
                }
                case 0x20 {
                    switch f3
                    case 0 { v := sub(a, b) }
                    case 5 { v := sar(and(b, 31), signextend(3, a32)) }
                    default { legal := 0 }
                }
                case 1 {
                    switch f3
                    case 0 { v := mul(a, b) }
                    case 4 {
                        switch b32
                        case 0 { v := 0xffffffffffffffff }
                        default { v := sdiv(signextend(3, a32), signextend(3, b32)) }
                    }
                    case 5 {
                        switch b32
                        case 0 { v := 0xffffffffffffffff }
                        default { v := div(a32, b32) }
                    }
                    case 6 {
                        switch b32
                        case 0 { v := a }
                        default { v := smod(signextend(3, a32), signextend(3, b32)) }
                    }
                    case 7 {
                        switch b32
                        case 0 { v := a }
                        default { v := mod(a32, b32) }
                    }
                    default { legal := 0 }
                }
                default { legal := 0 }
                v := sx(v, 32)
            }
            function load(pc_, w, f3, a, rd) {
                if eq(f3, 7) {
                    trap(1)
                    leave
                }
                let size := shl(and(f3, 3), 1)
                let address_ := and(add(a, sx(shr(20, w), 12)), 0xffffffffffffffff)
                if and(address_, sub(size, 1)) {
                    trap(5)
                    leave
                }
                if or(lt(address_, 0x10000), iszero(lt(address_, 0x100000000))) {
                    trap(6)
                    leave
                }
                let v := loadMem(address_, size)
                if lt(f3, 3) { v := sx(v, mul(size, 8)) }
                setReg(rd, v)
                retire(add(pc_, 4))
            }
            function store(pc_, w, f3, a, b) {
                if gt(f3, 3) {
                    trap(1)
                    leave
                }
                let size := shl(f3, 1)
                let imm := sx(or(shl(5, shr(25, w)), and(shr(7, w), 31)), 12)
                let address_ := and(add(a, imm), 0xffffffffffffffff)
                if and(address_, sub(size, 1)) {
                    trap(7)
                    leave
                }
                if or(lt(address_, 0x10000), iszero(lt(address_, 0x100000000))) {
                    trap(8)
                    leave
                }
                storeMem(address_, size, b)
                retire(add(pc_, 4))
            }
            function jumpTo(pc_, target, rd) {
                target := and(target, 0xffffffffffffffff)
                switch and(target, 3)
                case 0 {
                    setReg(rd, add(pc_, 4))
                    retire(target)
                }
                default { trap(3) }
            }
            function execute() {
                let pc_ := rd64(409)
                if and(pc_, 3) {
                    trap(3)
                    leave
                }
                if iszero(accessible(pc_, 4)) {
                    trap(4)
                    leave
                }
                let w := loadMem(pc_, 4)
                let rd := and(shr(7, w), 31)
                let f3 := and(shr(12, w), 7)
                let a := reg(and(shr(15, w), 31))
                let b := reg(and(shr(20, w), 31))
                let v
                let legal := 1
                switch and(w, 0x7f)
                case 0x37 { v := sx(and(w, 0xfffff000), 32) }
                case 0x17 { v := add(pc_, sx(and(w, 0xfffff000), 32)) }
                case 0x6f {
                    let imm := or(or(shl(20, shr(31, w)), shl(12, and(shr(12, w), 0xff))),
                                  or(shl(11, and(shr(20, w), 1)), shl(1, and(shr(21, w), 0x3ff))))
                    jumpTo(pc_, add(pc_, sx(imm, 21)), rd)
                    leave
                }
                case 0x67 {
                    if f3 {
                        trap(1)
                        leave
                    }
                    jumpTo(pc_, and(add(a, sx(shr(20, w), 12)), not(1)), rd)
                    leave
                }
                case 0x63 {
                    if or(eq(f3, 2), eq(f3, 3)) {
                        trap(1)
                        leave
                    }
                    switch branchTaken(f3, a, b)
                    case 0 { retire(add(pc_, 4)) }
                    default {
                        let imm := or(or(shl(12, shr(31, w)), shl(11, and(shr(7, w), 1))),
                                      or(shl(5, and(shr(25, w), 0x3f)), shl(1, and(shr(8, w), 0xf))))
                        let target := and(add(pc_, sx(imm, 13)), 0xffffffffffffffff)
                        switch and(target, 3)
                        case 0 { retire(target) }
                        default { trap(3) }
                    }
                    leave
                }
                case 0x03 {
                    load(pc_, w, f3, a, rd)
                    leave
                }
                case 0x23 {
                    store(pc_, w, f3, a, b)
                    leave
                }
                case 0x13 { v, legal := opImm(w, f3, a) }
                case 0x1b { v, legal := opImm32(w, f3, a) }
                case 0x33 { v, legal := op(w, f3, a, b) }
                case 0x3b { v, legal := op32(w, f3, a, b) }
                case 0x0f {
                    switch f3
                    case 0 { retire(add(pc_, 4)) } // fence
                    default { trap(1) }
                    leave
                }
                case 0x73 {
                    switch w
                    case 0x73 { systemCall(pc_) }
                    case 0x00100073 { trap(2) } // ebreak
                    default { trap(1) }
                    leave
                }
                default { legal := 0 }
                switch legal
                case 0 { trap(1) }
                default {
                    setReg(rd, v)
                    retire(add(pc_, 4))
                }
            }

            mcopy(3072, add(zeroSubtrees, 32), 1024) // before the state overwrites it
            if iszero(eq(preState.length, 451)) { fail(1) }
            calldatacopy(256, preState.offset, 451)
            if iszero(eq(byte(0, mload(256)), 2)) { fail(1) }
            mstore(736, proof.offset)
            mstore(768, add(proof.offset, proof.length))
            if iszero(byte(0, mload(417))) { execute() }
            if iszero(eq(mload(736), mload(768))) { fail(3) }
            postStateRoot := keccak256(256, 451)
        }
    }
}
