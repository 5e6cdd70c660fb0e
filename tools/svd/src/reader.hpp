// SPDX-License-Identifier: MIT
// The SVD reader's internals, shared by its parts:
//   read.cpp     the XML parse, diagnostics and the entry points;
//   line_ends.cpp  where a text's lines end, for line:column in messages;
//   file_bytes.cpp  the file read whole, a large one into huge pages;
//   xml_pages.cpp   the memory of a large file's XML document;
//   parts.cpp    a large file read a few peripherals at a time;
//   tokens.cpp   numbers and the enumerated tokens of the schema (access, modifiedWriteValues...),
//                accepting unambiguous vendor spellings with a warning;
//   index.cpp    derivedFrom: siblings, dotted paths, enumeratedValues sets, derivation chains;
//   expand.cpp   children merged across a derivation chain (duplicates diagnosed), dim arrays;
//   resolve.cpp  the model: properties inherited, registers, fields, enumerated values;
//   serial.cpp   the model as bytes and back; cache.cpp  models kept between runs.
//
// Diagnostics: an error is uiokit::Error(Errc::parse_error) whose subject is "FILE:LINE:COLUMN"; a
// warning is a line "FILE:LINE: warning: WHAT (reading chosen: HOW)" kept in Device::warnings.
#pragma once

#include <pugixml.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "uiokit/svd/parse.hpp"

namespace uiokit::svd::detail {

constexpr std::uint64_t max_dim = 65536;
constexpr int max_derive_depth = 16;
constexpr int max_cluster_depth = 32;

// Where an element is, for messages: "UART0.CH[1].CTRL.EN", and the XML node for its line.
// A chain of views built on the stack as the reader descends, formatted only when needed.
struct Where {
  const Where* parent = nullptr;
  std::string_view name;
  pugi::xml_node node{};
  std::string str() const;
  pugi::xml_node nearest_node() const;
};

struct PairHash {
  std::size_t operator()(const std::pair<const void*, std::string_view>& k) const noexcept {
    return std::hash<const void*>{}(k.first) * 31u ^ std::hash<std::string_view>{}(k.second);
  }
};
using Key = std::pair<const void*, std::string_view>;  // (element, name); views into the document

// The first two nodes with one name: enough to skip the element asking (a self-reference).
struct FirstTwo {
  pugi::xml_node first, second;
  void add(pugi::xml_node n) {
    if (!first) first = n;
    else if (!second) second = n;
  }
  pugi::xml_node other_than(pugi::xml_node n) const { return first != n ? first : second; }
};

// Register properties, inherited down the tree.
struct Props {
  unsigned size = 32;
  Access access = Access::rw;  // ro, wo, rw, wo_once or rw_once
  std::uint64_t reset_value = 0;
  std::uint64_t reset_mask = ~std::uint64_t{0};
  friend bool operator==(const Props&, const Props&) = default;
};

// Memory for a file's bytes (file_bytes.cpp): from the heap, or for a large file an anonymous
// mapping of `length` bytes that asks for huge pages.
struct Unmap {
  std::size_t length = 0;  // 0: from new[]
  void operator()(char* p) const noexcept;
};
using Bytes = std::unique_ptr<char[], Unmap>;
Bytes allocate_bytes(std::size_t n);

// The characters of the model's descriptions, copied out of the document into large blocks: a
// description costs a bump of a pointer, not an allocation. Blocks never move. For a large file
// (`text_size`, the document's) the blocks are huge pages (allocate_bytes): its descriptions run
// to megabytes, which in small pages would cost a fault per 4 KiB.
class TextStore {
 public:
  explicit TextStore(std::size_t text_size);
  std::string_view keep(std::string_view s);

 private:
  std::size_t block_size_;
  std::vector<Bytes> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

// Memory for the nodes of a large file's document (xml_pages.cpp), given back all at once when
// it goes. A Use, held around a parse, has that thread's pugixml pages come from it when the text
// is large; a small file's parse does not map anything.
class XmlPages {
 public:
  static constexpr std::size_t large_text = std::size_t{1} << 20;
  XmlPages() = default;
  XmlPages(const XmlPages&) = delete;
  XmlPages& operator=(const XmlPages&) = delete;
  ~XmlPages();
  void* take(std::size_t n);  // nullptr when no memory is left
  // Serve the next document from the start of the memory it has, once the last one is gone: a
  // file read in parts (parts.cpp) parses every part into the same pages.
  void rewind();
  bool any_size = false;  // a Use serves documents of every size, not only large ones

