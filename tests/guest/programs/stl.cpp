// STL-heavy guest: containers, strings, algorithms and vocabulary types
// from libc++'s headers, as the guest runtime configures them.
#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <queue>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace {

uint64_t lcg(uint64_t& state) {
  state = state * 6364136223846793005ull + 1442695040888963407ull;
  return state >> 33;
}

void vectorsAndAlgorithms() {
  uint64_t state = 42;
  std::vector<int> values(1000);
  for (int& v : values) v = static_cast<int>(lcg(state) % 10000) - 5000;
  std::vector<int> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::printf("sort: min %d max %d median %d sorted %d\n", sorted.front(), sorted.back(),
              sorted[sorted.size() / 2], std::is_sorted(sorted.begin(), sorted.end()) ? 1 : 0);

  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < 200; ++i) pairs.emplace_back(static_cast<int>(lcg(state) % 10), i);
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  long order = 0;
  for (size_t i = 0; i < pairs.size(); ++i) order = order * 31 + pairs[i].second;
  std::printf("stable_sort: first %d/%d last %d/%d hash %ld\n", pairs.front().first,
              pairs.front().second, pairs.back().first, pairs.back().second, order);

  std::vector<int> copy = values;
  std::nth_element(copy.begin(), copy.begin() + 10, copy.end());
  std::printf("nth_element(10): %d\n", copy[10]);
  std::printf("accumulate: %ld\n", std::accumulate(values.begin(), values.end(), 0L));
  std::vector<int> iota(10);
  std::iota(iota.begin(), iota.end(), 1);
  std::printf("inner_product: %d\n", std::inner_product(iota.begin(), iota.end(), iota.begin(), 0));
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  std::printf("minmax: %d %d count(>0): %ld\n", *lo, *hi,
              static_cast<long>(std::count_if(values.begin(), values.end(), [](int v) { return v > 0; })));
  std::vector<double> doubles{3.5, -1.25, 2.0, 0.0, -0.0, 1e10, -7.75};
  std::sort(doubles.begin(), doubles.end());
  std::printf("sorted doubles:");
  for (double d : doubles) std::printf(" %g", d);
  std::printf("\n");
  std::vector<int> unique{1, 1, 2, 3, 3, 3, 4};
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::printf("unique size %zu, binary_search(3) %d\n", unique.size(),
              std::binary_search(unique.begin(), unique.end(), 3) ? 1 : 0);
}

void strings() {
  std::string text = "The quick brown fox";
  text += " jumps over the lazy dog";
  std::string_view view = text;
  std::printf("string: %zu chars, find(fox) %zu, rfind(the) %zu\n", text.size(), view.find("fox"),
              view.rfind("the"));
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::sort(words.begin(), words.end());
  std::string joined;
  for (const std::string& w : words) joined += w + ",";
  std::printf("words: %s\n", joined.c_str());
  std::string number = std::to_string(-1234567) + "/" + std::to_string(42u) + "/" + std::to_string(2.5);
  std::printf("to_string: %s, stoi %d, stol %ld, stod %g\n", number.c_str(), std::stoi("-77"),
              std::stol("0x1f", nullptr, 16), std::stod("3.25e2"));
  std::string big(1000, 'x');
  big.replace(10, 5, "hello");
  std::printf("big: %zu %s\n", big.size(), big.substr(8, 9).c_str());
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%05d|%-6s|%x|%.3f", 42, "ab", 255u, 3.14159);
  std::printf("snprintf: %s\n", buffer);
  std::printf("memcmp: %d strlen: %zu\n", std::memcmp("abc", "abd", 3) < 0 ? -1 : 1, std::strlen(buffer));
  errno = 0;  // thread-local in picolibc: this checks the TLS set-up
  long clamped = std::strtol("99999999999999999999", nullptr, 10);
  std::printf("strtol overflow: %ld errno ERANGE %d\n", clamped, errno == ERANGE ? 1 : 0);
}

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
};
struct Square : Shape {
  explicit Square(double s) : side(s) {}
  double area() const override { return side * side; }
  double side;
};

