// Recursion in C++ (no exceptions, no RTTI, no C++ library): deep
// non-tail recursion on the stack, Ackermann, N-queens by backtracking,
// a recursive-descent expression evaluator, memoised Fibonacci, Towers of
// Hanoi, and a recursive merge sort.
#include <stdint.h>
#include <stdio.h>

namespace {

// Deep, non-tail recursion: about 40000 frames.
__attribute__((noinline)) uint64_t deep(uint32_t n, uint64_t salt) {
  volatile uint64_t local[3] = {n, salt, n ^ salt};
  if (n == 0) return salt;
  uint64_t below = deep(n - 1, salt * 6364136223846793005ull + 1442695040888963407ull);
  return below ^ (local[0] * 31 + local[1] + local[2]);
}

uint64_t ackermann(uint64_t m, uint64_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

template <int N>
class Queens {
 public:
  int solve() { return place(0); }

 private:
  bool cols_[N] = {};
  bool diag1_[2 * N] = {};
  bool diag2_[2 * N] = {};

  int place(int row) {
    if (row == N) return 1;
    int count = 0;
    for (int c = 0; c < N; c++) {
      if (cols_[c] || diag1_[row + c] || diag2_[row - c + N]) continue;
      cols_[c] = diag1_[row + c] = diag2_[row - c + N] = true;
      count += place(row + 1);
      cols_[c] = diag1_[row + c] = diag2_[row - c + N] = false;
    }
    return count;
  }
};

// expr := term (('+'|'-') term)*; term := factor (('*'|'/'|'%') factor)*;
// factor := number | '(' expr ')' | '-' factor
class Parser {
 public:
  explicit Parser(const char* text) : p_(text) {}
  int64_t parse() { return expr(); }

 private:
  const char* p_;
  void skip() {
    while (*p_ == ' ') p_++;
  }
  int64_t expr() {
    int64_t v = term();
    for (;;) {
      skip();
      if (*p_ == '+') {
        p_++;
        v += term();
      } else if (*p_ == '-') {
        p_++;
        v -= term();
      } else {
        return v;
      }
    }
  }
  int64_t term() {
    int64_t v = factor();
    for (;;) {
      skip();
      char op = *p_;
      if (op != '*' && op != '/' && op != '%') return v;
      p_++;
      int64_t r = factor();
      if (op == '*') v *= r;
      else if (r == 0) v = 0;
      else if (op == '/') v /= r;
      else v %= r;
    }
  }
  int64_t factor() {
    skip();
    if (*p_ == '(') {
      p_++;
      int64_t v = expr();
      skip();
      if (*p_ == ')') p_++;
      return v;
    }
    if (*p_ == '-') {
      p_++;
      return -factor();
    }
    int64_t v = 0;
    while (*p_ >= '0' && *p_ <= '9') v = v * 10 + (*p_++ - '0');
    return v;
  }
};

uint64_t fib_memo[100];
uint64_t fib(int n) {
  if (n < 2) return (uint64_t)n;
  if (fib_memo[n]) return fib_memo[n];
  return fib_memo[n] = fib(n - 1) + fib(n - 2);
}

uint32_t fib_naive(uint32_t n) { return n < 2 ? n : fib_naive(n - 1) + fib_naive(n - 2); }

uint64_t hanoi_checksum;
void hanoi(int n, int from, int to, int via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  hanoi_checksum = hanoi_checksum * 7 + (uint64_t)(from * 3 + to);
  hanoi(n - 1, via, to, from);
}

template <typename T, typename Less>
void merge_sort(T* a, T* tmp, int n, Less less) {
  if (n < 2) return;
  int h = n / 2;
  merge_sort(a, tmp, h, less);
  merge_sort(a + h, tmp, n - h, less);
  int i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = less(a[j], a[i]) ? a[j++] : a[i++];
  while (i < h) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  for (int x = 0; x < n; x++) a[x] = tmp[x];
}

int32_t values[5000], scratch[5000];

}  // namespace

int main() {
  printf("deep(40000) = %016llx\n", (unsigned long long)deep(40000, 1));
  printf("ackermann(2, 300) = %llu, ackermann(3, 6) = %llu\n", (unsigned long long)ackermann(2, 300),
         (unsigned long long)ackermann(3, 6));
  printf("queens: 6 -> %d, 8 -> %d\n", Queens<6>().solve(), Queens<8>().solve());
  const char* exprs[] = {"1 + 2 * 3", "(1 + 2) * 3", "-(4 - 10) * (7 % 4) / 2",
                         "((((((((((1+1)*2)+1)*2)+1)*2)+1)*2)+1)*2)", "123456789 * 987654321 - 5 / 0",
                         "100 / -7 + 100 % -7"};
  for (const char* e : exprs) printf("%s = %lld\n", e, (long long)Parser(e).parse());
  printf("fib(90) = %llu, fib_naive(24) = %u\n", (unsigned long long)fib(90), fib_naive(24));
  hanoi(14, 1, 3, 2);
  printf("hanoi(14) checksum = %016llx\n", (unsigned long long)hanoi_checksum);
  uint32_t x = 2463534242u;
  for (int i = 0; i < 5000; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    values[i] = (int32_t)x;
  }
  merge_sort(values, scratch, 5000, [](int32_t a, int32_t b) { return a < b; });
  bool ok = true;
  for (int i = 1; i < 5000; i++) ok = ok && values[i - 1] <= values[i];
  printf("merge sort ok=%d first=%d last=%d\n", ok, values[0], values[4999]);
  return 0;
}
