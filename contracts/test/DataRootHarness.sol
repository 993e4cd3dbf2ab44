// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {DataRoot} from "../DataRoot.sol";

/// External entry points to the DataRoot library for the EVM tests.
contract DataRootHarness {
    function root(bytes calldata data) external pure returns (bytes32) {
        return DataRoot.root(data);
    }

    function verifyChunk(bytes32 dataRoot, uint256 length, uint256 index, bytes32 chunk, bytes32[] calldata siblings)
        external
        pure
        returns (bool)
    {
        return DataRoot.verifyChunk(dataRoot, length, index, chunk, siblings);
    }
}
