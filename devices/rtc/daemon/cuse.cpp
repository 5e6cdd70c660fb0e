// SPDX-License-Identifier: MIT
#define FUSE_USE_VERSION 31
#include "cuse.hpp"

#include <fcntl.h>
#include <fuse3/cuse_lowlevel.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/rtc.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "log.hpp"
#include "uiokit/rtc/failure.hpp"
#include "uiokit/rtc/iso8601.hpp"

namespace uiokit::rtc::daemon {

namespace {

struct State {
  Clock* clock = nullptr;
  std::mutex mu;                    // the RTC's registers, and everything below
  std::condition_variable wake;
  bool aie = false, uie = false;
  unsigned long events = 0;         // rtc-dev's irq_data: (count << 8) | flags
  std::deque<fuse_req_t> readers;   // blocked read()s, answered in order
  fuse_pollhandle* poller = nullptr; // the newest poll()/select() waiting for an event
  std::atomic<bool> stop{false};
};

State state;

// Detached, the parent waits on this pipe until the child's node exists (or it failed), so
// that `s3c-rtcd && hwclock -f /dev/NAME` works. -1 in the foreground and once answered.
int ready_fd = -1;
std::string node_path;

void report_ready(unsigned char code) {
  if (ready_fd < 0) return;
  (void)!::write(ready_fd, &code, 1);
  ::close(ready_fd);
  ready_fd = -1;
}

// After the CUSE INIT reply the kernel adds the device; devtmpfs makes the node shortly after.
void rtc_init_done(void*) {
  struct stat st {};
  for (int i = 0; i < 500 && ::stat(node_path.c_str(), &st) != 0; ++i) ::usleep(10000);
  report_ready(::stat(node_path.c_str(), &st) == 0 ? 0 : 69);
}

// fork; the parent returns the child's readiness as an exit status (-1 in the child).
int detach() {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) return 71;
  const pid_t pid = ::fork();
  if (pid < 0) return 71;
  if (pid > 0) {
    ::close(p[1]);
    unsigned char code = 0;
    if (::read(p[0], &code, 1) == 1) return code;
    int status = 0;  // the child died before it could say
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) != 0 ? WEXITSTATUS(status) : 70;
  }
  ::close(p[0]);
  ready_fd = p[1];
  ::setsid();
  if (::chdir("/") != 0) { /* stays where it was: harmless */ }
  const int null = ::open("/dev/null", O_RDWR);
  if (null >= 0) {
    ::dup2(null, 0), ::dup2(null, 1), ::dup2(null, 2);
    if (null > 2) ::close(null);
  }
  return -1;
}

// Worker period: a few ms while events are wanted (the pending bit and the seconds are polled
// between interrupts), otherwise it sleeps on the condition variable until an ioctl wakes it.
int aie_or_uie_poll_ms() { return state.aie || state.uie ? 5 : 200; }

rtc_time to_rtc(const DateTime& t) {
  rtc_time r{};
  r.tm_sec = t.second, r.tm_min = t.minute, r.tm_hour = t.hour;
  r.tm_mday = t.day, r.tm_mon = t.month - 1, r.tm_year = t.year - 1900;
  r.tm_wday = weekday(t.year, t.month, t.day);
  r.tm_yday = static_cast<int>(days_from_civil(t.year, t.month, t.day) - days_from_civil(t.year, 1, 1));
  return r;
}

DateTime from_rtc(const rtc_time& r) {
  return DateTime{r.tm_year + 1900, r.tm_mon + 1, r.tm_mday, r.tm_hour, r.tm_min, r.tm_sec};
}

// errno for a failed operation, as the kernel's rtc core would answer it.
int errno_of(const Error& e) {
  switch (classify(e)) {
    case Failure::invalid_time: return EINVAL;   // rtc_valid_tm
    case Failure::year_out_of_range: return ERANGE;  // rtc_valid_range
    case Failure::invalid_argument: return EINVAL;
    case Failure::timeout: return ETIMEDOUT;
    default: return EIO;
  }
}

// Must hold state.mu. Answers the oldest blocked reader with the events, if both exist.
void deliver_locked() {
  while (state.events != 0 && !state.readers.empty()) {
    fuse_req_t req = state.readers.front();
    state.readers.pop_front();
    const unsigned long data = state.events;
    state.events = 0;
    fuse_reply_buf(req, reinterpret_cast<const char*>(&data), sizeof data);
  }
}

void add_event_locked(unsigned long flags) {
  const unsigned long count = (state.events >> 8) + 1;
  state.events = (count << 8) | (state.events & 0xff) | flags | RTC_IRQF;
  deliver_locked();
  if (state.events != 0 && state.poller) {  // nobody read it: tell poll() it is readable
    fuse_lowlevel_notify_poll(state.poller);
    fuse_pollhandle_destroy(state.poller);
    state.poller = nullptr;
  }
}