  class Use {
   public:
    Use(XmlPages& pages, std::size_t text_size);
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    ~Use();

   private:
    bool on_ = false;
  };

 private:
  std::vector<std::pair<Bytes, std::size_t>> chunks_;  // and their sizes
  std::size_t current_ = 0;  // the chunk being served from
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

// Where a text's '\n's are, to name a place by line and column: one bit per byte, and the count
// of '\n's before every block of 512 bytes (line_ends.cpp). The text is scanned 64 bytes at a
// time without a branch per line, and a place's line is a block's count and at most eight
// popcounts.
class LineEnds {
 public:
  LineEnds() = default;
  explicit LineEnds(std::string_view text);
  bool noted() const { return noted_; }
  std::size_t line_of(std::size_t offset) const;    // 1 + the '\n's before offset
  std::size_t column_of(std::size_t offset) const;  // 1 + the bytes after the last '\n' before offset

 private:
  static constexpr std::size_t block_words = 8;
  const std::uint64_t* words() const { return reinterpret_cast<const std::uint64_t*>(bits_.get()); }
  Bytes bits_;                       // bit i of word w: byte 64 * w + i is a '\n'
  void count_lines() const;
  mutable std::vector<std::size_t> before_;  // '\n's before each block of block_words words; made by count_lines()
  std::size_t size_ = 0;
  bool noted_ = false;
};

// The parsed document and what is needed to name places in it.
struct Dom {
  XmlPages pages;  // before doc: the document's nodes may live in it
  pugi::xml_document doc;
  pugi::xml_parse_result result;
  pugi::xml_node device, peripherals;
  std::vector<pugi::xml_node> peripheral_nodes;  // every <peripheral> of the first <peripherals>
  // The '\n's of the file: noted before an in-place parse overwrites some of them, or from
  // `unnoted` (the file, left intact) when a place is first named.
  mutable LineEnds newlines;
  std::string_view unnoted;
  const LineEnds& lines() const;
  // A document made of pieces of a file (outline.cpp): where each piece starts in the document
  // and in the file, in order, so that places are named by the file's own lines. Empty: the
  // document is the file.
  std::vector<std::pair<std::size_t, std::size_t>> pieces;
  // Where the model's descriptions go: made for the document when it is read, unless given (the
  // parts of one file share one, parts.cpp).
  std::shared_ptr<TextStore> text;
  // What the document expanded to (Ctx::registers, Ctx::elements), once it is read.
  std::size_t registers = 0, elements = 0;
  std::size_t line_of(std::size_t offset) const;    // offsets in the document
  std::size_t column_of(std::size_t offset) const;
  std::size_t file_offset(std::size_t offset) const;
};

struct Ctx;

// Names given twice among expanded siblings (peripherals, a peripheral's registers, a
// register's fields): an error naming both lines, or with Limits::keep_duplicates a warning
// that keeps the first. A field named RESERVED... given twice is always that warning.
class Unique {
 public:
  bool has(std::string_view name) const { return !slots_.empty() && taken(slots_[find(name, hash(name))]); }
  // false: `name` was taken before; the caller drops the element.
  bool add(Ctx& c, std::string_view name, pugi::xml_node at, const Where& where, const char* what);
  // Forgets every name and keeps the memory: one Unique serves every register's fields.
  void clear();

