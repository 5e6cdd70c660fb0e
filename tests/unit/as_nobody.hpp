// SPDX-License-Identifier: MIT
// Running a piece of a test as a process that is not root: refusals (EACCES, EPERM) are only
// seen there. As root the child drops to nobody (uid and gid 65534); otherwise it runs as is.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <string>

// What `body` returns in the child, or "could not drop root".
inline std::string as_nobody(const std::function<std::string()>& body) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::string msg = "could not drop root";
    if (::geteuid() != 0 || (::setgid(65534) == 0 && ::setuid(65534) == 0)) msg = body();
    (void)!::write(fds[1], msg.data(), msg.size());
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buf[512];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  ::waitpid(pid, nullptr, 0);
  return out;
}
