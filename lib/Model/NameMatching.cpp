//===- NameMatching.cpp ---------------------------------------------------===//

#include "Model/NameMatching.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclBase.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace acm {

namespace {

/// Drops template argument lists so "ns::Box<int>::close" matches the
/// configured "ns::Box::close".
std::string withoutTemplateArgs(StringRef Name) {
  std::string Out;
  Out.reserve(Name.size());
  int Depth = 0;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    // Keep operator names such as "operator<" intact; "my_operator<T>" is
    // a template.
    if ((I == 0 || Name[I - 1] == ':') &&
        Name.substr(I).starts_with("operator")) {
      size_t End = I + 8;
      while (End < Name.size() && !isalnum(Name[End]) && Name[End] != '_' &&
             Name[End] != ':')
        ++End;
      if (Depth == 0)
        Out.append(Name.substr(I, End - I).str());
      I = End - 1;
      continue;
    }
    if (C == '<') {
      ++Depth;
      continue;
    }
    if (C == '>' && Depth > 0) {
      --Depth;
      continue;
    }
    if (Depth == 0)
      Out.push_back(C);
  }
  return Out;
}

} // namespace

bool matchesQualifiedName(StringRef QualifiedName,
                          const std::vector<std::string> &Patterns) {
  if (Patterns.empty())
    return false;
  std::string Name = withoutTemplateArgs(QualifiedName);
  StringRef N(Name);
  for (StringRef Pattern : Patterns) {
    if (Pattern.consume_front("::")) {
      if (N == Pattern)
        return true;
      continue;
    }
    if (N == Pattern)
      return true;
    if (N.size() > Pattern.size() + 2 && N.ends_with(Pattern) &&
        N.drop_back(Pattern.size()).ends_with("::"))
      return true;
  }
  return false;
}

bool hasAnnotation(const Decl *D, StringRef Annotation) {
  if (!D)
    return false;
  for (const auto *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == Annotation)
      return true;
  return false;
}

} // namespace acm
