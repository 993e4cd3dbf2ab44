// std::to_string and std::sto*: declared by <string>, defined by libc++.so
// on a host. Same results as libc++ 19: integers in decimal, floating point
// through "%f", parse errors through libc++'s (no-exceptions) throw path,
// which ends in __libcpp_verbose_abort. long double is not supported
// (SPEC §4), so its overloads are left undefined: using them fails to link.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <charconv>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

_LIBCPP_BEGIN_NAMESPACE_STD

namespace {

template <class Integer>
string integerToString(Integer value) {
  char digits[24];
  auto result = std::to_chars(digits, digits + sizeof digits, value);
  return string(digits, result.ptr);
}

string floatingToString(double value) {
  char text[400];  // "%f" of DBL_MAX has 316 characters
  int length = snprintf(text, sizeof text, "%f", value);
  return string(text, static_cast<size_t>(length));
}

template <class Result, class Parse>
Result parse(const char* name, const string& text, size_t* index, Parse parseText) {
  const char* begin = text.c_str();
  char* end = nullptr;
  int savedErrno = errno;
  errno = 0;
  auto value = parseText(begin, &end);
  int parseErrno = errno;
  errno = savedErrno;
  if (end == begin) __throw_invalid_argument((string(name) + ": no conversion").c_str());
  bool outOfRange = parseErrno == ERANGE;
  if constexpr (is_integral_v<Result>)  // stoi narrows strtol's long
    outOfRange = outOfRange || value < numeric_limits<Result>::min() || value > numeric_limits<Result>::max();
  if (outOfRange) __throw_out_of_range((string(name) + ": out of range").c_str());
  if (index) *index = static_cast<size_t>(end - begin);
  return static_cast<Result>(value);
}

}  // namespace

string to_string(int value) { return integerToString(value); }
string to_string(unsigned value) { return integerToString(value); }
string to_string(long value) { return integerToString(value); }
string to_string(unsigned long value) { return integerToString(value); }
string to_string(long long value) { return integerToString(value); }
string to_string(unsigned long long value) { return integerToString(value); }
string to_string(float value) { return floatingToString(value); }
string to_string(double value) { return floatingToString(value); }

int stoi(const string& text, size_t* index, int base) {
  return parse<int>("stoi", text, index, [base](const char* b, char** e) { return strtol(b, e, base); });
}
long stol(const string& text, size_t* index, int base) {
  return parse<long>("stol", text, index, [base](const char* b, char** e) { return strtol(b, e, base); });
}
unsigned long stoul(const string& text, size_t* index, int base) {
  return parse<unsigned long>("stoul", text, index,
                              [base](const char* b, char** e) { return strtoul(b, e, base); });
}
long long stoll(const string& text, size_t* index, int base) {
  return parse<long long>("stoll", text, index,
                          [base](const char* b, char** e) { return strtoll(b, e, base); });
}
unsigned long long stoull(const string& text, size_t* index, int base) {
  return parse<unsigned long long>("stoull", text, index,
                                   [base](const char* b, char** e) { return strtoull(b, e, base); });
}
float stof(const string& text, size_t* index) {
  return parse<float>("stof", text, index, [](const char* b, char** e) { return strtof(b, e); });
}
double stod(const string& text, size_t* index) {
  return parse<double>("stod", text, index, [](const char* b, char** e) { return strtod(b, e); });
}

_LIBCPP_END_NAMESPACE_STD
