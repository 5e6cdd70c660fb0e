// SPDX-License-Identifier: MIT
// Finding an SVD file: `--svd pl111` as well as `--svd ./board.svd`. A name without a slash or
// .svd suffix is looked up as NAME.svd in $UIOKIT_SVD_PATH (colon-separated), then in
// <prefix>/share/uiokit/svd next to the running program (<prefix>/bin/uiokit, or
// <prefix>/libexec/uiokit/uiokit-tool; a build tree has its copy in <build>/share/uiokit/svd),
// then in the folder of the configured installation.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace uiokit::svd {

std::filesystem::path locate(const std::string& name_or_path);
// The folders searched, in order.
std::vector<std::filesystem::path> search_path();

}  // namespace uiokit::svd
