//===- Baseline.h - Known findings, for adopting acm-tidy gradually -------===//
//
// A baseline records the findings of a codebase at one point; later runs
// report only findings that are not in it. Findings are matched without
// line numbers or message text, on (file, enclosing function, check,
// finding kind, object name) as the checks give them, so edits elsewhere in
// a file, and a rewording of a message, do not turn known findings into new
// ones. Identical keys are counted: a second identical finding in the same
// function is new. Which of them is new is decided by where in its function
// each was recorded: the findings nearest to those lines are the known ones.
//
// Version 1 baselines (acm-tidy 0.1, which keyed findings on their message)
// are still read: their entries match any kind.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_BASELINE_H
#define ACM_TOOL_BASELINE_H

#include "Results.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace acm {

struct BaselineKey {
  std::string File; ///< Relative to the project root, with '/'.
  std::string Function;
  std::string Check;
  /// The finding's kind ("missing-exit"); "" in a version 1 baseline, where
  /// it matches any kind.
  std::string Kind;
  std::string Object;

  bool operator<(const BaselineKey &Other) const {
    return std::tie(File, Function, Check, Kind, Object) <
           std::tie(Other.File, Other.Function, Other.Check, Other.Kind,
                    Other.Object);
  }
};

/// The findings of a baseline: for each key, where each finding with that
/// key was when it was recorded (see placeInFunction()).
using Baseline = std::map<BaselineKey, std::vector<unsigned>>;

/// The line of finding \p R counted from the first line of its function
/// (its line when it is in none): what edits above the function leave
/// alone.
unsigned placeInFunction(const Result &R);

/// The key of finding \p R; \p Root is the canonical project root.
BaselineKey baselineKey(const Result &R, llvm::StringRef Root);

/// Writes the findings among \p Results as a baseline file.
void writeBaseline(llvm::ArrayRef<Result> Results, llvm::StringRef Root,
                   llvm::raw_ostream &OS);

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// Removes from \p Results the findings \p Known accounts for; returns how
/// many. \p Removed, when given, receives them in their order.
unsigned subtractBaseline(std::vector<Result> &Results, const Baseline &Known,
                          llvm::StringRef Root,
                          std::vector<Result> *Removed = nullptr);

} // namespace acm

#endif // ACM_TOOL_BASELINE_H
