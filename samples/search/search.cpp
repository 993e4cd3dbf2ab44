// A search engine: BM25 ranking over an inverted index that lives in the
// data store, read through the data oracle by its data root (SPEC §3.4),
// never compiled into the image. make_index.py builds the index offline;
// the README gives its format byte by byte.
//
//   search(bytes32 index, string query, uint32 k) -> (uint32,uint64)[]
//       the k best documents for the query: (document id, score × 10^6
//       rounded), best first, ties broken by the smaller id
//   documentFrequency(bytes32 index, string term) -> uint32
//       how many documents hold the term (0 if none)
//   documentCount(bytes32 index) -> uint32
//
// An index whose header or sizes are wrong gives empty results, never a
// trap: the service reads only what the header says is there.
#include <vcc/math.hpp>
#include <vcc/oracle.hpp>
#include <vcc/service.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

namespace {

constexpr uint32_t kMagic = 0x31585356;  // "VSX1" little-endian
constexpr size_t kHeaderBytes = 32;
constexpr size_t kTermBytes = 24;         // a term's bytes, zero-padded
constexpr size_t kEntryBytes = 32;        // term, first posting, df
constexpr size_t kPostingBytes = 12;      // document id, tf, document length
constexpr size_t kMaxQueryTerms = 32;
constexpr uint32_t kMaxResults = 1000;
constexpr uint32_t kMaxDocuments = 1u << 24;
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

struct Header {
  uint32_t documents = 0, terms = 0;
  uint64_t totalLength = 0;
  uint64_t postingsAt = 0;  // byte offset of the first posting
};

uint32_t load32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint64_t load64(const uint8_t* p) { return uint64_t{load32(p)} | uint64_t{load32(p + 4)} << 32; }

bool readHeader(const vcc::oracle::Key& key, Header& header) {
  uint8_t raw[kHeaderBytes];
  if (vcc::oracle::read(key, 0, raw) != kHeaderBytes || load32(raw) != kMagic) return false;
  header.documents = load32(raw + 4);
  header.terms = load32(raw + 8);
  header.totalLength = load64(raw + 16);
  header.postingsAt = kHeaderBytes + uint64_t{header.terms} * kEntryBytes;
  return header.documents != 0 && header.documents <= kMaxDocuments && header.totalLength != 0 &&
         vcc::oracle::size(key) >= header.postingsAt;
}

// Lowercase ASCII letters and digits; everything else separates terms.
// Terms longer than kTermBytes are cut to it (as make_index.py does). The
// first kMaxQueryTerms distinct terms, in order.
std::vector<std::string> tokenize(const std::string& text) {
  std::vector<std::string> terms;
  std::string current;
  auto flush = [&] {
    if (!current.empty() && terms.size() < kMaxQueryTerms &&
        std::find(terms.begin(), terms.end(), current) == terms.end())
      terms.push_back(current);
    current.clear();
  };
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (current.size() < kTermBytes) current.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return terms;
}

struct TermEntry {
  uint32_t firstPosting = 0, documentFrequency = 0;
};

// Binary search of the sorted term table: one 32-byte entry per probe.
bool findTerm(const vcc::oracle::Key& key, const Header& header, const std::string& term, TermEntry& found) {
  uint8_t wanted[kTermBytes] = {};
  std::memcpy(wanted, term.data(), term.size());
  uint32_t low = 0, high = header.terms;
  while (low < high) {
    uint32_t middle = low + (high - low) / 2;
    uint8_t entry[kEntryBytes];
    if (vcc::oracle::read(key, kHeaderBytes + uint64_t{middle} * kEntryBytes, entry) != kEntryBytes) return false;
    int order = std::memcmp(entry, wanted, kTermBytes);
    if (order == 0) {
      found.firstPosting = load32(entry + 24);
      found.documentFrequency = load32(entry + 28);
      return true;
    }
    if (order < 0) low = middle + 1; else high = middle;
  }
  return false;
}

}  // namespace

VCC_METHOD uint32_t documentCount(vcc::bytes32 index) {
  Header header;
  return readHeader(vcc::oracle::keyOf(index), header) ? header.documents : 0;
}

VCC_METHOD uint32_t documentFrequency(vcc::bytes32 index, std::string term) {
  const vcc::oracle::Key key = vcc::oracle::keyOf(index);
  Header header;
  std::vector<std::string> terms = tokenize(term);
  TermEntry entry;
  if (!readHeader(key, header) || terms.size() != 1 || !findTerm(key, header, terms[0], entry)) return 0;
  return entry.documentFrequency;
}

VCC_METHOD std::vector<std::tuple<uint32_t, uint64_t>> search(vcc::bytes32 index, std::string query, uint32_t k) {
  std::vector<std::tuple<uint32_t, uint64_t>> results;
  const vcc::oracle::Key key = vcc::oracle::keyOf(index);
  Header header;
  if (k == 0 || !readHeader(key, header)) return results;
  k = std::min(k, kMaxResults);
  const std::vector<std::string> terms = tokenize(query);

  const uint64_t blobSize = vcc::oracle::size(key);
  const double documents = header.documents;
  const double averageLength = static_cast<double>(header.totalLength) / documents;
  std::vector<double> scores(header.documents, 0.0);
  std::vector<uint8_t> touched(header.documents, 0);
  std::vector<uint8_t> postings;
  for (const std::string& term : terms) {
    TermEntry entry;
    if (!findTerm(key, header, term, entry) || entry.documentFrequency == 0) continue;
    const uint64_t at = header.postingsAt + uint64_t{entry.firstPosting} * kPostingBytes;
    const uint64_t length = uint64_t{entry.documentFrequency} * kPostingBytes;
    if (entry.documentFrequency > header.documents || at > blobSize || length > blobSize - at) return {};
    postings.resize(length);
    if (vcc::oracle::read(key, at, postings) != length) return {};
    const double df = entry.documentFrequency;
    const double idf = vcc::math::log(1.0 + (documents - df + 0.5) / (df + 0.5));
    for (uint64_t p = 0; p < length; p += kPostingBytes) {
      const uint32_t document = load32(&postings[p]);
      if (document >= header.documents) return {};
      const double tf = load32(&postings[p + 4]);
      const double documentLength = load32(&postings[p + 8]);
      const double norm = kK1 * (1.0 - kB + kB * documentLength / averageLength);
      scores[document] += idf * (tf * (kK1 + 1.0)) / (tf + norm);
      touched[document] = 1;
    }
  }

  std::vector<uint32_t> candidates;
  for (uint32_t d = 0; d < header.documents; ++d)
    if (touched[d]) candidates.push_back(d);
  auto better = [&](uint32_t a, uint32_t b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a < b; };
  const size_t keep = std::min<size_t>(k, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(keep), candidates.end(), better);
  for (size_t i = 0; i < keep; ++i) {
    const uint32_t d = candidates[i];
    results.emplace_back(d, static_cast<uint64_t>(scores[d] * 1e6 + 0.5));
  }
  return results;
}
