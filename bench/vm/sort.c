// VM benchmark: sorting 64-bit keys.
//
// Generates SORT_N pseudo-random 64-bit keys and sorts them three ways:
//   1. quicksort (median-of-three, Hoare partition, insertion sort for
//      short ranges, recursion on the smaller side only),
//   2. top-down merge sort with a scratch buffer,
//   3. LSD radix sort, 8 passes of 8 bits,
// then checks that the three results are identical and ascending.
// Dominated by data-dependent branches and loads/stores.
#include <stddef.h>
#include <stdint.h>

#include "bench_util.h"

#ifndef SORT_N
#define SORT_N (1u << 20)
#endif

enum { N = SORT_N, INSERTION_LIMIT = 16 };

static uint64_t keys_quick[N];
static uint64_t keys_merge[N];
static uint64_t keys_radix[N];
static uint64_t scratch[N];

static void insertion_sort(uint64_t* a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    uint64_t v = a[i];
    size_t j = i;
    while (j > 0 && a[j - 1] > v) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = v;
  }
}

static inline void swap_keys(uint64_t* a, uint64_t* b) {
  uint64_t t = *a;
  *a = *b;
  *b = t;
}

static void quicksort(uint64_t* a, size_t n) {
  while (n > INSERTION_LIMIT) {
    size_t mid = n / 2;
    // Median of three into a[mid].
    if (a[mid] < a[0]) swap_keys(&a[mid], &a[0]);
    if (a[n - 1] < a[0]) swap_keys(&a[n - 1], &a[0]);
    if (a[n - 1] < a[mid]) swap_keys(&a[n - 1], &a[mid]);
    uint64_t pivot = a[mid];
    // Hoare partition: afterwards a[0..j] <= pivot <= a[j+1..n).
    size_t i = (size_t)-1, j = n;
    for (;;) {
      do i++; while (a[i] < pivot);
      do j--; while (a[j] > pivot);
      if (i >= j) break;
      swap_keys(&a[i], &a[j]);
    }
    size_t left = j + 1, right = n - left;
    if (left < right) {
      quicksort(a, left);
      a += left;
      n = right;
    } else {
      quicksort(a + left, right);
      n = left;
    }
  }
  insertion_sort(a, n);
}

// Sorts a[0, n) using tmp[0, n) as scratch.
static void merge_sort(uint64_t* a, uint64_t* tmp, size_t n) {
  if (n <= INSERTION_LIMIT) {
    insertion_sort(a, n);
    return;
  }
  size_t half = n / 2;
  merge_sort(a, tmp, half);
  merge_sort(a + half, tmp + half, n - half);
  if (a[half - 1] <= a[half]) return;
  size_t i = 0, j = half, k = 0;
  while (i < half && j < n) tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
  while (i < half) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  for (size_t m = 0; m < n; m++) a[m] = tmp[m];
}

static void radix_sort(uint64_t* a, uint64_t* tmp, size_t n) {
  static size_t counts[256];
  for (unsigned shift = 0; shift < 64; shift += 8) {
    for (int b = 0; b < 256; b++) counts[b] = 0;
    for (size_t i = 0; i < n; i++) counts[(a[i] >> shift) & 255]++;
    size_t sum = 0;
    for (int b = 0; b < 256; b++) {
      size_t c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (size_t i = 0; i < n; i++) tmp[counts[(a[i] >> shift) & 255]++] = a[i];
    uint64_t* t = a;
    a = tmp;
    tmp = t;
  }
  // 8 passes: the result is back in the caller's array.
}

int main(void) {
  uint64_t seed = 0x736f727400000001ull;
  uint64_t input_hash = 0;
  for (size_t i = 0; i < N; i++) {
    uint64_t k = bench_splitmix64(&seed);
    if ((i & 15) == 0) k &= 0xffff;  // some small keys and duplicates
    keys_quick[i] = keys_merge[i] = keys_radix[i] = k;
    input_hash = bench_mix(input_hash, k);
  }

  quicksort(keys_quick, N);
  merge_sort(keys_merge, scratch, N);
  radix_sort(keys_radix, scratch, N);

  uint64_t ok = 1, h = 0;
  for (size_t i = 0; i < N; i++) {
    if (keys_quick[i] != keys_merge[i] || keys_quick[i] != keys_radix[i]) ok = 0;
    if (i > 0 && keys_quick[i - 1] > keys_quick[i]) ok = 0;
    h = bench_mix(h, keys_quick[i]);
  }
  bench_report("sort", "input", input_hash);
  bench_report("sort", "sorted", ok);
  bench_report("sort", "checksum", h);
  bench_report("sort", "median", keys_quick[N / 2]);
  return ok ? 0 : 1;
}
