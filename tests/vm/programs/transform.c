// Reads the whole request (fd 0) and writes a report plus transformed
// copies of it to the response (fd 1): counts, a hash, a hex dump of the
// start, each line reversed and ROT13-encoded, and the input XORed with a
// keystream as raw bytes. All output is assembled in one buffer and written
// with vcc_write_all (many short writes at odd alignments).
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "guest_io.h"

static unsigned char input[256 * 1024];
static char output[1024 * 1024];
static size_t out_len;

static void emit(const char* s, size_t n) {
  if (out_len + n > sizeof output) n = sizeof output - out_len;
  memcpy(output + out_len, s, n);
  out_len += n;
}

#define EMITF(...)                                          \
  do {                                                      \
    char tmp_[256];                                         \
    int n_ = snprintf(tmp_, sizeof tmp_, __VA_ARGS__);      \
    if (n_ > 0) emit(tmp_, (size_t)n_ < sizeof tmp_ ? (size_t)n_ : sizeof tmp_ - 1); \
  } while (0)

static char rot13(char c) {
  if (c >= 'a' && c <= 'z') return (char)('a' + (c - 'a' + 13) % 26);
  if (c >= 'A' && c <= 'Z') return (char)('A' + (c - 'A' + 13) % 26);
  return c;
}

int main(void) {
  size_t n = vcc_read_input(input, sizeof input);
  size_t lines = 0, words = 0, letters = 0, digits = 0, high = 0;
  int in_word = 0;
  uint64_t hash = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = input[i];
    hash = (hash ^ c) * 0x100000001b3ull;
    lines += c == '\n';
    int space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    words += !space && !in_word;
    in_word = !space;
    letters += (c | 32) >= 'a' && (c | 32) <= 'z';
    digits += c >= '0' && c <= '9';
    high += c >= 0x80;
  }
  EMITF("bytes=%zu lines=%zu words=%zu letters=%zu digits=%zu high=%zu\n", n, lines, words, letters, digits, high);
  EMITF("fnv1a=%016llx\n", (unsigned long long)hash);
  for (size_t i = 0; i < n && i < 64; i += 16) {
    EMITF("%04zx:", i);
    for (size_t k = i; k < i + 16 && k < n; k++) EMITF(" %02x", input[k]);
    emit("\n", 1);
  }
  // each line (up to 300 lines), reversed and rot13'd
  size_t start = 0, line_no = 0;
  while (start < n && line_no < 300) {
    size_t end = start;
    while (end < n && input[end] != '\n') end++;
    EMITF("%3zu|", ++line_no);
    for (size_t k = end; k > start; k--) {
      char c = rot13((char)input[k - 1]);
      emit(c >= 32 && c < 127 ? &c : ".", 1);
    }
    emit("\n", 1);
    start = end + 1;
  }
  // raw transformed bytes
  emit("--raw--\n", 8);
  uint32_t key = 0x2545F491u;
  for (size_t i = 0; i < n; i++) {
    key ^= key << 13;
    key ^= key >> 17;
    key ^= key << 5;
    char c = (char)(input[i] ^ (unsigned char)key);
    emit(&c, 1);
  }
  emit("\n--end--\n", 9);
  // write in uneven pieces: 1, 2, 3, ... bytes, then the rest
  size_t done = 0, piece = 1;
  while (done < out_len) {
    size_t m = out_len - done < piece ? out_len - done : piece;
    vcc_write_all(1, output + done, m);
    done += m;
    piece = piece < 100 ? piece + 1 : out_len;
  }
  return 0;
}
