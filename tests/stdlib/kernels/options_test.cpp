// The native entry point's options and backend choice (runtime-native).
#include "vcc/native/options.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace vcc::native {
namespace {

ParsedOptions parse(std::vector<const char*> arguments) {
  return parseOptions(arguments);
}

TEST(NativeOptions, Defaults) {
  ParsedOptions parsed = parse({});
  ASSERT_EQ(parsed.error, "");
  EXPECT_FALSE(parsed.options.backend.has_value());
  EXPECT_EQ(parsed.options.threads, 0u);
  EXPECT_EQ(parsed.options.input, "-");
  EXPECT_EQ(parsed.options.output, "-");
  EXPECT_FALSE(parsed.options.help);
}

TEST(NativeOptions, SeparateAndJoinedValues) {
  ParsedOptions parsed = parse({"--backend", "threads", "--threads=3", "--input=in.bin", "--output",
                                "out.bin", "--store", "blobs"});
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.options.backend, BackendKind::threads);
  EXPECT_EQ(parsed.options.threads, 3u);
  EXPECT_EQ(parsed.options.input, "in.bin");
  EXPECT_EQ(parsed.options.output, "out.bin");
  EXPECT_EQ(parsed.options.store, "blobs");
  EXPECT_EQ(parse({"--backend=serial"}).options.backend, BackendKind::serial);
  EXPECT_EQ(parse({"--backend", "cuda"}).options.backend, BackendKind::cuda);
  EXPECT_TRUE(parse({"--help"}).options.help);
  EXPECT_TRUE(parse({"-h"}).options.help);
  EXPECT_TRUE(parse({"--list-backends"}).options.listBackends);
}

TEST(NativeOptions, ErrorsSayWhatIsWrong) {
  EXPECT_EQ(parse({"--bogus"}).error, "unknown option '--bogus'");
  EXPECT_EQ(parse({"--backend"}).error, "option '--backend' needs a value");
  EXPECT_EQ(parse({"--backend", "gpu"}).error,
            "unknown backend 'gpu' (expected cuda, threads or serial)");
  EXPECT_NE(parse({"--threads", "0"}).error.find("from 1 to 1024"), std::string::npos);
  EXPECT_NE(parse({"--threads", "2000"}).error, "");
  EXPECT_NE(parse({"--threads", "3x"}).error, "");
  EXPECT_NE(parse({"--threads=-1"}).error, "");
  EXPECT_EQ(parse({"request.bin"}).error,
            "unexpected argument 'request.bin' (the request comes from --input)");
  EXPECT_EQ(parse({"--input="}).error, "option '--input' needs a non-empty value");
  EXPECT_EQ(parse({"--help=yes"}).error, "option '--help' takes no value");
}

TEST(NativeOptions, UsageNamesEveryOption) {
  std::string usage = usageText("prog", false);
  for (const char* option :
       {"--backend", "--threads", "--input", "--output", "--store", "--list-backends", "--help"})
    EXPECT_NE(usage.find(option), std::string::npos) << option;
  EXPECT_EQ(usage.rfind("usage: prog ", 0), 0u);
}

std::unique_ptr<Backend> noDevice(size_t, std::string& whyNot) {
  whyNot = "no CUDA device found";
  return nullptr;
}

std::unique_ptr<Backend> fakeDevice(size_t threads, std::string&) {
  return makeThreadsBackend(threads);
}

std::unique_ptr<Backend> mustNotBeCalled(size_t, std::string&) {
  ADD_FAILURE() << "the cuda factory was called";
  return nullptr;
}

TEST(BackendSelection, DefaultIsThreadsWithoutCuda) {
  BackendSelection selection = selectBackend(Options{}, nullptr);
  EXPECT_EQ(selection.backend->kind(), BackendKind::threads);
  EXPECT_EQ(selection.notice, "");
}

TEST(BackendSelection, DefaultIsCudaWhenADeviceIsThere) {
  BackendSelection selection = selectBackend(Options{}, fakeDevice);
  ASSERT_TRUE(selection.backend);
  EXPECT_EQ(selection.notice, "");
}

TEST(BackendSelection, CudaWithoutADeviceFallsBackToThreadsWithANotice) {
  Options options;
  options.backend = BackendKind::cuda;
  options.threads = 3;
  BackendSelection selection = selectBackend(options, noDevice);
  EXPECT_EQ(selection.backend->kind(), BackendKind::threads);
  EXPECT_EQ(selection.backend->concurrency(), 3u);
  EXPECT_EQ(selection.notice,
            "vcc: no usable CUDA device (no CUDA device found); using the threads backend");
  EXPECT_EQ(selection.notice.find('\n'), std::string::npos);
}

TEST(BackendSelection, CudaInABuildWithoutItFallsBackWithANotice) {
  Options options;
  options.backend = BackendKind::cuda;
  BackendSelection selection = selectBackend(options, nullptr);
  EXPECT_EQ(selection.backend->kind(), BackendKind::threads);
  EXPECT_NE(selection.notice.find("no cuda backend"), std::string::npos);
}

TEST(BackendSelection, ExplicitCpuBackendsDoNotProbeCuda) {
  Options options;
  options.backend = BackendKind::serial;
  EXPECT_EQ(selectBackend(options, mustNotBeCalled).backend->kind(), BackendKind::serial);
  options.backend = BackendKind::threads;
  options.threads = 5;
  BackendSelection selection = selectBackend(options, mustNotBeCalled);
  EXPECT_EQ(selection.backend->kind(), BackendKind::threads);
  EXPECT_EQ(selection.backend->concurrency(), 5u);
}

}  // namespace
}  // namespace vcc::native