 private:
  // An open-addressed table of views into copies of the names kept in blocks that never move:
  // a name taken costs no allocation once the first block and the table are there.
  struct Slot {
    std::uint64_t hash = 0;
    std::string_view name;
    pugi::xml_node at;
    std::uint32_t round = 0;  // taken in this round (clear() starts the next)
  };
  bool taken(const Slot& s) const { return s.round == round_; }
  static std::uint64_t hash(std::string_view s) noexcept;
  std::size_t find(std::string_view name, std::uint64_t h) const;  // its slot, or the empty one it would take
  std::string_view keep(std::string_view name);
  void grow();
  std::vector<Slot> slots_;  // a power of two of them, at most half full
  std::size_t count_ = 0;
  std::uint32_t round_ = 1;
  static constexpr std::size_t block_size = 4096;
  std::vector<std::unique_ptr<char[]>> blocks_;  // of block_size
  std::size_t block_ = 0, used_ = 0;  // the block names are copied into, and how much of it is used
  std::vector<std::unique_ptr<char[]>> large_;  // each a name longer than a block
};

struct Ctx {
  std::string source;
  const Dom* dom = nullptr;
  Limits limits;
  std::size_t registers = 0, elements = 0;  // what the file has expanded to so far
  std::shared_ptr<TextStore> text;  // made with the document's size (parse_document)
  std::vector<std::string> warnings;
  // Indexes for derivedFrom, built on first use (most files never need them).
  std::unordered_set<const void*> sibling_parents;
  std::unordered_map<Key, std::vector<pugi::xml_node>, PairHash> siblings;
  std::unordered_map<std::string_view, pugi::xml_node> peripherals;  // by name; the last one wins
  bool peripherals_built = false;
  std::unordered_map<Key, FirstTwo, PairHash> enum_sets;
  // The document holds only some of the file's peripherals (outline.cpp): a reference that
  // would be looked up among all of them throws Partial instead of being resolved in part.
  bool partial = false;
  Unique field_names;  // of the register being read (resolve.cpp)

