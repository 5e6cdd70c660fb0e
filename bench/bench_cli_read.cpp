// SPDX-License-Identifier: MIT
// One register read from a command-line-style process: start, map a file region, read, exit.
//
// The parent runs itself as the child many times (posix_spawn + waitpid) and prints the median
// and 90th percentile wall time of the whole child life; the child maps a file with map_file,
// reads one 32-bit register through the checked Region accessor and prints it.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "uiokit/backend/file.hpp"

extern char** environ;

static int child(const char* path) {
  try {
    uiokit::FileMapOptions opt;
    opt.size = 4096;
    opt.writable = false;
    auto r = uiokit::map_file(path, opt);
    std::printf("0x%08x\n", r.read<std::uint32_t>(0x10));
    return 0;
  } catch (const uiokit::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--child") == 0) return child(argv[2]);
  const int runs = argc > 1 ? std::atoi(argv[1]) : 200;
  const auto file = std::filesystem::temp_directory_path() / ("uiokit-bench-cli-" + std::to_string(::getpid()));
  {
    std::ofstream f(file, std::ios::binary);
    std::vector<char> page(4096, 0x5a);
    f.write(page.data(), static_cast<std::streamsize>(page.size()));
  }
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    std::string a0 = self, a1 = "--child", a2 = file.string();
    char* args[] = {a0.data(), a1.data(), a2.data(), nullptr};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    const auto t0 = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, self.c_str(), &fa, nullptr, args, environ) != 0) {
      std::perror("posix_spawn");
      return 1;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const auto t1 = std::chrono::steady_clock::now();
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "child failed\n");
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::filesystem::remove(file);
  std::sort(ms.begin(), ms.end());
  std::printf("cli-style register read (start, map, read, exit), %d runs: median %.3f ms, p90 %.3f ms (goal < 5 ms)\n",
              runs, ms[ms.size() / 2], ms[ms.size() * 9 / 10]);
  return 0;
}