// The worker: the alarm through its interrupt and pending bit (Clock::take_alarm), update
// events from the seconds.
void watch() {
  Clock& clock = *state.clock;
  std::int64_t last_second = -1;
  // A previous owner may have left the line masked (UIO masks it on every interrupt).
  if (clock.irq()) clock.irq()->enable();
  while (!state.stop) {
    bool aie, uie;
    {
      std::unique_lock<std::mutex> g(state.mu);
      state.wake.wait_for(g, std::chrono::milliseconds(aie_or_uie_poll_ms()), [] { return state.stop.load(); });
      aie = state.aie;
      uie = state.uie;
    }
    if (state.stop) break;
    if (aie) {
      std::lock_guard<std::mutex> g(state.mu);
      try {
        if (clock.take_alarm(std::chrono::milliseconds(20))) {
          state.aie = false;
          log(Level::info, "alarm fired");
          add_event_locked(RTC_AF);
        }
      } catch (const Error& e) {
        log(Level::error, e.what());
      }
    }
    if (uie) {
      std::lock_guard<std::mutex> g(state.mu);
      try {
        const auto now = to_unix(clock.read_time());
        if (last_second >= 0 && now != last_second) add_event_locked(RTC_UF);
        last_second = now;
      } catch (const Error& e) {
        log(Level::error, e.what());
      }
    } else {
      last_second = -1;
    }
  }
}

void rtc_open(fuse_req_t req, fuse_file_info* fi) { fuse_reply_open(req, fi); }

void reader_interrupted(fuse_req_t req, void*) {
  std::lock_guard<std::mutex> g(state.mu);
  for (auto it = state.readers.begin(); it != state.readers.end(); ++it)
    if (*it == req) {
      state.readers.erase(it);
      fuse_reply_err(req, EINTR);
      return;
    }
}

void rtc_read(fuse_req_t req, size_t size, off_t, fuse_file_info* fi) {
  if (size < sizeof(unsigned long)) {  // rtc_dev_read: -EINVAL for a short buffer
    fuse_reply_err(req, EINVAL);
    return;
  }
  {
    std::lock_guard<std::mutex> g(state.mu);
    if (state.events == 0 && (fi->flags & O_NONBLOCK)) {
      fuse_reply_err(req, EAGAIN);
      return;
    }
  }
  // Outside the lock: libfuse calls reader_interrupted at once if a signal already came, and
  // that takes the lock.
  fuse_req_interrupt_func(req, reader_interrupted, nullptr);
  if (fuse_req_interrupted(req)) {
    fuse_reply_err(req, EINTR);
    return;
  }
  std::lock_guard<std::mutex> g(state.mu);
  state.readers.push_back(req);
  deliver_locked();
}

// rtc_dev_poll: readable once an event is pending. The kernel asks again after a notify, so
// one handle is kept, the newest (libfuse gives a fresh one per poll call).
void rtc_poll(fuse_req_t req, fuse_file_info*, fuse_pollhandle* ph) {
  std::lock_guard<std::mutex> g(state.mu);
  if (ph) {
    if (state.poller) fuse_pollhandle_destroy(state.poller);
    state.poller = ph;
  }
  fuse_reply_poll(req, state.events != 0 ? POLLIN | POLLRDNORM : 0);
}

template <class T>
bool arg_in(fuse_req_t req, const void* in_buf, size_t in_bufsz, T& out) {
  if (in_bufsz < sizeof(T)) {
    fuse_reply_err(req, EFAULT);
    return false;
  }
  std::memcpy(&out, in_buf, sizeof(T));
  return true;
}

