// C++ without its library (-fno-exceptions -fno-rtti, no libc++): class
// templates, virtual dispatch, CRTP, constexpr evaluation, variadic
// templates, lambdas with captures, operator overloading.
//
// The test runtime does not run .init_array, so every global here is
// constant-initialised.
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern "C" void _exit(int);
extern "C" void __cxa_pure_virtual() { _exit(98); }

namespace {

template <typename T, size_t N>
class StaticVector {
 public:
  constexpr bool push(const T& v) {
    if (size_ == N) return false;
    data_[size_++] = v;
    return true;
  }
  constexpr size_t size() const { return size_; }
  constexpr T& operator[](size_t i) { return data_[i]; }
  constexpr const T& operator[](size_t i) const { return data_[i]; }
  constexpr T* begin() { return data_; }
  constexpr T* end() { return data_ + size_; }
  template <typename F>
  constexpr void sort(F less) {  // insertion sort
    for (size_t i = 1; i < size_; i++) {
      T v = data_[i];
      size_t j = i;
      while (j > 0 && less(v, data_[j - 1])) {
        data_[j] = data_[j - 1];
        j--;
      }
      data_[j] = v;
    }
  }

 private:
  T data_[N] = {};
  size_t size_ = 0;
};

// Compile-time work, checked at compile time and printed at run time.
constexpr uint64_t ct_fnv(const char* s) {
  uint64_t h = 0xcbf29ce484222325ull;
  while (*s) h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
  return h;
}
constexpr int ct_primes_below(int n) {
  int count = 0;
  for (int i = 2; i < n; i++) {
    bool prime = true;
    for (int d = 2; d * d <= i; d++) prime = prime && i % d != 0;
    count += prime;
  }
  return count;
}
constexpr StaticVector<int, 8> ct_sorted() {
  StaticVector<int, 8> v;
  const int init[] = {5, -3, 9, 0, 7, -8, 2, 2};
  for (int x : init) v.push(x);
  v.sort([](int a, int b) { return a < b; });
  return v;
}
static_assert(ct_primes_below(100) == 25);
static_assert(ct_sorted()[0] == -8 && ct_sorted()[7] == 9);
constexpr uint64_t kHash = ct_fnv("vcc");
constexpr int kPrimes = ct_primes_below(5000);

struct Shape {
  virtual int64_t area2() const = 0;  // twice the area, in integers
  virtual const char* name() const { return "shape"; }
  int64_t doubled() const { return 2 * area2(); }
};
struct Rect : Shape {
  int64_t w, h;
  constexpr Rect(int64_t w_, int64_t h_) : w(w_), h(h_) {}
  int64_t area2() const override { return 2 * w * h; }
  const char* name() const override { return "rect"; }
};
struct Triangle : Shape {
  int64_t b, h;
  constexpr Triangle(int64_t b_, int64_t h_) : b(b_), h(h_) {}
  int64_t area2() const override { return b * h; }
};
struct Square final : Rect {
  constexpr explicit Square(int64_t s) : Rect(s, s) {}
  const char* name() const override { return "square"; }
};

template <typename Derived>
struct Counter {
  int64_t total = 0;
  void add(int64_t v) { total += static_cast<Derived*>(this)->weight(v); }
};
struct Squares : Counter<Squares> {
  int64_t weight(int64_t v) const { return v * v; }
};
struct Cubes : Counter<Cubes> {
  int64_t weight(int64_t v) const { return v * v * v; }
};

template <typename... Ts>
constexpr auto sum(Ts... vs) {
  return (vs + ... + 0);
}

template <typename T>
struct Vec2 {
  T x, y;
  constexpr Vec2 operator+(Vec2 o) const { return {x + o.x, y + o.y}; }
  constexpr Vec2 operator*(T k) const { return {x * k, y * k}; }
  constexpr T dot(Vec2 o) const { return x * o.x + y * o.y; }
  constexpr bool operator==(const Vec2& o) const { return x == o.x && y == o.y; }
};

template <typename T, typename F>
T fold(const T* first, const T* last, T init, F f) {
  for (; first != last; ++first) init = f(init, *first);
  return init;
}

Rect g_rect(3, 4);
Triangle g_tri(5, 7);
Square g_square(6);

}  // namespace

int main() {
  printf("constexpr: fnv(vcc)=%016llx primes<5000=%d\n", (unsigned long long)kHash, kPrimes);
  constexpr auto sorted = ct_sorted();
  for (size_t i = 0; i < sorted.size(); i++) printf("%d%c", sorted[i], i + 1 == sorted.size() ? '\n' : ' ');

  const Shape* shapes[] = {&g_rect, &g_tri, &g_square, &g_tri, &g_rect};
  int64_t total = 0;
  for (const Shape* s : shapes) {
    printf("%s area2=%lld doubled=%lld\n", s->name(), (long long)s->area2(), (long long)s->doubled());
    total += s->area2();
  }
  printf("total area2=%lld\n", (long long)total);

  Squares sq;
  Cubes cu;
  for (int i = -50; i <= 50; i++) {
    sq.add(i);
    cu.add(i * 3 + 1);
  }
  printf("crtp squares=%lld cubes=%lld\n", (long long)sq.total, (long long)cu.total);
  printf("variadic sum=%lld %d\n", (long long)sum(1LL, 2, 3u, 40000000000LL), sum());

  Vec2<int64_t> a{3, -4}, b{10, 20};
  auto c = (a + b) * 7;
  printf("vec c=(%lld,%lld) dot=%lld eq=%d\n", (long long)c.x, (long long)c.y, (long long)a.dot(b),
         (int)(a + b == Vec2<int64_t>{13, 16}));

  StaticVector<uint32_t, 1000> v;
  uint32_t seed = 7;
  while (v.push(seed)) seed = seed * 1664525u + 1013904223u;
  int calls = 0;
  v.sort([&calls](uint32_t x, uint32_t y) {
    calls++;
    return (x % 1000) < (y % 1000) || ((x % 1000) == (y % 1000) && x < y);
  });
  uint64_t weight = 1;
  auto mix = [&weight](uint64_t h, uint32_t x) {
    weight += 2;
    return h * weight + x;
  };
  uint64_t h = fold<uint64_t>(nullptr, nullptr, 0, mix);
  for (uint32_t x : v) h = mix(h, x);
  printf("sorted %zu values with %d comparisons, hash %016llx, first %u last %u\n", v.size(), calls,
         (unsigned long long)h, v[0], v[v.size() - 1]);
  return 0;
}
