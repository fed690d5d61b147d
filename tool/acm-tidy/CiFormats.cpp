//===- CiFormats.cpp ------------------------------------------------------===//

#include "CiFormats.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MD5.h"
#include <map>

namespace json = llvm::json;
using llvm::StringRef;

namespace acm {

std::string escapeGithubMessage(StringRef Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '%':
      Out += "%25";
      break;
    case '\r':
      Out += "%0D";
      break;
    case '\n':
      Out += "%0A";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string escapeGithubProperty(StringRef Text) {
  std::string Out;
  for (char C : escapeGithubMessage(Text)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

std::string escapeXml(StringRef Text, bool ForAttribute) {
  std::string Out;
  for (char C : Text) {
    // Element text keeps its line breaks and tabs as they are.
    if (!ForAttribute && (C == '\n' || C == '\t')) {
      Out += C;
      continue;
    }
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&apos;";
      break;
    // Line breaks would be normalized to spaces in attribute values.
    case '\n':
      Out += "&#10;";
      break;
    case '\r':
      Out += "&#13;";
      break;
    case '\t':
      Out += "&#9;";
      break;
    default:
      if (static_cast<unsigned char>(C) < 0x20 || C == 0x7f)
        Out += '?';
      else
        Out += C;
    }
  }
  return Out;
}

namespace {

/// "file:line", or "file" when the line is unknown.
std::string place(const Located &L, const ReportOptions &Options) {
  std::string Out = reportPath(L.File, Options);
  if (L.Pos.Line)
    Out += ":" + std::to_string(L.Pos.Line);
  return Out;
}

/// "file:line:col: level: message [check]", as clang prints a diagnostic.
std::string diagnosticLine(const Located &L, StringRef Level, StringRef Check,
                           const ReportOptions &Options) {
  std::string Out;
  if (!L.File.empty()) {
    Out += reportPath(L.File, Options) + ":";
    if (L.Pos.Line)
      Out += llvm::formatv("{0}:{1}:", L.Pos.Line, L.Pos.Column).str();
    Out += " ";
  }
  Out += (Level + ": " + L.Message).str();
  if (!Check.empty())
    Out += (" [" + Check + "]").str();
  return Out;
}

} // namespace

std::string messageWithNotes(const Result &R, const ReportOptions &Options) {
  std::string Out = R.Main.Message;
  std::string Notes;
  for (const Located &Note : R.Notes) {
    Notes += Notes.empty() ? "" : "; ";
    Notes += "note: " + Note.Message;
    if (!Note.File.empty())
      Notes += " at " + place(Note, Options);
  }
  if (!Notes.empty())
    Out += " (" + Notes + ")";
  return Out;
}

void writeGithub(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
                 llvm::raw_ostream &OS) {
  for (const Result &R : Results) {
    // A warning treated as an error fails the run: an error annotation.
    OS << "::" << R.level() << " ";
    if (!R.Main.File.empty()) {
      OS << "file=" << escapeGithubProperty(reportPath(R.Main.File, Options));
      if (R.Main.Pos.Line)
        OS << ",line=" << R.Main.Pos.Line << ",col=" << R.Main.Pos.Column;
      OS << ",";
    }
    OS << "title=" << escapeGithubProperty(R.check())
       << "::" << escapeGithubMessage(messageWithNotes(R, Options)) << "\n";
  }
}

namespace {

/// GitLab's severities are info, minor, major, critical and blocker.
StringRef gitlabSeverity(const Result &R) {
  if (!R.isFinding())
    return "blocker"; // The file was not (fully) checked.
  return R.level() == "error" ? "critical" : "major";
}

/// A fingerprint for what is not a finding (a compile error): its check,
/// file, line and message.
std::string errorFingerprint(const Result &R, const ReportOptions &Options) {
  llvm::MD5 Hash;
  std::string Path = reportPath(R.Main.File, Options);
  std::string Line = std::to_string(R.Main.Pos.Line);
  for (StringRef Part :
       {R.check(), StringRef(Path), StringRef(Line), StringRef(R.Main.Message)}) {
    Hash.update(Part);
    Hash.update(StringRef("\0", 1));
  }
  llvm::MD5::MD5Result Digest;
  Hash.final(Digest);
  return Digest.digest().str().str();
}

} // namespace

void writeGitlab(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
                 llvm::raw_ostream &OS) {
  std::vector<std::string> Fingerprints = findingFingerprints(Results, Options);
  json::Array Issues;
  for (size_t I = 0; I < Results.size(); ++I) {
    const Result &R = Results[I];
    if (R.Main.File.empty())
      continue;
    std::string Fingerprint = R.isFinding() ? Fingerprints[I]
                                            : errorFingerprint(R, Options);
    json::Object Location{
        {"path", reportPath(R.Main.File, Options)},
        // GitLab needs a line; an unreadable file's is unknown.
        {"lines", json::Object{{"begin", std::max(R.Main.Pos.Line, 1u)}}}};
    Issues.push_back(json::Object{
        {"type", "issue"},
        {"check_name", R.check()},
        {"description", messageWithNotes(R, Options)},
        {"categories", json::Array{"Bug Risk"}},
        {"fingerprint", std::move(Fingerprint)},
        {"severity", gitlabSeverity(R)},
        {"location", std::move(Location)}});
  }
  OS << llvm::formatv("{0:2}", json::Value(std::move(Issues))) << "\n";
}

void writeJunit(llvm::ArrayRef<Result> Results,
                llvm::ArrayRef<std::string> CheckedFiles,
                const ReportOptions &Options, llvm::raw_ostream &OS) {
  // Test cases by name, so that they are sorted; a problem without a file
  // in one named after what it is about.
  const std::string Configuration = "(configuration)";
  std::map<std::string, std::vector<const Result *>> Cases;
  for (const std::string &File : CheckedFiles)
    Cases[reportPath(File, Options)];
  for (const Result &R : Results)
    Cases[R.Main.File.empty() ? Configuration
                              : reportPath(R.Main.File, Options)]
        .push_back(&R);

  size_t Failures = 0, Errors = 0;
  for (const auto &[Name, Problems] : Cases) {
    if (llvm::any_of(Problems, [](const Result *R) { return !R->isFinding(); }))
      ++Errors;
    else if (!Problems.empty())
      ++Failures;
  }

  std::string Counts = llvm::formatv("tests=\"{0}\" failures=\"{1}\" "
                                     "errors=\"{2}\"",
                                     Cases.size(), Failures, Errors)
                           .str();
  OS << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     << "<testsuites name=\"acm-tidy\" " << Counts << ">\n"
     << "  <testsuite name=\"acm-tidy\" " << Counts << ">\n";
  for (const auto &[Name, Problems] : Cases) {
    OS << "    <testcase name=\"" << escapeXml(Name)
       << "\" classname=\"acm-tidy\"";
    if (Name != Configuration)
      OS << " file=\"" << escapeXml(Name) << "\"";
    if (Problems.empty()) {
      OS << "/>\n";
      continue;
    }
    OS << ">\n";
    for (const Result *R : Problems) {
      StringRef Element = R->isFinding() ? "failure" : "error";
      // The body: the diagnostic and its notes as the text output prints
      // them.
      std::string Body =
          diagnosticLine(R->Main, R->level(), R->check(), Options);
      for (const Located &Note : R->Notes)
        Body += "\n" + diagnosticLine(Note, "note", "", Options);
      OS << "      <" << Element << " type=\"" << escapeXml(R->check())
         << "\" message=\"" << escapeXml(messageWithNotes(*R, Options))
         << "\">" << escapeXml(Body, /*ForAttribute=*/false) << "</"
         << Element << ">\n";
    }
    OS << "    </testcase>\n";
  }
  OS << "  </testsuite>\n</testsuites>\n";
}

} // namespace acm
