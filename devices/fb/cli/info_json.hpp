// SPDX-License-Identifier: MIT
// `uiokit-fb info --json`: the display, its path, video memory, formats, the mode (null when
// the display is off) with the page shown, and the driver's details. Apart from the command
// line so that the unit tests check it over a fake display.
#pragma once

#include <nlohmann/json.hpp>

#include "uiokit/fb/framebuffer.hpp"

namespace fbcli {

nlohmann::json info_json(const uiokit::fb::Framebuffer& fb);

}  // namespace fbcli
