#include "dependency_file.hpp"

namespace vcc::driver {

std::vector<std::string> parseDependencyFile(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool inWord = false;
  auto finish = [&] {
    if (inWord) words.push_back(word);
    word.clear();
    inWord = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      char next = text[i + 1];
      if (next == '\n') {  // a line continuation
        finish();
        ++i;
        continue;
      }
      if (next == '\r' && i + 2 < text.size() && text[i + 2] == '\n') {
        finish();
        i += 2;
        continue;
      }
      if (next == ' ' || next == '#') {
        word += next;
        inWord = true;
        ++i;
        continue;
      }
    }
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      word += '$';
      inWord = true;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      finish();
      continue;
    }
    word += c;
    inWord = true;
  }
  finish();
  // Targets end in ':' (or are followed by a lone ':'): drop them.
  std::vector<std::string> prerequisites;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == ":") continue;
    if (words[i].back() == ':') continue;
    if (i + 1 < words.size() && words[i + 1] == ":") continue;
    prerequisites.push_back(words[i]);
  }
  return prerequisites;
}

}  // namespace vcc::driver
