// Look-alikes of the assertion macros of the test frameworks coroutine code
// is tested with, expanding as the real ones do (their bodies reduced to
// what control flow needs):
// - Boost.Test: boost/test/tools/detail/fwd.hpp (tt_detail::dummy_cond)
//   and boost/test/tools/old/interface.hpp (BOOST_CHECK_NO_THROW_IMPL,
//   BOOST_TEST_TOOL_IMPL);
// - GoogleTest: gtest/internal/gtest-internal.h (AlwaysTrue, TrueWithString,
//   GTEST_TEST_THROW_, GTEST_TEST_NO_THROW_) and gtest/gtest.h (EXPECT_THROW,
//   EXPECT_NO_THROW);
#pragma once

#include <string>

namespace boost::test_tools::tt_detail {
inline bool dummy_cond() { return false; }
void report_assertion(bool passed, const char *expression, bool fatal);
} // namespace boost::test_tools::tt_detail

#define BOOST_TEST_TOOL_IMPL(P, fatal)                                         \
  do {                                                                         \
    ::boost::test_tools::tt_detail::report_assertion((P), #P, fatal);          \
  } while (::boost::test_tools::tt_detail::dummy_cond())

#define BOOST_CHECK_NO_THROW_IMPL(S, fatal)                                    \
  do {                                                                         \
    try {                                                                      \
      S;                                                                       \
      BOOST_TEST_TOOL_IMPL(true, fatal);                                       \
    } catch (...) {                                                            \
      BOOST_TEST_TOOL_IMPL(false, fatal);                                      \
    }                                                                          \
  } while (::boost::test_tools::tt_detail::dummy_cond())

#define BOOST_CHECK_NO_THROW(S) BOOST_CHECK_NO_THROW_IMPL(S, false)
#define BOOST_REQUIRE_NO_THROW(S) BOOST_CHECK_NO_THROW_IMPL(S, true)
#define BOOST_CHECK(P) BOOST_TEST_TOOL_IMPL(P, false)

namespace testing::internal {
// Defined out of line, in gtest.cc.
bool AlwaysTrue();
inline bool AlwaysFalse() { return !AlwaysTrue(); }
struct TrueWithString {
  TrueWithString() = default;
  explicit TrueWithString(const char *str) : value(str) {}
  explicit operator bool() const { return true; }
  std::string value;
};
void ReportFailure(const char *message);
} // namespace testing::internal

#define GTEST_AMBIGUOUS_ELSE_BLOCKER_                                          \
  switch (0)                                                                   \
  case 0:                                                                      \
  default:
#define GTEST_SUPPRESS_UNREACHABLE_CODE_WARNING_BELOW_(statement)              \
  if (::testing::internal::AlwaysTrue()) {                                     \
    statement;                                                                 \
  } else                                                                       \
    static_assert(true, "")
#define GTEST_CONCAT_TOKEN_IMPL_(foo, bar) foo##bar
#define GTEST_CONCAT_TOKEN_(foo, bar) GTEST_CONCAT_TOKEN_IMPL_(foo, bar)

#define GTEST_TEST_NO_THROW_(statement, fail)                                  \
  GTEST_AMBIGUOUS_ELSE_BLOCKER_                                                \
  if (::testing::internal::TrueWithString gtest_msg{}) {                       \
    try {                                                                      \
      GTEST_SUPPRESS_UNREACHABLE_CODE_WARNING_BELOW_(statement);               \
    } catch (...) {                                                            \
      gtest_msg.value = "it throws.";                                          \
      goto GTEST_CONCAT_TOKEN_(gtest_label_testnothrow_, __LINE__);            \
    }                                                                          \
  } else                                                                       \
    GTEST_CONCAT_TOKEN_(gtest_label_testnothrow_, __LINE__)                    \
        : fail(gtest_msg.value.c_str())

#define GTEST_TEST_THROW_(statement, expected_exception, fail)                 \
  GTEST_AMBIGUOUS_ELSE_BLOCKER_                                                \
  if (::testing::internal::TrueWithString gtest_msg{}) {                       \
    bool gtest_caught_expected = false;                                        \
    try {                                                                      \
      GTEST_SUPPRESS_UNREACHABLE_CODE_WARNING_BELOW_(statement);               \
    } catch (expected_exception const &) {                                     \
      gtest_caught_expected = true;                                            \
    } catch (...) {                                                            \
      gtest_msg.value = "it throws a different type.";                         \
      goto GTEST_CONCAT_TOKEN_(gtest_label_testthrow_, __LINE__);              \
    }                                                                          \
    if (!gtest_caught_expected) {                                              \
      gtest_msg.value = "it throws nothing.";                                  \
      goto GTEST_CONCAT_TOKEN_(gtest_label_testthrow_, __LINE__);              \
    }                                                                          \
  } else /*NOLINT*/                                                            \
    GTEST_CONCAT_TOKEN_(gtest_label_testthrow_, __LINE__)                      \
        : fail(gtest_msg.value.c_str())

#define GTEST_NONFATAL_FAILURE_(message)                                       \
  ::testing::internal::ReportFailure(message)
#define EXPECT_NO_THROW(statement)                                             \
  GTEST_TEST_NO_THROW_(statement, GTEST_NONFATAL_FAILURE_)
#define EXPECT_THROW(statement, expected_exception)                            \
  GTEST_TEST_THROW_(statement, expected_exception, GTEST_NONFATAL_FAILURE_)

// Fatal assertions. GoogleTest: gtest/gtest.h and
// gtest/internal/gtest-internal.h (GTEST_ASSERT_, GTEST_FATAL_FAILURE_,
// ASSERT_EQ); folly: folly/coro/GtestHelpers.h (CO_ASSERT_EQ, whose failure
// co_returns); Catch2: catch2/internal/catch_test_macro_impl.hpp
// (INTERNAL_CATCH_TEST, whose AssertionHandler::complete() throws on a
// failed REQUIRE).
namespace testing {
class Message {};
class AssertionResult {
public:
  explicit operator bool() const;
  const char *failure_message() const;
};
namespace internal {
class AssertHelper {
public:
  AssertHelper(int type, const char *file, int line, const char *message);
  void operator=(const Message &message) const;
};
struct EqHelper {
  template <typename T1, typename T2>
  static AssertionResult Compare(const char *, const char *, const T1 &,
                                 const T2 &);
};
} // namespace internal
} // namespace testing

#define GTEST_MESSAGE_(message, result_type)                                   \
  ::testing::internal::AssertHelper(result_type, __FILE__, __LINE__, message) = \
      ::testing::Message()
#define GTEST_FATAL_FAILURE_(message) return GTEST_MESSAGE_(message, 2)
#define GTEST_ASSERT_(expression, on_failure)                                  \
  GTEST_AMBIGUOUS_ELSE_BLOCKER_                                                \
  if (const ::testing::AssertionResult gtest_ar = (expression))                \
    ;                                                                          \
  else                                                                         \
    on_failure(gtest_ar.failure_message())
#define GTEST_PRED_FORMAT2_(pred_format, v1, v2, on_failure)                   \
  GTEST_ASSERT_(pred_format(#v1, #v2, v1, v2), on_failure)
#define ASSERT_PRED_FORMAT2(pred_format, v1, v2)                               \
  GTEST_PRED_FORMAT2_(pred_format, v1, v2, GTEST_FATAL_FAILURE_)
#define ASSERT_EQ(val1, val2)                                                  \
  ASSERT_PRED_FORMAT2(::testing::internal::EqHelper::Compare, val1, val2)

#define CO_GTEST_FATAL_FAILURE_(message) co_return GTEST_MESSAGE_(message, 2)
#define CO_ASSERT_PRED_FORMAT2(pred_format, v1, v2)                            \
  GTEST_PRED_FORMAT2_(pred_format, v1, v2, CO_GTEST_FATAL_FAILURE_)
#define CO_ASSERT_EQ(val1, val2)                                               \
  CO_ASSERT_PRED_FORMAT2(::testing::internal::EqHelper::Compare, val1, val2)

namespace Catch {
struct AssertionHandler {
  AssertionHandler(const char *macroName, const char *expression);
  void handleExpr(bool value);
  void complete();
};
} // namespace Catch
#define INTERNAL_CATCH_TEST(macroName, ...)                                    \
  do {                                                                         \
    Catch::AssertionHandler catchAssertionHandler(macroName, #__VA_ARGS__);    \
    catchAssertionHandler.handleExpr(static_cast<bool>(__VA_ARGS__));          \
    catchAssertionHandler.complete();                                          \
  } while ((void)0, (false) && static_cast<const bool &>(!!(__VA_ARGS__)))
#define REQUIRE(...) INTERNAL_CATCH_TEST("REQUIRE", __VA_ARGS__)
#define CHECK(...) INTERNAL_CATCH_TEST("CHECK", __VA_ARGS__)
