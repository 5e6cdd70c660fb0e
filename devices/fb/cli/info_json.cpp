// SPDX-License-Identifier: MIT
// uiokit-fb info --json (info_json.hpp).
#include "info_json.hpp"

namespace fbcli {
using namespace uiokit::fb;

nlohmann::json info_json(const Framebuffer& fb) {
  nlohmann::json j{{"display", fb.name()}, {"via", fb.via()}, {"memory_bytes", fb.memory_size()}};
  j["formats"] = nlohmann::json::array();
  for (auto f : fb.formats()) j["formats"].push_back(std::string(to_string(f)));
  j["mode"] = nullptr;
  if (const auto m = fb.mode())
    j["mode"] = {{"width", m->width}, {"height", m->height}, {"format", std::string(to_string(m->format))},
                 {"stride", m->stride}, {"pages", m->pages}, {"page_bytes", m->page_bytes}, {"shown", fb.shown()}};
  j["details"] = nlohmann::json::object();
  for (const auto& [k, v] : fb.details()) j["details"][k] = v;
  return j;
}

}  // namespace fbcli
