// String and memory workload on picolibc: memcpy/memmove/memset/memcmp,
// str* functions, qsort/bsearch, snprintf, strtol/strtoul, ctype.
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The guest flags include -fsigned-char, which makes picolibc's <ctype.h>
// macros refer to _ctype_b, a table this picolibc build (unsigned char, as
// on RISC-V) does not have; call the library functions instead.
#undef isalpha
#undef isupper
#undef isspace
#undef isdigit
#undef islower
#undef toupper
#undef tolower

static uint32_t lcg_state = 12345;
static uint32_t lcg(void) {
  lcg_state = lcg_state * 1103515245u + 12345u;
  return lcg_state >> 1;
}

static uint64_t fnv1a(const void* p, size_t n) {
  const unsigned char* b = (const unsigned char*)p;
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

static int cmp_int(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

struct record {
  char name[12];
  int32_t key;
  uint16_t tag;
};

static int cmp_record(const void* a, const void* b) {
  const struct record* x = (const struct record*)a;
  const struct record* y = (const struct record*)b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return strcmp(x->name, y->name);
}

static int numbers[3000];
static char words_storage[400][16];
static char* words[400];
static struct record records[500];
static unsigned char buf_a[8192], buf_b[8192];

int main(void) {
  // memcpy/memmove/memset with many alignments and lengths
  for (size_t i = 0; i < sizeof buf_a; i++) buf_a[i] = (unsigned char)lcg();
  uint64_t h = 0;
  for (int round = 0; round < 300; round++) {
    size_t src = lcg() % 4000, dst = lcg() % 4000, len = lcg() % 300;
    switch (round % 4) {
      case 0: memcpy(buf_b + dst, buf_a + src, len); break;
      case 1: memmove(buf_b + dst, buf_b + src, len); break;
      case 2: memset(buf_b + dst, (int)(lcg() & 0xff), len); break;
      default: memmove(buf_a + dst, buf_a + dst + 1 + len % 7, len); break;
    }
    h ^= fnv1a(buf_b, 4400) + (uint64_t)round;
    h += (uint64_t)memcmp(buf_a + src, buf_b + dst, len % 64 + 1);
  }
  printf("mem mix: %016llx %016llx\n", (unsigned long long)h, (unsigned long long)fnv1a(buf_a, sizeof buf_a));

  // qsort + bsearch on integers
  for (int i = 0; i < 3000; i++) numbers[i] = (int)(lcg() % 200001) - 100000;
  qsort(numbers, 3000, sizeof numbers[0], cmp_int);
  int sorted = 1;
  for (int i = 1; i < 3000; i++) sorted &= numbers[i - 1] <= numbers[i];
  printf("ints sorted=%d min=%d median=%d max=%d\n", sorted, numbers[0], numbers[1500], numbers[2999]);
  int found = 0;
  for (int i = 0; i < 1000; i++) {
    int key = (int)(lcg() % 200001) - 100000;
    found += bsearch(&key, numbers, 3000, sizeof numbers[0], cmp_int) != NULL;
  }
  printf("bsearch found %d of 1000\n", found);

  // random words, sorted as strings
  for (int i = 0; i < 400; i++) {
    int len = 1 + (int)(lcg() % 14);
    for (int k = 0; k < len; k++) words_storage[i][k] = (char)('a' + lcg() % 26);
    words_storage[i][len] = 0;
    if (i % 10 == 0) words_storage[i][0] = (char)toupper((unsigned char)words_storage[i][0]);
    words[i] = words_storage[i];
  }
  qsort(words, 400, sizeof words[0], cmp_str);
  printf("words: first=%s second=%s last=%s\n", words[0], words[1], words[399]);
  uint64_t wh = 0;
  size_t total_len = 0;
  for (int i = 0; i < 400; i++) {
    wh = wh * 1000003u + fnv1a(words[i], strlen(words[i]));
    total_len += strlen(words[i]);
  }
  printf("words: total length %zu, hash %016llx\n", total_len, (unsigned long long)wh);

  // structs sorted by key then name
  for (int i = 0; i < 500; i++) {
    snprintf(records[i].name, sizeof records[i].name, "r%05u", (unsigned)(lcg() % 100000));
    records[i].key = (int32_t)(lcg() % 50) - 25;
    records[i].tag = (uint16_t)i;
  }
  qsort(records, 500, sizeof records[0], cmp_record);
  printf("records: %s/%d/%u %s/%d/%u %s/%d/%u\n", records[0].name, records[0].key, records[0].tag,
         records[250].name, records[250].key, records[250].tag, records[499].name, records[499].key,
         records[499].tag);

  // str* functions
  char text[256];
  strcpy(text, "The quick brown fox jumps over the lazy dog");
  strncat(text, ", again and again", sizeof text - strlen(text) - 1);
  printf("len=%zu strchr=%s strrchr=%s strstr=%s\n", strlen(text), strchr(text, 'q'), strrchr(text, 'a'),
         strstr(text, "lazy"));
  printf("strcmp=%d strncmp=%d spn=%zu cspn=%zu\n", strcmp("abc", "abd") < 0, strncmp("abcdef", "abcxyz", 3),
         strspn(text, "Teh "), strcspn(text, "xyz"));
  int upper = 0, alpha = 0, space = 0, digit = 0;
  for (char* p = text; *p; p++) {
    upper += isupper((unsigned char)*p) != 0;
    alpha += isalpha((unsigned char)*p) != 0;
    space += isspace((unsigned char)*p) != 0;
    digit += isdigit((unsigned char)*p) != 0;
    *p = (char)toupper((unsigned char)*p);
  }
  printf("upper=%d alpha=%d space=%d digit=%d %s\n", upper, alpha, space, digit, text);

  // number parsing and formatting (all values in range: no errno)
  const char* nums[] = {"0", "-1", "42", "  +17xyz", "0x7fffffff", "-9223372036854775807", "0777", "123456789012"};
  long long acc = 0;
  for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    char* end;
    long v = strtol(nums[i], &end, 0);
    unsigned long u = strtoul(nums[i], NULL, 10);
    acc = acc * 7 + v + (long long)(u & 0xffff);
    printf("strtol(\"%s\") = %ld rest=\"%s\" strtoul10=%lu\n", nums[i], v, end, u);
  }
  printf("atoi=%d acc=%lld\n", atoi("-2147483648"), acc);
  char out[64];
  int n = snprintf(out, sizeof out, "[%5d|%-5d|%05d|%x|%X|%o|%c|%s|%.3s]", 42, -42, 42, 0xbeef, 0xbeef, 8, 'z',
                   "str", "truncate");
  printf("%s (%d)\n", out, n);
  n = snprintf(out, 10, "%s", "this does not fit");
  printf("%s (%d)\n", out, n);
  printf("%lld %llu %lli %hhd %hd %+d % d %%\n", -9223372036854775807LL - 1, 18446744073709551615ULL, 0LL,
         (signed char)200, (short)70000, 5, 5);
  return 0;
}
