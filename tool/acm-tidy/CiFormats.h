//===- CiFormats.h - Outputs that CI systems read natively ----------------===//
//
// GitHub Actions workflow commands (annotations), GitLab Code Quality JSON
// and JUnit XML, written from the located results of a run.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_CIFORMATS_H
#define ACM_TOOL_CIFORMATS_H

#include "Reports.h"

#include "llvm/Support/raw_ostream.h"
#include <string>

namespace acm {

/// \p Text as the message of a GitHub workflow command: '%', CR and LF
/// percent-encoded.
std::string escapeGithubMessage(llvm::StringRef Text);

/// \p Text as a property value of a GitHub workflow command: as a message,
/// and ':' and ',' too, which separate the properties.
std::string escapeGithubProperty(llvm::StringRef Text);

/// \p Text as an XML attribute value in quotes, or as character data
/// (where line feeds and tabs stay as they are). Bytes XML 1.0 does not
/// allow (control characters other than tab, LF and CR) become '?'.
std::string escapeXml(llvm::StringRef Text, bool ForAttribute = true);

/// The message of \p R with its notes appended, for formats without a
/// place for notes: "... (note: 'tx' entered here at src/a.cpp:37)".
std::string messageWithNotes(const Result &R, const ReportOptions &Options);

/// One GitHub workflow command per diagnostic: "::warning file=F,line=L,
/// col=C,title=CHECK::MESSAGE", "::error ..." for errors.
void writeGithub(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
                 llvm::raw_ostream &OS);

/// A GitLab Code Quality report: a JSON array of issues. Diagnostics without
/// a file (some configuration problems) are left out: the report has no
/// place for them.
void writeGitlab(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
                 llvm::raw_ostream &OS);

/// A JUnit XML report: one test case per file of \p CheckedFiles and per
/// other file with a finding (a header), with a failure per finding and an
/// error per compile error; problems without a file in a test case of
/// their own.
void writeJunit(llvm::ArrayRef<Result> Results,
                llvm::ArrayRef<std::string> CheckedFiles,
                const ReportOptions &Options, llvm::raw_ostream &OS);

} // namespace acm

#endif // ACM_TOOL_CIFORMATS_H
