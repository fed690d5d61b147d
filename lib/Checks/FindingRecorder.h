//===- FindingRecorder.h - What a diagnostic does not carry ---------------===//
//
// clang-tidy turns a finding into a diagnostic: a location and a message.
// A front end that needs more (acm-tidy's baselines and SARIF key a finding
// on its kind and the object it is about, which a rewording of the message
// must not change) installs a FindingRecorder on the thread that runs the
// checks; every acm check tells it of each finding it emits, as data.
//
// Checks room. This header needs no clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_CHECKS_FINDINGRECORDER_H
#define ACM_CHECKS_FINDINGRECORDER_H

#include "Analysis/Findings.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace acm {

/// A finding as a check emitted it. File and Offset are those clang-tidy
/// gives the diagnostic (the file location of the finding's location, its
/// file named as the source manager names it).
struct EmittedFinding {
  llvm::StringRef Check;
  std::string File;
  unsigned Offset = 0;
  std::string Message;
  FindingKind Kind;
  std::string Object;
};

class FindingRecorder {
public:
  virtual ~FindingRecorder();
  virtual void record(const EmittedFinding &F) = 0;
};

/// Makes \p Recorder hear the findings the acm checks emit on this thread
/// (null: none).
void setThreadFindingRecorder(FindingRecorder *Recorder);
FindingRecorder *threadFindingRecorder();

} // namespace acm

#endif // ACM_CHECKS_FINDINGRECORDER_H
