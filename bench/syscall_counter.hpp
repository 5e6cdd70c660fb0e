// SPDX-License-Identifier: MIT
// Counts this process's system calls, so that "syscalls per interrupt" is measured, not argued
// from the code. The kernel's raw_syscalls:sys_enter tracepoint fires on every system call
// entry; a perf counter on it (perf_event_open, this process, any CPU) counts them. Needs
// CONFIG_FTRACE_SYSCALLS (Debian's kernels have it), tracefs mounted (the guest checks mount it
// at /sys/kernel/tracing) and root or perf_event_paranoid <= 1.
#pragma once

#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

namespace bench {

class SyscallCounter {
 public:
  SyscallCounter() {
    std::uint64_t id = 0;
    for (const char* dir : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
      std::ifstream in(std::string(dir) + "/events/raw_syscalls/sys_enter/id");
      if (in >> id) break;
    }
    if (id == 0) {
      why_ = "no raw_syscalls:sys_enter tracepoint (is tracefs mounted at /sys/kernel/tracing?)";
      return;
    }
    perf_event_attr attr{};
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_TRACEPOINT;
    attr.config = id;
    attr.sample_period = 0;  // counting only
    fd_ = static_cast<int>(::syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC));
    if (fd_ < 0) why_ = std::string("perf_event_open on raw_syscalls:sys_enter: ") + std::strerror(errno);
  }
  ~SyscallCounter() {
    if (fd_ >= 0) ::close(fd_);
  }
  SyscallCounter(const SyscallCounter&) = delete;
  SyscallCounter& operator=(const SyscallCounter&) = delete;

  bool ok() const { return fd_ >= 0; }
  const std::string& why() const { return why_; }

  // System calls so far. The read() that fetches the value is counted in it (the tracepoint
  // fires on entry): the difference of two samples includes exactly one such read, which
  // calls_between() takes off.
  std::uint64_t sample() const {
    std::uint64_t v = 0;
    if (fd_ < 0 || ::read(fd_, &v, sizeof v) != static_cast<ssize_t>(sizeof v)) return 0;
    return v;
  }
  static std::uint64_t calls_between(std::uint64_t before, std::uint64_t after) {
    return after > before ? after - before - 1 : 0;
  }

 private:
  int fd_ = -1;
  std::string why_;
};

}  // namespace bench
