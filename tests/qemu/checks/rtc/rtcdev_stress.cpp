// SPDX-License-Identifier: MIT
// rtcdev-client stress DEV SECONDS CLIENTS: CLIENTS processes on one /dev/rtc node for SECONDS,
// one in eight setting the time, the rest reading it. The setters alternate between two times
// far apart (A = 2030-01-02 03:04:05, B = 2041-06-07 08:09:10), so every time read must lie a
// few seconds after one of them: a value that mixes fields of both (a torn read or write in
// the daemon) lies after neither. Any failing call fails the run, naming the client and errno.
// rtcdev-client wait DEV: blocks in read() for update events until the read fails; exits 0
// when it failed (the daemon went away: an error, not a hang) and prints the errno.
#include <fcntl.h>
#include <linux/rtc.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "rtcdev_stress.hpp"

namespace {
constexpr rtc_time time_a{5, 4, 3, 2, 0, 130, 0, 0, 0};   // 2030-01-02 03:04:05
constexpr rtc_time time_b{10, 9, 8, 7, 5, 141, 0, 0, 0};  // 2041-06-07 08:09:10
constexpr long slack = 4;  // seconds a read may lag the last set (a setter runs every loop)

long seconds_of(const rtc_time& t) {
  tm copy{};
  copy.tm_sec = t.tm_sec, copy.tm_min = t.tm_min, copy.tm_hour = t.tm_hour;
  copy.tm_mday = t.tm_mday, copy.tm_mon = t.tm_mon, copy.tm_year = t.tm_year;
  return static_cast<long>(timegm(&copy));
}

bool near(const rtc_time& got, const rtc_time& base) {
  const long d = seconds_of(got) - seconds_of(base);
  return d >= 0 && d <= slack;
}

// One client's loop; returns its exit status.
int client(const char* dev, int seconds, bool setter, int id) {
  const int fd = open(dev, O_RDONLY);
  if (fd < 0) {
    std::printf("FAIL: client %d: open %s: %s\n", id, dev, std::strerror(errno));
    return 1;
  }
  const time_t end = time(nullptr) + seconds;
  long ops = 0;
  for (bool a = (id & 1) != 0; time(nullptr) < end; a = !a, ++ops) {
    if (setter) {
      rtc_time t = a ? time_a : time_b;
      if (ioctl(fd, RTC_SET_TIME, &t) != 0) {
        std::printf("FAIL: client %d: RTC_SET_TIME: %s\n", id, std::strerror(errno));
        return 1;
      }
      continue;
    }
    rtc_time t{};
    if (ioctl(fd, RTC_RD_TIME, &t) != 0) {
      std::printf("FAIL: client %d: RTC_RD_TIME: %s\n", id, std::strerror(errno));
      return 1;
    }
    if (!near(t, time_a) && !near(t, time_b)) {
      std::printf("FAIL: client %d: read %04d-%02d-%02d %02d:%02d:%02d, after neither time set\n", id,
                  t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
      return 1;
    }
  }
  close(fd);
  std::printf("client %d (%s): %ld calls\n", id, setter ? "setter" : "reader", ops);
  return 0;
}
}  // namespace

int stress(const char* dev, int seconds, int clients) {
  // Start from a known time, so that the first reads lie after one of the two.
  const int fd = open(dev, O_RDONLY);
  rtc_time t = time_a;
  if (fd < 0 || ioctl(fd, RTC_SET_TIME, &t) != 0) {
    std::printf("FAIL: %s: setting the first time: %s\n", dev, std::strerror(errno));
    return 1;
  }
  close(fd);
  std::fflush(stdout);
  for (int i = 0; i < clients; ++i) {
    const pid_t pid = fork();
    if (pid < 0) {
      std::printf("FAIL: fork: %s\n", std::strerror(errno));
      return 1;
    }
    if (pid == 0) {
      const int rc = client(dev, seconds, i % 8 == 0, i);
      std::fflush(stdout);
      _exit(rc);
    }
  }
  int failed = 0;
  for (int i = 0; i < clients; ++i) {
    int st = 0;
    if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) ++failed;
  }
  std::printf("%d clients (%d setters) for %d s: %d failed\n", clients, (clients + 7) / 8, seconds, failed);
  return failed ? 1 : 0;
}

int wait_until_gone(const char* dev) {
  const int fd = open(dev, O_RDONLY);
  if (fd < 0) {
    std::printf("FAIL: open %s: %s\n", dev, std::strerror(errno));
    return 1;
  }
  if (ioctl(fd, RTC_UIE_ON, 0) != 0) {
    std::printf("FAIL: RTC_UIE_ON: %s\n", std::strerror(errno));
    return 1;
  }
  unsigned long data = 0;
  long events = 0;
  while (read(fd, &data, sizeof data) == static_cast<ssize_t>(sizeof data)) ++events;
  std::printf("read failed after %ld update events: %s\n", events, std::strerror(errno));
  return 0;
}
