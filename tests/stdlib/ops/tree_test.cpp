// The ops' in-thread reduction tree (ops/detail/tree.hpp) is the kernel
// API's tree: equal to vcc::reduce_sum and to a level-by-level reference.
#include "support/inputs.hpp"
#include "support/reference.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops/detail/tree.hpp"

#include <gtest/gtest.h>
#include <vector>

namespace {

using vcc::ops::testing::Rng;

// Sizes around leaf and level boundaries (256 per leaf; 64 leaves fit on
// kernel.hpp's stack).
const size_t kSizes[] = {1,   2,    255,  256,  257,   511,   512,          513,       767,   768,
                         769, 1000, 4096, 4097, 16384, 16640, 256 * 65 + 3, 256 * 127, 100003};

TEST(ReductionTree, EqualsKernelReduceSumAndLevelByLevelReference) {
  Rng rng(11);
  for (size_t n : kSizes) {
    // Values of wildly different magnitudes make the order visible in the bits.
    std::vector<float> x(n);
    for (auto& v : x)
      v = static_cast<float>(rng.uniform(-1, 1) * (1 << rng.below(24)));
    float inThread = vcc::ops::detail::treeSum<float>(n, [&](size_t i) { return x[i]; });
    float kernel = vcc::reduce_sum(x.data(), n);
    float reference = vcc::ops::reference::treeSum(x);
    EXPECT_EQ(std::bit_cast<uint32_t>(inThread), std::bit_cast<uint32_t>(kernel)) << n;
    EXPECT_EQ(std::bit_cast<uint32_t>(inThread), std::bit_cast<uint32_t>(reference)) << n;
  }
}

TEST(ReductionTree, EmptyGivesIdentity) {
  EXPECT_EQ(vcc::ops::detail::treeSum<double>(0, [](size_t) { return 1.0; }), 0.0);
}

TEST(ReductionTree, ShapeDoesNotDependOnAnythingButN) {
  // Not a sequential fold: 256 ones then 1e8 then ones: the leaf boundary shows.
  std::vector<float> x(600, 1.0f);
  x[256] = 1e8f;
  float tree = vcc::ops::detail::treeSum<float>(x.size(), [&](size_t i) { return x[i]; });
  EXPECT_EQ(tree, vcc::ops::reference::treeSum(x));
}

} // namespace
