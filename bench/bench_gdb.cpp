// SPDX-License-Identifier: MIT
// Registers over QEMU's GDB stub: uiokit against gdb-multiarch, and a framebuffer written.
//
//   bench_gdb UIOKIT [RUNS]     UIOKIT: the built `uiokit` program
//
// Starts qemu-system-arm -M vexpress-a9 paused at reset with its stub on a Unix socket, then:
//  1. 64 registers (0x10017f00..0x10017fff) read RUNS times by whole processes: `uiokit reg
//     dump` against `gdb-multiarch -batch -ex 'target remote' -ex 'x/64wx'`; medians and their
//     ratio (goal: at most 1.0);
//  2. the same 64 reads in one process, one m packet each and as one prefetch;
//  3. a 640x480x32 frame written into the video RAM at 0x4c000000 with write_bytes (binary X
//     packets, or M where the stub has no X, as QEMU) and checked by reading it back.
// Prints figures; never a test.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "mono_clock.hpp"
#include "uiokit/address/open.hpp"
#include "uiokit/gdb/transport.hpp"

extern char** environ;

namespace {

pid_t spawn(std::vector<std::string> args, bool quiet) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (quiet) {
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  }
  pid_t pid = -1;
  if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

// Median wall time in ms of RUNS whole runs of a program; -1 if one fails.
double median_ms(const std::vector<std::string>& args, int runs) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = bench::mono_ns();
    const pid_t pid = spawn(args, true);
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    t.push_back(static_cast<double>(bench::mono_ns() - t0) / 1e6);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_gdb UIOKIT [RUNS]\n");
    return 2;
  }
  const std::string uiokit = argv[1];
  const int runs = argc > 2 ? std::atoi(argv[2]) : 20;
  const auto dir = std::filesystem::temp_directory_path() / ("uiokit-bench-gdb." + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string sock = (dir / "gdb.sock").string();
  ::setenv("QEMU_AUDIO_DRV", "none", 1);
  const pid_t qemu = spawn({"qemu-system-arm", "-M", "vexpress-a9", "-S", "-gdb", "unix:" + sock + ",server=on,wait=off",
                            "-display", "none", "-monitor", "none", "-serial", "none", "-nodefaults"},
                           true);
  for (int i = 0; i < 100 && !std::filesystem::exists(sock); ++i) ::usleep(100000);
  int rc = 0;
  try {
    if (qemu < 0 || !std::filesystem::exists(sock)) throw std::runtime_error("qemu-system-arm did not start");
    const std::string regs = "gdb:unix:" + sock + ":mem:0x10017000+0x1000";
    const double ours = median_ms({uiokit, "reg", "-d", regs, "dump", "0xf00", "--length", "0x100"}, runs);
    // disconnect, not the detach -batch would do at exit: QEMU resumes the guest on a detach.
    const double theirs = median_ms({"gdb-multiarch", "-nx", "-batch", "-ex", "set architecture arm", "-ex",
                                     "target remote " + sock, "-ex", "x/64wx 0x10017f00", "-ex", "disconnect"},
                                    runs);
    std::printf("64 registers over QEMU's stub, whole processes, median of %d:\n", runs);
    std::printf("  uiokit reg dump        %8.2f ms\n", ours);
    if (theirs < 0) std::printf("  gdb-multiarch x/64wx   (not run: is gdb-multiarch installed?)\n");
    else std::printf("  gdb-multiarch x/64wx   %8.2f ms\n  ratio uiokit/gdb       %8.3f  (goal <= 1.0)\n", theirs, ours / theirs);

    uiokit::OpenOptions oo;
    auto t = uiokit::open_transport(regs, oo);  // QEMU's stub takes one connection at a time
    auto t0 = bench::mono_ns();
    for (unsigned off = 0xf00; off < 0x1000; off += 4) (void)t->read(off, 4);
    const double single = static_cast<double>(bench::mono_ns() - t0) / 1e3;
    t0 = bench::mono_ns();
    t->prefetch(0xf00, 0x100);
    for (unsigned off = 0xf00; off < 0x1000; off += 4) (void)t->read(off, 4);
    const double batched = static_cast<double>(bench::mono_ns() - t0) / 1e3;
    std::printf("the same 64 reads in one process: %.0f us one m packet each, %.0f us as one prefetch\n", single, batched);
    t.reset();

    const unsigned w = 640, h = 480;
    std::vector<std::byte> frame(w * h * 4);
    for (std::size_t i = 0; i < frame.size(); ++i) frame[i] = static_cast<std::byte>((i * 131) ^ (i >> 9));
    auto vram = uiokit::open_transport("gdb:unix:" + sock + ":mem:0x4c000000+" + std::to_string(frame.size()), oo);
    auto* g = dynamic_cast<uiokit::gdb::GdbTransport*>(vram.get());
    t0 = bench::mono_ns();
    vram->write_bytes(0, frame);
    const double write_ms = static_cast<double>(bench::mono_ns() - t0) / 1e6;
    std::vector<std::byte> back(frame.size());
    t0 = bench::mono_ns();
    vram->read_bytes(0, back);
    const double read_ms = static_cast<double>(bench::mono_ns() - t0) / 1e6;
    const bool x = g->binary_writes();
    std::printf("a %ux%ux32 frame (%zu bytes) over the stub (PacketSize %#zx, %s packets): written in %.0f ms, "
                "read back in %.0f ms, %s\n",
                w, h, frame.size(), g->client().packet_size(), x ? "binary X" : "hex M (the stub has no X)", write_ms,
                read_ms, back == frame ? "identical" : "DIFFERENT");
    if (back != frame) rc = 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_gdb: %s\n", e.what());
    rc = 1;
  }
  if (qemu > 0) {
    ::kill(qemu, SIGTERM);
    ::waitpid(qemu, nullptr, 0);
  }
  std::filesystem::remove_all(dir);
  return rc;
}