void vocabularyTypes() {
  std::optional<int> none;
  std::optional<int> some = 7;
  std::printf("optional: %d %d %d\n", none.value_or(-1), *some, some.has_value() ? 1 : 0);

  std::vector<std::variant<int, double, std::string>> items{1, 2.5, std::string("three")};
  for (const auto& item : items) {
    std::visit(
        [](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, int>) std::printf("variant int %d\n", v);
          else if constexpr (std::is_same_v<T, double>) std::printf("variant double %g\n", v);
          else std::printf("variant string %s\n", v.c_str());
        },
        item);
  }

  std::array<uint32_t, 8> numbers{1, 2, 3, 4, 5, 6, 7, 8};
  std::span<uint32_t> all(numbers);
  std::span<uint32_t> middle = all.subspan(2, 4);
  uint32_t sum = 0;
  for (uint32_t n : middle) sum += n;
  std::printf("span: size %zu sum %u\n", middle.size(), sum);

  auto tuple = std::make_tuple(1, std::string("two"), 3.0);
  auto& [a, b, c] = tuple;
  std::printf("tuple: %d %s %g size %zu\n", a, b.c_str(), c, std::tuple_size_v<decltype(tuple)>);

  std::printf("bit: popcount %d countl_zero %d bit_width %d rotl %08x bit_cast %016llx\n",
              std::popcount(0xF0F0u), std::countl_zero(uint32_t{1}), std::bit_width(1000u),
              std::rotl(0x12345678u, 8),
              static_cast<unsigned long long>(std::bit_cast<uint64_t>(1.0)));

  std::unique_ptr<Shape> shape = std::make_unique<Square>(3.0);
  std::shared_ptr<Shape> shared = std::make_shared<Square>(2.0);
  std::shared_ptr<Shape> alias = shared;
  std::weak_ptr<Shape> weak = shared;
  std::printf("unique_ptr area %g shared area %g use_count %ld\n", shape->area(), alias->area(),
              shared.use_count());
  alias.reset();
  shared.reset();
  std::printf("weak expired %d\n", weak.expired() ? 1 : 0);

  std::function<int(int)> square = [](int x) { return x * x; };
  std::function<int(int)> twice = [square](int x) { return square(x) * 2; };
  std::printf("function: %d\n", twice(5));

  std::map<std::string, int> ordered;
  for (const char* word : {"pear", "apple", "fig", "apple", "kiwi"}) ++ordered[word];
  std::string listing;
  for (const auto& [word, count] : ordered) listing += word + "=" + std::to_string(count) + " ";
  std::printf("map: %s\n", listing.c_str());

  std::set<std::string> unique{"b", "a", "b"};
  std::deque<int> deque{1, 2, 3};
  deque.push_front(0);
  deque.pop_back();
  std::list<int> list{5, 3, 4};
  list.sort();
  std::priority_queue<int> heap;
  for (int v : {4, 9, 1}) heap.push(v);
  std::bitset<100> bits;
  bits.set(3).set(70).flip(99);
  std::printf("set %zu %s, deque %d..%d, list %d, heap %d, bitset %zu %d\n", unique.size(),
              unique.begin()->c_str(), deque.front(), deque.back(), list.front(), heap.top(),
              bits.count(), bits.test(70) ? 1 : 0);

  std::unordered_map<int, int> lookup;
  for (int i = 0; i < 100; ++i) lookup[i * 7] = i;
  std::printf("unordered_map: size %zu find(140) %d contains(141) %d buckets %zu\n", lookup.size(),
              lookup.at(140), lookup.count(141) ? 1 : 0, lookup.bucket_count());
}

}  // namespace

int main() {
  vectorsAndAlgorithms();
  strings();
  vocabularyTypes();
  return 0;
}