  // "FILE:LINE" ("FILE:LINE:COLUMN", the element's name, with `column`), or FILE when n is null.
  std::string place(pugi::xml_node n, bool column = false) const;
};

// Thrown where a partial document (Ctx::partial) cannot answer as the whole file would.
struct Partial {};

[[noreturn]] void fail(const Ctx& c, const Where* where, const std::string& what);
void warn(Ctx& c, pugi::xml_node at, const Where* where, const std::string& what, const std::string& reading);

// tokens.cpp
// XML whitespace (the four characters XML defines), tested inline: trim runs on every text.
constexpr bool xml_space(char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; }
std::string_view trim(std::string_view s);
// An element's text. The parse embeds an element's leading text in the element itself
// (parse_embed_pcdata, read.cpp): that is its value, one call away; text() finds any other form
// (CDATA, or text after a child element).
inline std::string_view text_of(pugi::xml_node n) {
  const char* v = n.value();
  return trim(*v ? v : n.text().get());
}
inline std::string_view name_of(pugi::xml_node n) { return text_of(n.child("name")); }
std::optional<std::uint64_t> number(std::string_view v);
// "#01x", "0b01X": a binary value with don't-care bits; nullopt when s is not one.
struct Masked {
  std::uint64_t value = 0, mask = 0;
};
std::optional<Masked> dont_care_binary(std::string_view s);
Access parse_access(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where);
OnWrite parse_mw(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where);
OnRead parse_ra(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where);
Usage parse_usage(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where);

// A pugixml handle is one pointer (checked here), and its constructors and null test are calls
// into the library: the reader keeps and tests the pointers itself where it does so per child.
static_assert(sizeof(pugi::xml_node) == sizeof(pugi::xml_node_struct*) && std::is_trivially_copyable_v<pugi::xml_node>);
inline pugi::xml_node_struct* raw(pugi::xml_node n) { return std::bit_cast<pugi::xml_node_struct*>(n); }
inline pugi::xml_node node_of(pugi::xml_node_struct* p) { return std::bit_cast<pugi::xml_node>(p); }

// Whether a node's name (NUL-terminated, as pugixml gives it) is `tag`: compared up to the first
// difference, without measuring the name first.
constexpr bool is_tag(const char* name, std::string_view tag) {
  for (const char ch : tag)
    if (*name++ != ch) return false;
  return *name == '\0';
}

// The child elements the reader asks for, gathered in one pass over an element's children.
enum class T : unsigned { name, description, groupName, baseAddress, addressBlock, registers, dim, dimIncrement, dimIndex, size, access, resetValue, resetMask, addressOffset, modifiedWriteValues, readAction, fields, bitOffset, bitWidth, lsb, msb, bitRange, enumeratedValues, count };
struct Kids {
  std::array<pugi::xml_node_struct*, static_cast<std::size_t>(T::count)> at{};
  pugi::xml_node operator[](T t) const { return node_of(at[static_cast<std::size_t>(t)]); }
  bool has(T t) const { return at[static_cast<std::size_t>(t)] != nullptr; }
};
Kids gather(pugi::xml_node n);

// An element and the chain of elements it derives from: a child not given here comes from the
// nearest base that has it.
struct Elem {
  pugi::xml_node node;
  Kids own;
  std::vector<std::pair<pugi::xml_node, Kids>> bases;
  pugi::xml_node holder(T t) const;  // the element (itself or a base) whose child of tag t counts
  pugi::xml_node child(T t) const {
    if (own.has(t) || bases.empty()) return own[t];
    return base_child(t);
  }
  pugi::xml_node base_child(T t) const;
  std::optional<std::string_view> text(T t) const {
    auto ch = child(t);
    if (!raw(ch)) return std::nullopt;
    return text_of(ch);
  }
};
std::optional<std::uint64_t> num_child(const Ctx& c, const Elem& e, T tag, const Where& where);

// index.cpp
// n's chain of bases; own is gather(n), which the caller has already for n's name.
Elem with_bases(Ctx& c, pugi::xml_node n, const Kids& own, const Where& where);
pugi::xml_node find_enum_set(Ctx& c, pugi::xml_node ev, std::string_view ref);

// expand.cpp
struct Dim {
  std::vector<std::string> index;  // empty: no dim
  std::uint64_t increment = 0;
};
Dim dim_of(const Ctx& c, const Elem& e, const Where& where);
std::string expand(std::string_view name, const std::string& index);
std::vector<pugi::xml_node> merged_children(const Elem& e, std::optional<T> container, std::initializer_list<std::string_view> tags);
// resolve.cpp
void spend(Ctx& c, std::size_t n, const Where& where);
void spend_registers(Ctx& c, std::size_t n, const Where& where);
// What registers count against Limits::max_elements: themselves, their fields and values.
std::size_t elements_in(const std::vector<Register>& regs);
Device build(Ctx& c);

// A whole file, read once: parsed in place (pugixml writes into the buffer) and, before that,
// hashed by the cache.
struct FileBytes {
  Bytes buf;
  std::size_t size = 0;
};
// An SVD file open for reading; throws Errc::not_found naming the path when it cannot be opened.
class SvdFile {
 public:
  explicit SvdFile(const std::filesystem::path& path);
  SvdFile(const SvdFile&) = delete;
  SvdFile& operator=(const SvdFile&) = delete;
  ~SvdFile();
  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  std::size_t regular_size() const { return size_; }  // fstat's size; 0 for anything but a regular file
  // What fstat said of the file at open: which file it is and when it last changed.
  struct Identity {
    std::uint64_t dev = 0, ino = 0, size = 0;
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    bool operator==(const Identity&) const = default;
  };
  const Identity& identity() const { return identity_; }
  bool unchanged() const;  // fstat still says identity()
  FileBytes read_all() const;  // throws Errc::io_failed naming the path

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::size_t size_ = 0;
  Identity identity_;
};
FileBytes read_file(const std::filesystem::path& path);
Device parse_in_place(FileBytes& f, std::string source, const Limits& limits);
// A document assembled from pieces of a file, read in place: `dom` carries the pieces and the
// file's line ends; partial as in Ctx.
Device parse_pieces(Dom& dom, char* doc, std::size_t size, std::string source, const Limits& limits, bool partial);
// Where the device's <peripherals> element is in the document (the offset of its name), or -1.
std::ptrdiff_t peripherals_offset(const Dom& dom);
// parts.cpp: a large file read a few peripherals at a time, when that reading is the whole
// file's; nothing where only the whole reading can say (an error, a warning, a reference that
// needs every peripheral, a file the outline scan does not follow).
// Files below `from` bytes are left to the whole reading (the checks ask of every size).
constexpr std::size_t by_parts_from = std::size_t{8} << 20;
std::optional<Device> parse_by_parts(const FileBytes& f, const std::string& source, const Limits& limits,
                                     std::size_t from = by_parts_from);

}  // namespace uiokit::svd::detail
