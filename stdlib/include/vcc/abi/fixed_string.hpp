// Strings built at compile time: the canonical Solidity type names of C++
// types (`uint32[][]`, `(address,bytes)`) are concatenated from pieces in
// constant evaluation and live in static storage.
#pragma once

#include <cstddef>
#include <string_view>

namespace vcc::abi {

template <size_t N> struct FixedString {
  char chars[N + 1] = {};

  constexpr FixedString() = default;
  constexpr FixedString(const char (&text)[N + 1]) {
    for (size_t i = 0; i < N; ++i)
      chars[i] = text[i];
  }
  static constexpr size_t size() { return N; }
  constexpr std::string_view view() const { return std::string_view(chars, N); }
};
template <size_t M> FixedString(const char (&)[M]) -> FixedString<M - 1>;

template <size_t A, size_t B>
constexpr FixedString<A + B> operator+(const FixedString<A>& a, const FixedString<B>& b) {
  FixedString<A + B> result;
  for (size_t i = 0; i < A; ++i)
    result.chars[i] = a.chars[i];
  for (size_t i = 0; i < B; ++i)
    result.chars[A + i] = b.chars[i];
  return result;
}

namespace detail {

constexpr size_t decimalDigits(size_t value) {
  size_t digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

} // namespace detail

// The decimal spelling of V ("3" for T[3]).
template <size_t V> constexpr FixedString<detail::decimalDigits(V)> decimalString() {
  FixedString<detail::decimalDigits(V)> text;
  size_t value = V;
  for (size_t i = detail::decimalDigits(V); i-- > 0;) {
    text.chars[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return text;
}

// "a,b,c" from the given names (empty for none).
template <FixedString... Parts> constexpr auto joinWithCommas() {
  if constexpr (sizeof...(Parts) == 0) {
    return FixedString<0>();
  } else {
    constexpr size_t total = (Parts.size() + ...) + sizeof...(Parts) - 1;
    FixedString<total> result;
    size_t at = 0;
    bool first = true;
    auto append = [&](std::string_view part) {
      if (!first) result.chars[at++] = ',';
      first = false;
      for (char c : part)
        result.chars[at++] = c;
    };
    (append(Parts.view()), ...);
    return result;
  }
}

} // namespace vcc::abi
