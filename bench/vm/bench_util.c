#include "bench_util.h"

#include <stdio.h>

void bench_report(const char* name, const char* key, uint64_t value) {
  printf("%s %s 0x%016llx\n", name, key, (unsigned long long)value);
}
