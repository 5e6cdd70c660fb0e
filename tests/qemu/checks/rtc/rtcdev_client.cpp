// SPDX-License-Identifier: MIT
// rtcdev-client: a /dev/rtc client for the s3c-rtcd checks, doing what hwclock does not: update
// and alarm events through read(), and the errors rtc-dev gives.
//   rtcdev-client uie DEV         RTC_UIE_ON, a blocking read() returns RTC_UF | RTC_IRQF
//   rtcdev-client alarm DEV S     RTC_ALM_SET now + S, RTC_AIE_ON, read() returns RTC_AF | RTC_IRQF
//   rtcdev-client poll DEV        poll() times out with no event enabled; with RTC_UIE_ON it
//                                 reports POLLIN within two RTC seconds, and read() returns the event
//   rtcdev-client errors DEV      EAGAIN (O_NONBLOCK, no event), ENOTTY (unknown ioctl), EINVAL
//                                 (31 April), ERANGE (a year the RTC cannot hold)
//   rtcdev-client stress DEV S N  N clients reading and setting the time for S seconds
//   rtcdev-client wait DEV        a blocked read() until the daemon goes away (rtcdev_stress.cpp)
#include <fcntl.h>
#include <linux/rtc.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "rtcdev_stress.hpp"

namespace {
int fail(const std::string& why) {
  std::printf("FAIL: %s\n", why.c_str());
  return 1;
}

void show(const char* what, const rtc_time& t) {
  std::printf("%s %04d-%02d-%02d %02d:%02d:%02d\n", what, t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour,
              t.tm_min, t.tm_sec);
}

int uie(int fd) {
  if (ioctl(fd, RTC_UIE_ON, 0) != 0) return fail(std::string("RTC_UIE_ON: ") + std::strerror(errno));
  unsigned long data = 0;
  for (int i = 0; i < 2; ++i) {
    if (read(fd, &data, sizeof data) != static_cast<ssize_t>(sizeof data))
      return fail(std::string("read: ") + std::strerror(errno));
    std::printf("update event: data 0x%lx (count %lu)\n", data, data >> 8);
    if ((data & (RTC_UF | RTC_IRQF)) != (RTC_UF | RTC_IRQF) || (data >> 8) == 0)
      return fail("not an update event");
  }
  ioctl(fd, RTC_UIE_OFF, 0);
  return 0;
}

int poll_events(int fd) {
  pollfd p{fd, POLLIN, 0};
  int n = poll(&p, 1, 500);
  std::printf("poll, no events enabled: %d (revents 0x%x)\n", n, static_cast<unsigned>(p.revents));
  if (n != 0) return fail("poll() reported an event when none was enabled");
  if (ioctl(fd, RTC_UIE_ON, 0) != 0) return fail(std::string("RTC_UIE_ON: ") + std::strerror(errno));
  // The guest's clock runs about twice as fast as the RTC on smdkc210: 4 s here is 2 RTC seconds.
  p.revents = 0;
  n = poll(&p, 1, 4000);
  std::printf("poll, update events on: %d (revents 0x%x)\n", n, static_cast<unsigned>(p.revents));
  if (n != 1 || !(p.revents & POLLIN)) return fail("poll() did not report the update event");
  unsigned long data = 0;
  if (read(fd, &data, sizeof data) != static_cast<ssize_t>(sizeof data))
    return fail(std::string("read after poll: ") + std::strerror(errno));
  std::printf("read after poll: data 0x%lx\n", data);
  if ((data & (RTC_UF | RTC_IRQF)) != (RTC_UF | RTC_IRQF)) return fail("not an update event");
  ioctl(fd, RTC_UIE_OFF, 0);
  return 0;
}

int alarm(int fd, int seconds) {
  rtc_time t{};
  if (ioctl(fd, RTC_RD_TIME, &t) != 0) return fail(std::string("RTC_RD_TIME: ") + std::strerror(errno));
  show("now", t);
  int s = t.tm_hour * 3600 + t.tm_min * 60 + t.tm_sec + seconds;
  s %= 86400;
  rtc_time a{};
  a.tm_hour = s / 3600, a.tm_min = s / 60 % 60, a.tm_sec = s % 60;
  if (ioctl(fd, RTC_ALM_SET, &a) != 0) return fail(std::string("RTC_ALM_SET: ") + std::strerror(errno));
  rtc_time back{};
  if (ioctl(fd, RTC_ALM_READ, &back) != 0) return fail(std::string("RTC_ALM_READ: ") + std::strerror(errno));
  std::printf("alarm at %02d:%02d:%02d\n", back.tm_hour, back.tm_min, back.tm_sec);
  if (back.tm_hour != a.tm_hour || back.tm_min != a.tm_min || back.tm_sec != a.tm_sec)
    return fail("RTC_ALM_READ differs from RTC_ALM_SET");
  if (ioctl(fd, RTC_AIE_ON, 0) != 0) return fail(std::string("RTC_AIE_ON: ") + std::strerror(errno));
  unsigned long data = 0;
  if (read(fd, &data, sizeof data) != static_cast<ssize_t>(sizeof data))
    return fail(std::string("read: ") + std::strerror(errno));
  ioctl(fd, RTC_RD_TIME, &t);
  show("alarm event at", t);
  std::printf("data 0x%lx\n", data);
  if ((data & (RTC_AF | RTC_IRQF)) != (RTC_AF | RTC_IRQF)) return fail("not an alarm event");
  ioctl(fd, RTC_AIE_OFF, 0);
  return 0;
}

int expect_errno(const char* what, int rc, int want) {
  const int got = rc == 0 ? 0 : errno;
  std::printf("%s: %s\n", what, got ? std::strerror(got) : "success");
  if (got != want) return fail(std::string(what) + ": expected " + std::strerror(want));
  return 0;
}

int errors(const char* path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) return fail(std::string(path) + ": " + std::strerror(errno));
  unsigned long data = 0;
  int bad = expect_errno("non-blocking read", read(fd, &data, sizeof data) < 0 ? -1 : 0, EAGAIN);
  unsigned long freq = 0;
  bad |= expect_errno("RTC_IRQP_READ", ioctl(fd, RTC_IRQP_READ, &freq), ENOTTY);
  rtc_time t{};
  t.tm_year = 126, t.tm_mon = 3, t.tm_mday = 31;  // 31 April 2026
  bad |= expect_errno("RTC_SET_TIME 31 April", ioctl(fd, RTC_SET_TIME, &t), EINVAL);
  t.tm_year = 1100, t.tm_mon = 0, t.tm_mday = 1;  // 3000
  bad |= expect_errno("RTC_SET_TIME year 3000", ioctl(fd, RTC_SET_TIME, &t), ERANGE);
  close(fd);
  return bad;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: rtcdev-client uie|poll|alarm|errors|stress|wait DEV [SECONDS [CLIENTS]]\n");
    return 2;
  }
  const std::string mode = argv[1];
  if (mode == "errors") return errors(argv[2]);
  if (mode == "stress") return stress(argv[2], argc > 3 ? std::atoi(argv[3]) : 10, argc > 4 ? std::atoi(argv[4]) : 32);
  if (mode == "wait") return wait_until_gone(argv[2]);
  int fd = open(argv[2], O_RDONLY);
  if (fd < 0) return fail(std::string(argv[2]) + ": " + std::strerror(errno));
  if (mode == "uie") return uie(fd);
  if (mode == "poll") return poll_events(fd);
  if (mode == "alarm") return alarm(fd, argc > 3 ? std::atoi(argv[3]) : 3);
  return fail("unknown mode " + mode);
}
