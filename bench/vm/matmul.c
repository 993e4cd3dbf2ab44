// VM benchmark: integer matrix multiplication.
//
// Repeatedly multiplies N x N matrices of 64-bit integers (wrapping
// arithmetic): X <- X * B + (round number), REPS times, in i-k-j order.
// Dominated by ld / mul / add / sd and loop overhead. Prints a checksum of
// the final matrix.
#include <stdint.h>

#include "bench_util.h"

#ifndef MATMUL_N
#define MATMUL_N 200
#endif
#ifndef MATMUL_REPS
#define MATMUL_REPS 16
#endif

enum { N = MATMUL_N };

static int64_t mat_x[N][N];
static int64_t mat_b[N][N];
static int64_t mat_c[N][N];

static void multiply(int64_t (*restrict c)[N], const int64_t (*a)[N], const int64_t (*b)[N]) {
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) c[i][j] = 0;
    for (int k = 0; k < N; k++) {
      int64_t aik = a[i][k];
      for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
    }
  }
}

int main(void) {
  uint64_t seed = 0x6d61746d756c0001ull;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      // Small entries keep the early rounds readable; later rounds wrap.
      mat_x[i][j] = (int64_t)(bench_splitmix64(&seed) % 2001) - 1000;
      mat_b[i][j] = (int64_t)(bench_splitmix64(&seed) % 2001) - 1000;
    }

  for (int r = 0; r < MATMUL_REPS; r++) {
    multiply(mat_c, (const int64_t(*)[N])mat_x, (const int64_t(*)[N])mat_b);
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) mat_x[i][j] = mat_c[i][j] + r;
  }

  uint64_t h = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) h = bench_mix(h, (uint64_t)mat_x[i][j]);
  bench_report("matmul", "checksum", h);
  bench_report("matmul", "trace", (uint64_t)(mat_x[0][0] + mat_x[N - 1][N - 1]));
  return 0;
}
