// Reading a CMSIS-SVD file (XML, with pugixml) into the resolved model of uiokit/svd/model.hpp.
// A malformed file or a broken reference (derivedFrom naming nothing, a dim without its
// increment, a field outside its register) is uiokit::Error(Errc::parse_error) naming the
// element; there are limits (dim <= 65536, derivedFrom depth <= 16, 1 M registers) so that
// hostile input cannot make it allocate without bound.
#pragma once

#include <filesystem>
#include <string_view>

#include "uiokit/svd/model.hpp"

namespace uiokit::svd {

Device load(const std::filesystem::path& path);
Device parse(std::string_view xml, std::string source = "<memory>");

}  // namespace uiokit::svd
