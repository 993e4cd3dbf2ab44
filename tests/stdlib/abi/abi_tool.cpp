// The C++ side of the ethers.js differential test (js/abi_differential.mjs).
// Argument lists are the fixed set of random_types.hpp; values travel as JSON
// in its conventions, encodings as "0x" hex. One JSON object per line.
//
//   abi_tool types               every argument list:
//                                {"index","types":[...],"signature","selector"}
//   abi_tool random N SEED       N cases of C++-drawn values over all lists:
//                                {"index","values":[...],"hex"}
//   abi_tool encode              reads {"index","values"} lines, writes {"hex"}
//                                (or {"error":"bad values"})
//   abi_tool decode              reads {"index","hex"} lines, writes
//                                {"ok":true,"values":[...],"hex":REENCODED} or
//                                {"ok":false,"error":NAME,"position":N}
//   abi_tool selector            reads signature lines, writes "0x…" selectors
//   abi_tool seeds DIR N SEED    N fuzzer seed files in DIR: the argument-list
//                                index byte, then a random encoding
//
// Exit status 2 on bad usage or a malformed request line.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "random_types.hpp"

namespace {

using abitest::argumentLists;
using abitest::Json;

std::string hex(const std::vector<uint8_t>& data) {
  std::string text = "0x";
  vcc::detail::appendHex(text, data.data(), data.size());
  return text;
}

std::string selectorHex(vcc::abi::Selector selector) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", selector);
  return text;
}

[[noreturn]] void badRequest(const std::string& line) {
  std::cerr << "abi_tool: bad request line: " << line << "\n";
  std::exit(2);
}

// The request's "index" member, checked against the table.
const abitest::ArgumentListOps& listOf(const Json& request, const std::string& line) {
  const Json* index = request.find("index");
  if (index == nullptr || index->kind != Json::Number) badRequest(line);
  size_t value = std::strtoull(index->text.c_str(), nullptr, 10);
  if (value >= argumentLists().size()) badRequest(line);
  return argumentLists()[value];
}

Json parseLine(const std::string& line) {
  Json request;
  if (!abitest::JsonParser(line).parse(request) || request.kind != Json::Object) badRequest(line);
  return request;
}

void printTypes() {
  for (size_t i = 0; i < argumentLists().size(); ++i) {
    const auto& list = argumentLists()[i];
    std::string out = "{\"index\":" + std::to_string(i) + ",\"types\":[";
    for (size_t t = 0; t < list.typeNames.size(); ++t)
      out += (t ? ",\"" : "\"") + list.typeNames[t] + "\"";
    out += "],\"signature\":\"" + list.signature + "\",\"selector\":\"" +
           selectorHex(list.selector) + "\"}";
    std::cout << out << "\n";
  }
}

void printRandom(size_t count, uint64_t seed) {
  abitest::Rng rng{seed};
  for (size_t i = 0; i < count; ++i) {
    size_t index = i % argumentLists().size();
    std::string json;
    std::vector<uint8_t> encoding;
    argumentLists()[index].random(rng, json, encoding);
    std::cout << "{\"index\":" << index << ",\"values\":" << json << ",\"hex\":\"" << hex(encoding)
              << "\"}\n";
  }
}

void encodeLines() {
  std::string line;
  while (std::getline(std::cin, line)) {
    Json request = parseLine(line);
    const Json* values = request.find("values");
    if (values == nullptr) badRequest(line);
    std::vector<uint8_t> encoding;
    if (listOf(request, line).encode(*values, encoding)) {
      std::cout << "{\"hex\":\"" << hex(encoding) << "\"}\n";
    } else {
      std::cout << "{\"error\":\"bad values\"}\n";
    }
  }
}

void decodeLines() {
  std::string line;
  while (std::getline(std::cin, line)) {
    Json request = parseLine(line);
    const Json* text = request.find("hex");
    std::vector<uint8_t> data;
    if (text == nullptr || !abitest::hexBytes(*text, data)) badRequest(line);
    std::string json;
    std::vector<uint8_t> reencoded;
    vcc::abi::Error error = listOf(request, line).decode(data, json, reencoded);
    if (error.ok()) {
      std::cout << "{\"ok\":true,\"values\":" << json << ",\"hex\":\"" << hex(reencoded) << "\"}\n";
    } else {
      std::cout << "{\"ok\":false,\"error\":\"" << vcc::abi::errorName(error.code)
                << "\",\"position\":" << error.position << "}\n";
    }
  }
}

void selectorLines() {
  std::string line;
  while (std::getline(std::cin, line))
    std::cout << selectorHex(vcc::abi::selector(line)) << "\n";
}

void writeSeeds(const std::string& directory, size_t count, uint64_t seed) {
  abitest::Rng rng{seed};
  for (size_t i = 0; i < count; ++i) {
    size_t index = i % argumentLists().size();
    std::string json;
    std::vector<uint8_t> encoding;
    argumentLists()[index].random(rng, json, encoding);
    encoding.insert(encoding.begin(), static_cast<uint8_t>(index));
    std::string path = directory + "/seed-" + std::to_string(i);
    FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr ||
        std::fwrite(encoding.data(), 1, encoding.size(), file) != encoding.size()) {
      std::perror(path.c_str());
      std::exit(2);
    }
    std::fclose(file);
  }
}

int usage() {
  std::cerr
      << "usage: abi_tool types | random N SEED | encode | decode | selector | seeds DIR N SEED\n";
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) return usage();
  std::string command = argv[1];
  if (command == "types" && argc == 2) {
    printTypes();
  } else if (command == "random" && argc == 4) {
    printRandom(std::strtoull(argv[2], nullptr, 10), std::strtoull(argv[3], nullptr, 10));
  } else if (command == "encode" && argc == 2) {
    encodeLines();
  } else if (command == "decode" && argc == 2) {
    decodeLines();
  } else if (command == "selector" && argc == 2) {
    selectorLines();
  } else if (command == "seeds" && argc == 5) {
    writeSeeds(argv[2], std::strtoull(argv[3], nullptr, 10), std::strtoull(argv[4], nullptr, 10));
  } else {
    return usage();
  }
  std::cout.flush();
  return 0;
}
