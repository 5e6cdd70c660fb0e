// SPDX-License-Identifier: MIT
// A UIO or VFIO node the user may not open: the error says to join the group "uiokit" that
// the packaged udev rule (dist/udev) opens those nodes to. The open is refused for real: in a
// child process that is not root (as_nobody.hpp), with the node's mode 0000.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "as_nobody.hpp"
#include "uiokit/error.hpp"
#include "uiokit/uio/uio.hpp"
#include "uiokit/vfio/vfio.hpp"

namespace fs = std::filesystem;

namespace {

// A scratch tree others may read (so that nobody reaches it), with `node` made unopenable.
struct Tree {
  fs::path root;
  Tree() {
    std::string tmpl = (fs::temp_directory_path() / "uiokit-access-XXXXXX").string();
    root = ::mkdtemp(tmpl.data());
    fs::permissions(root, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                              fs::perms::others_exec);
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void put(const fs::path& rel, const std::string& text) {
    const auto p = root / rel;
    fs::create_directories(p.parent_path());
    for (auto d = p.parent_path(); d != root; d = d.parent_path())
      fs::permissions(d, fs::perms::others_read | fs::perms::others_exec | fs::perms::group_read | fs::perms::group_exec,
                      fs::perm_options::add);
    std::ofstream(p) << text;
  }
  void lock(const fs::path& rel) { fs::permissions(root / rel, fs::perms::none); }
};

// The message of the Error `open` throws in a child that is not root, or "opened".
std::string refused_message(const std::function<void()>& open) {
  return as_nobody([&]() -> std::string {
    try {
      open();
    } catch (const uiokit::Error& e) {
      return e.what();
    }
    return "opened";
  });
}

}  // namespace

TEST_CASE("access: a UIO node the user may not open names the uiokit group") {
  Tree t;
  t.put("class/uio/uio0/name", "rtc\n");
  t.put("class/uio/uio0/version", "1\n");
  t.put("class/uio/uio0/event", "0\n");
  t.put("dev/uio0", "");
  t.lock("dev/uio0");
  uiokit::uio::Paths paths;
  paths.sysfs = (t.root / "class/uio").string();
  paths.dev = (t.root / "dev").string();
  paths.run = (t.root / "run").string();
  paths.modules = (t.root / "module").string();
  const auto msg = refused_message([&] { (void)uiokit::uio::Device::open("rtc", {uiokit::uio::Access::shared_read_only, paths}); });
  CHECK(msg.find((t.root / "dev/uio0").string()) != std::string::npos);
  CHECK(msg.find("sudo usermod -aG uiokit") != std::string::npos);
}

TEST_CASE("access: a VFIO container the user may not open names the uiokit group") {
  Tree t;
  t.put("dev/vfio/vfio", "");
  t.lock("dev/vfio/vfio");
  uiokit::vfio::Options o;
  o.dev = t.root / "dev";
  const auto msg = refused_message([&] { uiokit::vfio::Container c(o); });
  CHECK(msg.find("open the VFIO container") != std::string::npos);
  CHECK(msg.find("sudo usermod -aG uiokit") != std::string::npos);
}
