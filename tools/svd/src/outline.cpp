// SPDX-License-Identifier: MIT
// svd::Outline: peripherals resolved one at a time from documents made of the file's pieces.
#include "uiokit/svd/outline.hpp"

#include <algorithm>
#include <cstring>

#include "outline_scan.hpp"
#include "reader.hpp"
#include "uiokit/error.hpp"
#include "uiokit/svd/cache.hpp"
#include "uiokit/svd/lookup.hpp"

namespace uiokit::svd {

namespace {

// The head, the elements `which` (in file order) and the tail, read in place as one document
// whose places are the file's.
// `peripherals_at`: where the document's device has its <peripherals> (see detail::peripherals_offset).
Device read_pieces(const Outline::Scan& s, const std::vector<std::size_t>& which, const std::string& source,
                   const Limits& limits, std::ptrdiff_t* peripherals_at = nullptr) {
  const auto ranges = piece_ranges(s, which);
  const std::size_t size = pieces_size(ranges);
  auto doc = std::make_unique_for_overwrite<char[]>(size);
  detail::Dom dom;
  copy_pieces(s, ranges, doc.get(), dom);
  auto d = detail::parse_pieces(dom, doc.get(), size, source, limits, /*partial=*/true);
  if (peripherals_at) *peripherals_at = detail::peripherals_offset(dom);
  return d;
}

// read_pieces, or nothing where the document cannot stand for the file (an error, a Partial).
std::optional<Device> try_pieces(const Outline::Scan& s, const std::vector<std::size_t>& which, const std::string& source,
                                 const Limits& limits, std::ptrdiff_t* peripherals_at = nullptr) {
  try {
    return read_pieces(s, which, source, limits, peripherals_at);
  } catch (const Error&) {
  } catch (const detail::Partial&) {
  }
  return std::nullopt;
}

const Peripheral* named(const std::vector<Peripheral>& ps, std::string_view name) {
  auto it = std::find_if(ps.begin(), ps.end(), [&](const Peripheral& p) { return p.name == name; });
  return it == ps.end() ? nullptr : &*it;
}

}  // namespace

Outline::Outline(const std::filesystem::path& path, const Limits& limits)
    : path_(path), source_(path.string()), limits_(limits) {
  auto s = std::make_unique<Scan>();
  auto f = detail::read_file(path);
  s->bytes = std::move(f.buf);
  s->file = {s->bytes.get(), f.size};
  s->size = f.size;
  if (scan_outline(*s)) {
    // The device's own elements: the head and the tail with no peripheral between them. The
    // <peripherals> the scan found must be the one the reader takes (the first <device>'s).
    std::ptrdiff_t at = -1;
    const auto head = try_pieces(*s, {}, source_, limits_, &at);
    if (head && at == static_cast<std::ptrdiff_t>(s->head_name)) {
      name_ = head->name;
      keep_warnings(*head);
      for (const auto& p : s->peripherals) names_.push_back(p.name);
      resolved_.assign(names_.size(), nullptr);
      scan_ = std::move(s);
      return;
    }
  }
  whole();
}

Outline::~Outline() = default;
Outline::Outline(Outline&&) noexcept = default;
Outline& Outline::operator=(Outline&&) noexcept = default;

const Device& Outline::whole() {
  if (!whole_) {
    whole_ = load_cached(path_, limits_);
    keep_warnings(*whole_);
    if (!scan_) {  // read whole at open: the names are the model's
      name_ = whole_->name;
      for (const auto& p : whole_->peripherals) names_.push_back(p.name);
    }
  }
  return *whole_;
}

void Outline::keep_warnings(const Device& d) {
  for (const auto& w : d.warnings)
    if (std::find(warnings_.begin(), warnings_.end(), w) == warnings_.end()) warnings_.push_back(w);
}

std::optional<std::size_t> Outline::find(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return i;
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (iequal(names_[i], name)) return i;
  return std::nullopt;
}

const Peripheral& Outline::peripheral(std::size_t i) {
  if (i >= names_.size()) throw Error(Errc::invalid_argument, source_, "no peripheral " + std::to_string(i));
  if (!scan_) return whole().peripherals.at(i);
  if (resolved_[i]) return *resolved_[i];
  std::vector<std::size_t> which;
  if (!whole_ && reach(*scan_, {i}, which))
    if (auto part = try_pieces(*scan_, which, source_, limits_))
      if (const auto* p = named(part->peripherals, names_[i])) {
        keep_warnings(*part);
        parts_.push_back(std::move(*part));  // the peripherals' vector moves with its elements in place
        return *(resolved_[i] = p);
      }
  // The part cannot stand for the file: the whole reading answers, its errors included.
  const auto* p = named(whole().peripherals, names_[i]);
  if (!p) throw Error(Errc::parse_error, source_, "peripheral " + names_[i] + " is not in the file as read whole");
  return *(resolved_[i] = p);
}

}  // namespace uiokit::svd
