// Explicit instantiations that libc++'s headers declare `extern template`
// and that libc++.so provides on a host: the std::string members and the
// std::sort kernels for arithmetic types. They are the headers' own code,
// instantiated here exactly as libc++'s src/string.cpp and
// src/algorithm.cpp do, so the guest sorts and concatenates like a host
// using libc++ 19.
#include <algorithm>
#include <string>

_LIBCPP_BEGIN_NAMESPACE_STD

#define VCC_INSTANTIATE(...) template __VA_ARGS__;
#ifdef _LIBCPP_ABI_STRING_OPTIMIZED_EXTERNAL_INSTANTIATION
_LIBCPP_STRING_UNSTABLE_EXTERN_TEMPLATE_LIST(VCC_INSTANTIATE, char)
#else
_LIBCPP_STRING_V1_EXTERN_TEMPLATE_LIST(VCC_INSTANTIATE, char)
#endif
#undef VCC_INSTANTIATE

template string operator+ <char, char_traits<char>, allocator<char>>(char const*, string const&);

// As in libc++ 19's src/algorithm.cpp: the comparator argument is only a
// tag; the kernel is introsort with ranges::less.
template <class Compare, class RandomAccessIterator>
void __sort(RandomAccessIterator first, RandomAccessIterator last, Compare) {
  auto depthLimit = 2 * std::__log2i(last - first);
  std::__introsort<_ClassicAlgPolicy, ranges::less, RandomAccessIterator,
                   __use_branchless_sort<ranges::less, RandomAccessIterator>::value>(
      first, last, ranges::less{}, depthLimit);
}

template void __sort<__less<char>&, char*>(char*, char*, __less<char>&);
template void __sort<__less<signed char>&, signed char*>(signed char*, signed char*, __less<signed char>&);
template void __sort<__less<unsigned char>&, unsigned char*>(unsigned char*, unsigned char*,
                                                              __less<unsigned char>&);
template void __sort<__less<short>&, short*>(short*, short*, __less<short>&);
template void __sort<__less<unsigned short>&, unsigned short*>(unsigned short*, unsigned short*,
                                                                __less<unsigned short>&);
template void __sort<__less<int>&, int*>(int*, int*, __less<int>&);
template void __sort<__less<unsigned>&, unsigned*>(unsigned*, unsigned*, __less<unsigned>&);
template void __sort<__less<long>&, long*>(long*, long*, __less<long>&);
template void __sort<__less<unsigned long>&, unsigned long*>(unsigned long*, unsigned long*,
                                                              __less<unsigned long>&);
template void __sort<__less<long long>&, long long*>(long long*, long long*, __less<long long>&);
template void __sort<__less<unsigned long long>&, unsigned long long*>(unsigned long long*,
                                                                        unsigned long long*,
                                                                        __less<unsigned long long>&);
template void __sort<__less<float>&, float*>(float*, float*, __less<float>&);
template void __sort<__less<double>&, double*>(double*, double*, __less<double>&);

_LIBCPP_END_NAMESPACE_STD
