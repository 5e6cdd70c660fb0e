// SPDX-License-Identifier: MIT
// The unit tests' main: doctest's, with one rule more. ctest runs every case on its own, as
// `uiokit_unit_tests --test-case=NAME` (doctest_discover_tests); a NAME that selects no case
// (a name CMake split at a ';', a case renamed since discovery) would run nothing and pass.
// So a run whose filters select no test case fails, and says so.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

namespace {

int selected = -1;  // test cases that passed the filters; -1 until a run has ended

// Only test_run_end matters; doctest calls the rest for every case and assertion.
struct CountSelected : doctest::IReporter {
  explicit CountSelected(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& stats) override {
    selected = static_cast<int>(stats.numTestCasesPassingFilters);
  }
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("count_selected", 1, CountSelected);

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int rc = context.run();
  // --help, --list-test-cases and the other queries run no test
  if (context.shouldExit() || selected < 0) return rc;
  if (selected == 0) {
    std::fprintf(stderr, "uiokit_unit_tests: no test case matches the filters given (a name with a ';' "
                         "cannot be run from ctest: CMake splits it)\n");
    return rc != 0 ? rc : 1;
  }
  return rc;
}
