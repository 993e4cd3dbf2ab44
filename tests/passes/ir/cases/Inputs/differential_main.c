/* Driver of canonicalize_differential.c: calls the canonicalized functions
 * with inputs where x86-64 and the RV64 image disagree by default, and
 * prints the results' bits. Compiled without the plugin (it needs printf
 * and volatile to keep the inputs opaque). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

double minimum(double a, double b);
double maximum(double a, double b);
float minimumFloat(float a, float b);
int toInt(double x);
unsigned toUnsigned(double x);
long toLong(double x);

static unsigned long long bits(double value) {
  uint64_t word;
  memcpy(&word, &value, sizeof word);
  return (unsigned long long)word;
}

static unsigned floatBits(float value) {
  uint32_t word;
  memcpy(&word, &value, sizeof word);
  return word;
}

volatile double positiveZero = 0.0, negativeZero = -0.0, huge = 1e30, zero = 0.0, one = 1.0;

int main(void) {
  double nan = zero / zero;
  printf("fmin(+0,-0) %016llx\n", bits(minimum(positiveZero, negativeZero)));
  printf("fmin(-0,+0) %016llx\n", bits(minimum(negativeZero, positiveZero)));
  printf("fmax(+0,-0) %016llx\n", bits(maximum(positiveZero, negativeZero)));
  printf("fmax(-0,+0) %016llx\n", bits(maximum(negativeZero, positiveZero)));
  printf("fminf(+0,-0) %08x\n", floatBits(minimumFloat((float)positiveZero, (float)negativeZero)));
  printf("fmin(nan,1) %016llx\n", bits(minimum(nan, one)));
  printf("fmin(1,nan) %016llx\n", bits(minimum(one, nan)));
  printf("fmax(2,1) %016llx\n", bits(maximum(2 * one, one)));
  printf("(int)1e30 %d\n", toInt(huge));
  printf("(int)-1e30 %d\n", toInt(-huge));
  printf("(int)nan %d\n", toInt(nan));
  printf("(unsigned)-1.0 %u\n", toUnsigned(-one));
  printf("(unsigned)1e30 %u\n", toUnsigned(huge));
  printf("(long)1e30 %ld\n", toLong(huge));
  printf("(int)-2.5 %d\n", toInt(-2.5 * one));
  return 0;
}
