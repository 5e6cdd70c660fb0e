// SPDX-License-Identifier: MIT
#include "uiokit/svd/locate.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>
#include <system_error>

#include "uiokit/error.hpp"

namespace fs = std::filesystem;

namespace uiokit::svd {

std::vector<fs::path> search_path() {
  std::vector<fs::path> out;
  if (const char* env = std::getenv("UIOKIT_SVD_PATH")) {
    for (std::string_view rest = env; !rest.empty();) {
      const auto colon = rest.find(':');
      if (colon != 0) out.emplace_back(rest.substr(0, colon));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto dir = exe.parent_path();
    // <prefix>/libexec/uiokit/uiokit-tool, which `uiokit` hands most command lines to.
    if (dir.filename() == "uiokit" && dir.parent_path().filename() == "libexec") dir = dir.parent_path();
    out.push_back(dir.parent_path() / "share/uiokit/svd");
  }
#ifdef UIOKIT_SVD_INSTALL_DIR
  out.emplace_back(UIOKIT_SVD_INSTALL_DIR);
#endif
  return out;
}

fs::path locate(const std::string& name) {
  std::error_code ec;
  const bool looks_like_path = name.find('/') != std::string::npos || fs::path(name).extension() == ".svd";
  if (looks_like_path || fs::exists(name, ec)) {
    if (!fs::exists(name, ec)) throw Error(Errc::not_found, name, "no such SVD file");
    return name;
  }
  std::string tried;
  for (const auto& dir : search_path()) {
    auto p = dir / (name + ".svd");
    if (fs::exists(p, ec)) return p;
    tried += (tried.empty() ? "" : ", ") + dir.string();
  }
  throw Error(Errc::not_found, name, "no SVD file of that name", {}, 0,
              "looked for " + name + ".svd in " + (tried.empty() ? "no folder" : tried) +
                  "; pass the file's path (--svd ./" + name + ".svd) or set UIOKIT_SVD_PATH to the folder that holds it");
}

}  // namespace uiokit::svd
