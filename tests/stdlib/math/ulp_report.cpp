// Prints the accuracy table of vcc::math (docs/math.md): the largest ulp
// error of every function over each sampled domain, against libquadmath
// (double results) and glibc's double functions (float results).
//
//   ulp_report [--samples N] [--threads T] [--seed S] [--exhaustive]
//              [--functions exp,log,...]
//
// --exhaustive runs the unary float functions on all 2^32 float bit
// patterns instead of sampling them (minutes per function on two cores);
// --functions restricts the report to the named functions.
#include "accuracy.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace math_accuracy;

namespace {

struct Options {
  uint64_t samples = 1000000;
  unsigned threads = 2;
  uint64_t seed = 1;
  bool exhaustive = false;
  std::string functions; // comma-separated; empty: all

  bool wants(const char* name) const {
    if (functions.empty()) return true;
    std::string list = "," + functions + ",";
    return list.find("," + std::string(name) + ",") != std::string::npos;
  }
};

// Runs body(threadIndex, worst) on each thread and merges the results.
template <class Body> Worst parallel(unsigned threads, Body body) {
  std::vector<Worst> partial(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&, t] { body(t, partial[t]); });
  for (auto& thread : pool)
    thread.join();
  Worst total;
  for (const Worst& w : partial) {
    total.samples += w.samples;
    if (w.ulps > total.ulps) {
      total.ulps = w.ulps;
      total.x = w.x;
      total.y = w.y;
    }
  }
  return total;
}

void row(const char* type, const char* name, const std::string& domain, const Worst& w,
         bool binary) {
  char at[96];
  if (binary)
    std::snprintf(at, sizeof at, "%a, %a", w.x, w.y);
  else
    std::snprintf(at, sizeof at, "%a", w.x);
  std::printf("| %s | %s | %s | %.3g | %.4f | %s |\n", name, type, domain.c_str(),
              static_cast<double>(w.samples), w.ulps, at);
  std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--samples" && i + 1 < argc)
      options.samples = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--threads" && i + 1 < argc)
      options.threads = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (arg == "--seed" && i + 1 < argc)
      options.seed = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--exhaustive")
      options.exhaustive = true;
    else if (arg == "--functions" && i + 1 < argc)
      options.functions = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: ulp_report [--samples N] [--threads T] [--seed S] [--exhaustive] "
                   "[--functions a,b,...]\n");
      return 2;
    }
  }
  std::printf("| function | type | inputs | samples | max ulp | at |\n|---|---|---|---|---|---|\n");
  uint64_t perThread = options.samples / options.threads;

#if defined(VCC_MATH_HAVE_QUADMATH)
  for (const auto& f : doubleFunctions()) {
    if (!options.wants(f.name)) continue;
    for (const Domain& domain : f.domains) {
      Worst w = parallel(options.threads, [&](unsigned t, Worst& worst) {
        Random random(options.seed * 1000003 + t);
        for (uint64_t i = 0; i < perThread; ++i) {
          double x = domain.draw(random);
          worst.update(ulpError(f.ours(x), f.reference(x)), x);
        }
      });
      row("double", f.name, domain.describe(), w, false);
    }
  }
  for (const auto& f : doubleBinaryFunctions()) {
    if (!options.wants(f.name)) continue;
    for (const auto& [dx, dy] : f.domains) {
      Worst w = parallel(options.threads, [&](unsigned t, Worst& worst) {
        Random random(options.seed * 1000003 + t);
        for (uint64_t i = 0; i < perThread; ++i) {
          double x = dx.draw(random), y = dy.draw(random);
          worst.update(ulpError(f.ours(x, y), f.reference(x, y)), x, y);
        }
      });
      row("double", f.name, "x in " + dx.describe() + ", y in " + dy.describe(), w, true);
    }
  }
#else
  std::printf("(no libquadmath: double functions not measured)\n");
#endif

  for (const auto& f : floatFunctions()) {
    if (!options.wants(f.name)) continue;
    if (options.exhaustive) {
      Worst w = parallel(options.threads, [&](unsigned t, Worst& worst) {
        for (uint64_t bits = t; bits < (uint64_t{1} << 32); bits += options.threads) {
          uint32_t b = static_cast<uint32_t>(bits);
          float x;
          std::memcpy(&x, &b, 4);
          worst.update(ulpError(f.ours(x), f.reference(x)), x);
        }
      });
      row("float", f.name, "all 2^32 floats", w, false);
      continue;
    }
    for (const Domain& domain : f.domains) {
      Worst w = parallel(options.threads, [&](unsigned t, Worst& worst) {
        Random random(options.seed * 1000003 + t);
        for (uint64_t i = 0; i < perThread; ++i) {
          float x = static_cast<float>(domain.draw(random));
          worst.update(ulpError(f.ours(x), f.reference(x)), x);
        }
      });
      row("float", f.name, domain.describe(), w, false);
    }
  }
  for (const auto& f : floatBinaryFunctions()) {
    if (!options.wants(f.name)) continue;
    for (const auto& [dx, dy] : f.domains) {
      Worst w = parallel(options.threads, [&](unsigned t, Worst& worst) {
        Random random(options.seed * 1000003 + t);
        for (uint64_t i = 0; i < perThread; ++i) {
          float x = static_cast<float>(dx.draw(random)), y = static_cast<float>(dy.draw(random));
          worst.update(ulpError(f.ours(x, y), f.reference(x, y)), x, y);
        }
      });
      row("float", f.name, "x in " + dx.describe() + ", y in " + dy.describe(), w, true);
    }
  }
  return 0;
}
