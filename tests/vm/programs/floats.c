// Soft-float workload (lp64, no F/D): double and float arithmetic through
// libgcc's soft-float routines, conversions, libm functions from picolibc,
// and printf of doubles in several formats. No domain or range errors are
// provoked (picolibc's errno lives in TLS, which the test runtime does not
// set up).
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile double vd[] = {0.0, -0.0, 1.0, -1.5, 3.141592653589793, 1e-300, 1e300, 2.5e-310,
                               123456789.125, -0.1, 0.5, 4503599627370497.0};
static volatile float vf[] = {0.0f, 1.0f, -2.75f, 3.4e38f, 1e-40f, 0.1f, 16777217.0f, -1e-3f};

static uint64_t bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static uint32_t fbits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

int main(void) {
  const int nd = (int)(sizeof vd / sizeof vd[0]);
  const int nf = (int)(sizeof vf / sizeof vf[0]);
  uint64_t acc = 0;
  for (int i = 0; i < nd; i++) {
    for (int j = 0; j < nd; j++) {
      double a = vd[i], b = vd[j];
      double s = a + b, d = a - b, m = a * b, q = a / b;  // 1/0 = inf, 0/0 = NaN: no errno
      acc = acc * 1099511628211ull ^ bits(s);
      acc = acc * 1099511628211ull ^ bits(d);
      acc = acc * 1099511628211ull ^ bits(m);
      acc = acc * 1099511628211ull ^ (q != q ? 0x7ff8000000000000ull : bits(q));
      acc += (uint64_t)((a < b) | (a <= b) << 1 | (a == b) << 2 | (a != b) << 3 | (a > b) << 4);
    }
  }
  printf("double ops acc = %016llx\n", (unsigned long long)acc);
  acc = 0;
  for (int i = 0; i < nf; i++) {
    for (int j = 0; j < nf; j++) {
      float a = vf[i], b = vf[j];
      acc = acc * 31 + fbits(a + b);
      acc = acc * 31 + fbits(a * b);
      acc = acc * 31 + fbits(a - b);
      if (b != 0.0f) acc = acc * 31 + fbits(a / b);
    }
    acc = acc * 31 + bits((double)vf[i]);
  }
  printf("float ops acc = %016llx\n", (unsigned long long)acc);

  // conversions
  for (int i = 0; i < nd; i++) {
    double x = vd[i];
    long long ll = (fabs(x) < 9e18) ? (long long)x : 0;
    unsigned long long ull = (x >= 0 && x < 1.8e19) ? (unsigned long long)x : 0;
    float f = (float)x;
    printf("%-24.17g -> %lld %llu %a %.9g\n", x, ll, ull, x, (double)f);
  }
  printf("%f %f %f\n", (double)(int64_t)-9007199254740993LL, (double)(uint64_t)18446744073709551615ULL,
         (double)(int32_t)-2147483647);

  // formatting
  printf("%.0f %.1f %.2f %.3f %.10f\n", 0.5, 0.25, 2.675, 1.0005, 1.0 / 3.0);
  printf("%e %E %.3e %g %G %g %g\n", 12345.678, 0.000123, -1e-300, 1e-5, 1e20, 100000.0, 1234567.0);
  printf("%10.4f|%-10.2f|%+.3e|%08.3f\n", 3.14159265, -2.5, 6.02214076e23, -1.5);
  printf("inf=%f -inf=%f nan=%f\n", (double)INFINITY, -(double)INFINITY, (double)NAN);
  printf("max=%.17g min=%.17g denorm=%.17g\n", 1.7976931348623157e308, 2.2250738585072014e-308,
         4.9406564584124654e-324);

  // libm (arguments in range)
  double sum = 0;
  for (int i = 1; i <= 200; i++) {
    double x = i * 0.037;
    sum += sin(x) * cos(x) + sqrt(x) + exp(-x) + log(x) + atan2(x, 1.0 + i) + pow(x, 1.5) + floor(x * 3.7) +
           ceil(-x) + fmod(x * 11.0, 2.3) + tanh(x - 3.0);
  }
  printf("libm sum = %.15g\n", sum);
  printf("sqrt(2)=%.17g cbrt(27)=%.17g hypot(3,4)=%.17g\n", sqrt(2.0), cbrt(27.0), hypot(3.0, 4.0));
  printf("round(2.5)=%g trunc(-2.7)=%g rint(3.5)=%g lround(-2.5)=%ld\n", round(2.5), trunc(-2.7), rint(3.5),
         lround(-2.5));
  float fs = 0;
  for (int i = 1; i <= 100; i++) fs += sqrtf((float)i) * sinf((float)i * 0.1f);
  printf("float libm sum = %.9g\n", (double)fs);

  // parsing
  const char* inputs[] = {"3.14159", "-2.5e-3", "1e10", "0x1.8p1", "  42.0abc", "6.02214076e23"};
  for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    char* end;
    double v = strtod(inputs[i], &end);
    printf("strtod(\"%s\") = %.17g rest=\"%s\"\n", inputs[i], v, end);
  }

  // a small numeric kernel: Simpson integration and a Mandelbrot count
  double integral = 0, h = 1.0 / 1000;
  for (int i = 0; i <= 1000; i++) {
    double x = i * h, fx = 4.0 / (1.0 + x * x);
    integral += fx * (i == 0 || i == 1000 ? 1 : (i % 2 ? 4 : 2));
  }
  printf("pi ~ %.15f\n", integral * h / 3);
  int inside = 0;
  for (int y = 0; y < 40; y++) {
    for (int x = 0; x < 60; x++) {
      double cr = -2.0 + x * 0.05, ci = -1.0 + y * 0.05, zr = 0, zi = 0;
      int k = 0;
      while (k < 100 && zr * zr + zi * zi < 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        k++;
      }
      inside += k == 100;
    }
  }
  printf("mandelbrot inside = %d\n", inside);
  return 0;
}
