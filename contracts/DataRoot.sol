// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Data roots (SPEC 3.4, docs/data-roots.md): the Merkle root of keccak256
/// over 32-byte chunks (the last one zero-padded; leaves unhashed; zero
/// leaves up to a power of two) with the byte length bound in:
/// keccak256(treeRoot || uint256(length)). The C++ twin is
/// runtime-vm/vm/data_root.cpp; tests/contracts/js/data_root_check.mjs runs
/// both on the same data in an EVM.
library DataRoot {
    /// The data root of `data`, computed whole (for data held in memory).
    function root(bytes memory data) internal pure returns (bytes32 result) {
        uint256 length = data.length;
        uint256 chunks = (length + 31) / 32;
        if (chunks == 0) chunks = 1;
        uint256 width = 1;
        while (width < chunks) width <<= 1;
        // Leaves in scratch memory, zero-padded: the last chunk's tail and
        // the leaves after the last chunk read as zeros.
        bytes32[] memory nodes = new bytes32[](width);
        assembly ("memory-safe") {
            let source := add(data, 32)
            let target := add(nodes, 32)
            let whole := div(length, 32)
            for { let i := 0 } lt(i, whole) { i := add(i, 1) } {
                mstore(add(target, mul(i, 32)), mload(add(source, mul(i, 32))))
            }
            let rest := mod(length, 32)
            if rest {
                let word := mload(add(source, mul(whole, 32)))
                let mask := not(sub(shl(mul(sub(32, rest), 8), 1), 1))
                mstore(add(target, mul(whole, 32)), and(word, mask))
            }
            // Reduce level by level in place: node i = keccak256(2i || 2i+1).
            for { let count := width } gt(count, 1) { count := div(count, 2) } {
                for { let i := 0 } lt(i, div(count, 2)) { i := add(i, 1) } {
                    mstore(add(target, mul(i, 32)), keccak256(add(target, mul(i, 64)), 64))
                }
            }
            mstore(0, mload(target))
            mstore(32, length)
            result := keccak256(0, 64)
        }
    }

    /// Whether `chunk` is chunk `index` of the data of `length` bytes whose
    /// data root is `dataRoot`, given its siblings from the leaf level up.
    function verifyChunk(bytes32 dataRoot, uint256 length, uint256 index, bytes32 chunk, bytes32[] memory siblings)
        internal
        pure
        returns (bool)
    {
        uint256 chunks = (length + 31) / 32;
        if (chunks == 0) chunks = 1;
        uint256 depth = 0;
        while ((uint256(1) << depth) < chunks) depth++;
        if (siblings.length != depth || index >= chunks) return false;
        bytes32 node = chunk;
        for (uint256 level = 0; level < depth; level++) {
            node = (index >> level) & 1 == 1
                ? keccak256(abi.encodePacked(siblings[level], node))
                : keccak256(abi.encodePacked(node, siblings[level]));
        }
        return keccak256(abi.encodePacked(node, length)) == dataRoot;
    }
}
