// VM benchmark: a mixed, CoreMark-like workload (written for vcc, not
// derived from CoreMark). Each iteration runs four kernels on inputs derived
// from the iteration number and folds their results into a CRC16:
//   - list:   a singly linked list of LIST_NODES nodes in a static pool:
//             lookups, reversal, and an in-place bottom-up merge sort by
//             two different keys;
//   - scan:   a table-free state machine that tokenizes a text buffer into
//             integers, decimals, exponent numbers, words and junk;
//   - matrix: MATRIX_N x MATRIX_N int16 matrix times matrix and times
//             vector with int32 accumulation, plus a bit-field reduction;
//   - crc:    bitwise CRC16 (CCITT polynomial 0x1021) over everything.
// Dominated by pointer chasing, short branchy loops and byte loads.
#include <stddef.h>
#include <stdint.h>

#include "bench_util.h"

#ifndef MIXED_ITERS
#define MIXED_ITERS 6000
#endif
#ifndef LIST_NODES
#define LIST_NODES 256
#endif
#ifndef SCAN_BYTES
#define SCAN_BYTES 1024
#endif
#ifndef MATRIX_N
#define MATRIX_N 16
#endif

// ---- CRC16 -----------------------------------------------------------------

static uint16_t crc16_byte(uint16_t crc, uint8_t byte) {
  crc ^= (uint16_t)(byte << 8);
  for (int i = 0; i < 8; i++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  return crc;
}

static uint16_t crc16_u32(uint16_t crc, uint32_t v) {
  for (int i = 0; i < 4; i++) crc = crc16_byte(crc, (uint8_t)(v >> (8 * i)));
  return crc;
}

// ---- list --------------------------------------------------------------------

typedef struct Node {
  struct Node* next;
  int32_t key;
  int32_t value;
} Node;

static Node pool[LIST_NODES];
static int list_errors;  // ordering violations after list_sort: must stay 0

static Node* list_build(uint64_t* seed) {
  Node* head = NULL;
  for (int i = LIST_NODES - 1; i >= 0; i--) {
    uint64_t r = bench_splitmix64(seed);
    pool[i].key = (int32_t)(r & 0x3ff);
    pool[i].value = (int32_t)(r >> 40) - (1 << 23);
    pool[i].next = head;
    head = &pool[i];
  }
  return head;
}

static Node* list_find(Node* head, int32_t key) {
  while (head && head->key != key) head = head->next;
  return head;
}

static Node* list_reverse(Node* head) {
  Node* prev = NULL;
  while (head) {
    Node* next = head->next;
    head->next = prev;
    prev = head;
    head = next;
  }
  return prev;
}

static int node_less(const Node* a, const Node* b, int by_value) {
  return by_value ? a->value < b->value : a->key < b->key;
}

// Bottom-up merge sort of a singly linked list (stable).
static Node* list_sort(Node* head, int by_value) {
  for (size_t width = 1;; width *= 2) {
    Node* p = head;
    Node* tail = NULL;
    head = NULL;
    size_t merges = 0;
    while (p) {
      merges++;
      Node* q = p;
      size_t psize = 0;
      for (size_t i = 0; i < width && q; i++) {
        psize++;
        q = q->next;
      }
      size_t qsize = width;
      while (psize > 0 || (qsize > 0 && q)) {
        Node* e;
        if (psize == 0) {
          e = q;
          q = q->next;
          qsize--;
        } else if (qsize == 0 || !q || !node_less(q, p, by_value)) {
          e = p;
          p = p->next;
          psize--;
        } else {
          e = q;
          q = q->next;
          qsize--;
        }
        if (tail)
          tail->next = e;
        else
          head = e;
        tail = e;
      }
      p = q;
    }
    tail->next = NULL;
    if (merges <= 1) return head;
  }
}

static uint16_t run_list(uint64_t* seed, uint16_t crc) {
  Node* head = list_build(seed);
  int found = 0, missing = 0;
  for (int k = 0; k < 16; k++) {
    Node* n = list_find(head, (int32_t)((k * 67 + (int)(*seed & 0xff)) & 0x3ff));
    if (n) {
      found++;
      crc = crc16_u32(crc, (uint32_t)n->value);
    } else {
      missing++;
    }
  }
  head = list_reverse(head);
  head = list_sort(head, 1);
  int32_t prev = INT32_MIN;
  uint32_t acc = 0;
  for (Node* n = head; n; n = n->next) {
    if (n->value < prev) list_errors++;
    prev = n->value;
    acc = acc * 31 + (uint32_t)n->key;
  }
  head = list_sort(head, 0);
  int32_t prev_key = INT32_MIN;
  for (Node* n = head; n; n = n->next) {
    if (n->key < prev_key) list_errors++;
    prev_key = n->key;
    acc = acc * 17 + (uint32_t)n->value;
  }
  crc = crc16_u32(crc, acc);
  return crc16_u32(crc, (uint32_t)(found * 256 + missing));
}

// ---- scan --------------------------------------------------------------------

enum ScanState { S_START, S_SIGN, S_INT, S_POINT, S_FRAC, S_EXP, S_EXP_SIGN, S_EXP_INT, S_WORD, S_JUNK, S_COUNT };

static char text[SCAN_BYTES + 1];

static void text_build(uint64_t* seed) {
  static const char alphabet[] = "0123456789012345+-.eE,, abcxyz#";
  for (int i = 0; i < SCAN_BYTES; i++) {
    uint64_t r = bench_splitmix64(seed);
    text[i] = alphabet[r % (sizeof alphabet - 1)];
  }
  text[SCAN_BYTES] = '\0';
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_separator(char c) { return c == ',' || c == ' ' || c == '\0'; }

// Final state of one token starting at *p; advances *p past the token.
static enum ScanState scan_token(const char** p, uint32_t transitions[S_COUNT]) {
  enum ScanState s = S_START;
  const char* c = *p;
  for (; !is_separator(*c); c++) {
    enum ScanState next;
    char ch = *c;
    switch (s) {
      case S_START:
        next = is_digit(ch) ? S_INT : (ch == '+' || ch == '-') ? S_SIGN : ch == '.' ? S_POINT : is_alpha(ch) ? S_WORD : S_JUNK;
        break;
      case S_SIGN:
        next = is_digit(ch) ? S_INT : ch == '.' ? S_POINT : S_JUNK;
        break;
      case S_INT:
        next = is_digit(ch) ? S_INT : ch == '.' ? S_POINT : (ch == 'e' || ch == 'E') ? S_EXP : S_JUNK;
        break;
      case S_POINT:
      case S_FRAC:
        next = is_digit(ch) ? S_FRAC : (ch == 'e' || ch == 'E') ? S_EXP : S_JUNK;
        break;
      case S_EXP:
        next = is_digit(ch) ? S_EXP_INT : (ch == '+' || ch == '-') ? S_EXP_SIGN : S_JUNK;
        break;
      case S_EXP_SIGN:
      case S_EXP_INT:
        next = is_digit(ch) ? S_EXP_INT : S_JUNK;
        break;
      case S_WORD:
        next = is_alpha(ch) || is_digit(ch) ? S_WORD : S_JUNK;
        break;
      default:
        next = S_JUNK;
        break;
    }
    if (next != s) transitions[next]++;
    s = next;
  }
  *p = *c ? c + 1 : c;
  return s;
}

static uint16_t run_scan(uint64_t* seed, uint16_t crc) {
  text_build(seed);
  uint32_t finals[S_COUNT] = {0}, transitions[S_COUNT] = {0};
  int64_t int_sum = 0;
  const char* p = text;
  while (*p) {
    const char* start = p;
    enum ScanState s = scan_token(&p, transitions);
    finals[s]++;
    if (s == S_INT) {
      int64_t v = 0;
      const char* q = start;
      int negative = *q == '-';
      if (*q == '+' || *q == '-') q++;
      while (is_digit(*q)) v = v * 10 + (*q++ - '0');
      int_sum += negative ? -v : v;
    }
  }
  for (int i = 0; i < S_COUNT; i++) crc = crc16_u32(crc, finals[i] * 65536u + transitions[i]);
  return crc16_u32(crc, (uint32_t)int_sum);
}

// ---- matrix ------------------------------------------------------------------

enum { M = MATRIX_N };
static int16_t mat_a[M][M], mat_b[M][M];
static int32_t mat_c[M][M];
static int16_t vec_v[M];
static int32_t vec_r[M];

static uint16_t run_matrix(uint64_t* seed, uint16_t crc) {
  for (int i = 0; i < M; i++) {
    vec_v[i] = (int16_t)(bench_splitmix64(seed) & 0xffff);
    for (int j = 0; j < M; j++) {
      uint64_t r = bench_splitmix64(seed);
      mat_a[i][j] = (int16_t)(r & 0xfff);
      mat_b[i][j] = (int16_t)((r >> 16) & 0xffff);
    }
  }
  int16_t addend = (int16_t)(*seed & 0x7f);
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) mat_a[i][j] = (int16_t)(mat_a[i][j] + addend);
  for (int i = 0; i < M; i++) {
    int32_t acc = 0;
    for (int j = 0; j < M; j++) acc += (int32_t)mat_a[i][j] * vec_v[j];
    vec_r[i] = acc;
  }
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      int32_t acc = 0;
      for (int k = 0; k < M; k++) acc += (int32_t)mat_a[i][k] * mat_b[k][j];
      mat_c[i][j] = acc;
    }
  // Bit-field reduction: sum of bits 2..9 of every product entry.
  uint32_t bits = 0, maxv = 0;
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      uint32_t v = (uint32_t)mat_c[i][j];
      bits += (v >> 2) & 0xff;
      if (v > maxv) maxv = v;
    }
  for (int i = 0; i < M; i++) crc = crc16_u32(crc, (uint32_t)vec_r[i]);
  crc = crc16_u32(crc, bits);
  return crc16_u32(crc, maxv);
}

// ---- main --------------------------------------------------------------------

int main(void) {
  uint16_t crc = 0xffff;
  uint16_t crc_list = 0, crc_scan = 0, crc_matrix = 0;
  uint64_t seed = 0x6d69786564000001ull;
  for (int it = 0; it < MIXED_ITERS; it++) {
    crc_list = run_list(&seed, crc_list);
    crc_scan = run_scan(&seed, crc_scan);
    crc_matrix = run_matrix(&seed, crc_matrix);
    crc = crc16_u32(crc, (uint32_t)crc_list << 16 | crc_scan);
    crc = crc16_u32(crc, crc_matrix);
  }
  bench_report("mixed", "crc_list", crc_list);
  bench_report("mixed", "crc_scan", crc_scan);
  bench_report("mixed", "crc_matrix", crc_matrix);
  bench_report("mixed", "checksum", crc);
  bench_report("mixed", "list_errors", (uint64_t)list_errors);
  return list_errors == 0 ? 0 : 1;
}