void rtc_ioctl(fuse_req_t req, int cmd, void*, fuse_file_info*, unsigned flags, const void* in_buf, size_t in_bufsz,
               size_t) {
  if (flags & FUSE_IOCTL_COMPAT) {
    fuse_reply_err(req, ENOSYS);
    return;
  }
  Clock& clock = *state.clock;
  std::unique_lock<std::mutex> g(state.mu);
  try {
    switch (static_cast<unsigned>(cmd)) {
      case RTC_RD_TIME: {
        const rtc_time r = to_rtc(clock.read_time());
        fuse_reply_ioctl(req, 0, &r, sizeof r);
        return;
      }
      case RTC_SET_TIME: {
        rtc_time r{};
        if (!arg_in(req, in_buf, in_bufsz, r)) return;
        const DateTime back = clock.set_time(from_rtc(r));
        log(Level::info, "time set to " + format_iso8601(back));
        fuse_reply_ioctl(req, 0, nullptr, 0);
        return;
      }
      case RTC_ALM_READ: {
        const Alarm a = clock.read_alarm();
        rtc_time r{};
        r.tm_sec = a.second.value_or(0), r.tm_min = a.minute.value_or(0), r.tm_hour = a.hour.value_or(0);
        r.tm_mday = r.tm_mon = r.tm_year = -1;  // rtc-dev: the legacy alarm is a time of day
        fuse_reply_ioctl(req, 0, &r, sizeof r);
        return;
      }
      case RTC_ALM_SET: {
        rtc_time r{};
        if (!arg_in(req, in_buf, in_bufsz, r)) return;
        Alarm a;
        a.hour = r.tm_hour, a.minute = r.tm_min, a.second = r.tm_sec;
        a.enabled = state.aie;
        clock.set_alarm(a);
        fuse_reply_ioctl(req, 0, nullptr, 0);
        return;
      }
      case RTC_WKALM_RD: {
        const Alarm a = clock.read_alarm();
        rtc_wkalrm w{};
        w.enabled = a.enabled;
        w.pending = clock.alarm_pending().value_or(false);
        w.time.tm_sec = a.second.value_or(-1), w.time.tm_min = a.minute.value_or(-1);
        w.time.tm_hour = a.hour.value_or(-1), w.time.tm_mday = a.day.value_or(-1);
        w.time.tm_mon = a.month ? *a.month - 1 : -1, w.time.tm_year = a.year ? *a.year - 1900 : -1;
        fuse_reply_ioctl(req, 0, &w, sizeof w);
        return;
      }
      case RTC_WKALM_SET: {
        rtc_wkalrm w{};
        if (!arg_in(req, in_buf, in_bufsz, w)) return;
        const DateTime t = from_rtc(w.time);
        clock.validate(t);
        Alarm a{t.year, t.month, t.day, t.hour, t.minute, t.second, w.enabled != 0};
        clock.set_alarm(a);
        state.aie = a.enabled;
        fuse_reply_ioctl(req, 0, nullptr, 0);
        state.wake.notify_all();
        return;
      }
      case RTC_AIE_ON:
      case RTC_AIE_OFF:
        state.aie = cmd == static_cast<int>(RTC_AIE_ON);
        clock.enable_alarm(state.aie);
        fuse_reply_ioctl(req, 0, nullptr, 0);
        state.wake.notify_all();
        return;
      case RTC_UIE_ON:
      case RTC_UIE_OFF:
        state.uie = cmd == static_cast<int>(RTC_UIE_ON);
        fuse_reply_ioctl(req, 0, nullptr, 0);
        state.wake.notify_all();
        return;
      default:
        fuse_reply_err(req, ENOTTY);
        return;
    }
  } catch (const Error& e) {
    log(Level::warning, std::string("ioctl: ") + e.what());
    fuse_reply_err(req, errno_of(e));
  }
}

}  // namespace

int serve(Clock& clock, const ServeOptions& o) {
  state.clock = &clock;
  const std::string devname = "DEVNAME=" + o.name;
  const char* dev_info_argv[] = {devname.c_str()};
  cuse_info ci{};
  ci.dev_info_argc = 1;
  ci.dev_info_argv = dev_info_argv;
  ci.flags = 0;  // restricted ioctls: the RTC's carry their size in the number

  cuse_lowlevel_ops ops{};
  ops.open = rtc_open;
  ops.read = rtc_read;
  ops.ioctl = rtc_ioctl;
  ops.poll = rtc_poll;
  ops.init_done = rtc_init_done;
  node_path = "/dev/" + o.name;
  if (!o.foreground) {
    // libfuse's own daemonizing returns before the kernel has made the node: ours waits for it.
    if (const int parent_status = detach(); parent_status >= 0) {
      if (parent_status != 0)  // the child logs to syslog: say here too, on the caller's terminal
        std::fprintf(stderr, "%s: the detached daemon did not bring up %s (exit %d; its log is in syslog)\n",
                     o.program.c_str(), node_path.c_str(), parent_status);
      return parent_status;
    }
  }

  // libfuse parses its own options: -f (always: detach() above did the daemonizing), -s
  // single-threaded (our worker is the only other thread), -d debug.
  std::vector<const char*> argv{o.program.c_str(), "-s", "-f"};
  if (o.debug) argv.push_back("-d");
  int multithreaded = 0;
  fuse_session* se = cuse_lowlevel_setup(static_cast<int>(argv.size()), const_cast<char**>(argv.data()), &ci, &ops,
                                         &multithreaded, nullptr);
  if (!se) {
    log(Level::error, "cannot create /dev/" + o.name + " through /dev/cuse (is the cuse module loaded? are we root?)");
    report_ready(69);
    return 69;
  }
  log(Level::info, "serving /dev/" + o.name + " for " + clock.describe());
  std::thread worker(watch);
  const int rc = fuse_session_loop(se);
  report_ready(74);  // ended before the node came up (no-op once reported)
  {
    std::lock_guard<std::mutex> g(state.mu);
    state.stop = true;
    for (fuse_req_t r : state.readers) fuse_reply_err(r, EINTR);
    state.readers.clear();
    if (state.poller) fuse_pollhandle_destroy(state.poller);
    state.poller = nullptr;
  }
  state.wake.notify_all();
  worker.join();
  cuse_lowlevel_teardown(se);  // closes /dev/cuse: the kernel removes the node
  log(Level::info, "stopped; /dev/" + o.name + " removed");
  return rc < 0 ? 74 : 0;
}

}  // namespace uiokit::rtc::daemon
