// vcc-kernel-lambda-access: kernel lambdas (vcc::parallel_for, vcc::reduce)
// in private or protected member functions are reported — nvcc refuses
// them — in public members, free functions and lambdas within them not.
#include "rules_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kRule = "vcc-kernel-lambda-access";

TEST(KernelLambdaAccessRule, FlagsKernelsInPrivateAndProtectedMembers) {
  FrontendResult result = checkRules(R"cpp(
#include <vcc/buffer.hpp>
#include <vcc/kernel.hpp>
class Model {
public:
  void run() { step(); scale(); }
private:
  void step() {
    vcc::Buffer<float> b(8);
    auto v = b.view();
    vcc::parallel_for(v.size(), [=] VCC_KERNEL(size_t i) { v[i] = 1.0f; });
  }
protected:
  float scale() {
    vcc::Buffer<float> b(8);
    auto v = b.cview();
    return vcc::reduce(v.size(), 0.0f, [=] VCC_KERNEL(size_t i) { return v[i]; },
                       [] VCC_KERNEL(float a, float c) { return a + c; });
  }
};
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  std::vector<std::string> found = findings(result, kRule);
  ASSERT_EQ(found.size(), 3u) << ::testing::PrintToString(found);
  EXPECT_THAT(found[0], HasSubstr("11:"));
  EXPECT_THAT(found[0], HasSubstr("private member function 'Model::step'"));
  EXPECT_THAT(found[1], HasSubstr("protected member function 'Model::scale'"));
  EXPECT_THAT(found[2], HasSubstr("protected member function 'Model::scale'"));
}

TEST(KernelLambdaAccessRule, FlagsAKernelInALambdaInsideAPrivateMember) {
  FrontendResult result = checkRules(R"cpp(
#include <vcc/buffer.hpp>
#include <vcc/kernel.hpp>
struct S {
  void go() { helper(); }
private:
  void helper() {
    auto add = [](vcc::Buffer<float>& b) {
      auto v = b.view();
      vcc::parallel_for(v.size(), [=] VCC_KERNEL(size_t i) { v[i] += 1.0f; });
    };
    vcc::Buffer<float> b(4);
    add(b);
  }
};
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result, kRule), ElementsAre(HasSubstr("private member function 'S::helper'")));
}

TEST(KernelLambdaAccessRule, AcceptsPublicMembersFreeFunctionsAndOtherLambdas) {
  FrontendResult result = checkRules(R"cpp(
#include <vcc/buffer.hpp>
#include <vcc/kernel.hpp>
#include <vcc/ops.hpp>
#include <algorithm>
#include <vector>
class Model {
public:
  void run() {
    vcc::Buffer<float> b(8);
    auto v = b.view();
    vcc::parallel_for(vcc::Extent2{2, 4}, [=] VCC_KERNEL(size_t r, size_t c) { v[r * 4 + c] = 0.0f; });
    sortPrivately();
  }
private:
  void sortPrivately() {
    std::vector<int> x{3, 1, 2};
    std::sort(x.begin(), x.end(), [](int a, int b) { return a < b; });  // not a kernel
    vcc::Buffer<float> b(8), y(8);
    vcc::ops::gelu(b.cview().data(), y.view().data(), 8);                // vcc's kernels, public functions
  }
};
void free() {
  vcc::Buffer<float> b(8);
  auto v = b.view();
  vcc::parallel_for(v.size(), [=] VCC_KERNEL(size_t i) { v[i] = 2.0f; });
}
)cpp");
  EXPECT_THAT(compileErrors(result), IsEmpty());
  EXPECT_THAT(findings(result, kRule), IsEmpty());
}

}  // namespace
}  // namespace vcc::frontend::testing
