//===- Nesting.cpp --------------------------------------------------------===//

#include "Nesting.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

namespace acm {

bool jsonNestsDeeperThan(llvm::StringRef Text, unsigned Limit) {
  unsigned Depth = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '"') {
      // To the closing quote; a backslash escapes the next character.
      for (++I; I < Text.size() && Text[I] != '"'; ++I)
        if (Text[I] == '\\')
          ++I;
    } else if (C == '[' || C == '{') {
      if (++Depth > Limit)
        return true;
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return false;
}

bool yamlNestsDeeperThan(llvm::StringRef Text, unsigned Limit) {
  // A block collection opens with more indentation, or with an entry on the
  // line ("- - x", "a: - b", "? x"): a line is in at most as many as it has
  // columns of indentation and such indicators, plus one. Quotes are not
  // followed, so that no string or comment can hide a level.
  unsigned Flow = 0;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    size_t Column = Line.find_first_not_of(" \t");
    if (Column == llvm::StringRef::npos)
      continue;
    size_t Block = Column + 1;
    for (size_t I = Column; I < Line.size(); ++I) {
      char C = Line[I];
      if ((C == '-' || C == '?' || C == ':') &&
          (I + 1 == Line.size() || llvm::isSpace(Line[I + 1])))
        ++Block;
      else if (C == '[' || C == '{')
        ++Flow;
      else if ((C == ']' || C == '}') && Flow)
        --Flow;
      if (Block + Flow > Limit)
        return true;
    }
    if (Block + Flow > Limit)
      return true;
  }
  return false;
}

std::string yamlNestingProblem(llvm::StringRef Text) {
  if (!yamlNestsDeeperThan(Text, MaxNestingDepth))
    return "";
  return llvm::formatv("it nests more than {0} levels deep", MaxNestingDepth);
}

} // namespace acm
