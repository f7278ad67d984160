// The process's compat state: the personality note, the code it covers,
// messages, errno numbering.
#include "runtime.hpp"

#include <elf.h>
#include <link.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>

#include "real.hpp"
#include "rtsock/abi/errno.hpp"

namespace rtsock::compat {
namespace {

constexpr std::size_t kMaxRanges = 64;

struct Range {
  std::uintptr_t lo = 0, hi = 0;
};

struct State {
  bool active = false;
  const abi::Profile* profile = nullptr;
  std::string personality;
  std::string conflict;
  // Text of objects built with the compat headers, and of sanitizer
  // runtimes (whose interceptors stand between a caller and us: their
  // calls count as the program's).
  std::array<Range, kMaxRanges> ranges{};
  std::size_t nranges = 0;
};

// Built on first use: the library's constructor may run before this file's
// static initialisers.
State& state() {
  static State* s = new State;
  return *s;
}
std::once_flag g_once;
std::atomic<int> g_state{0};  // 0: not yet known, 1: passive, 2: active

// The personality named by an "rtsock" note in one object's PT_NOTE segments.
std::string note_of(const dl_phdr_info* info) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const auto* p = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
    const std::size_t align = ph.p_align == 8 ? 8 : 4;
    std::size_t off = 0;
    while (off + sizeof(ElfW(Nhdr)) <= ph.p_memsz) {
      ElfW(Nhdr) n;
      std::memcpy(&n, p + off, sizeof n);
      const std::size_t name_off = off + sizeof n;
      const std::size_t desc_off = name_off + ((n.n_namesz + align - 1) & ~(align - 1));
      const std::size_t next = desc_off + ((n.n_descsz + align - 1) & ~(align - 1));
      if (next > ph.p_memsz || next <= off) break;
      if (n.n_type == 1 && n.n_namesz == 7 && std::memcmp(p + name_off, "rtsock", 7) == 0 &&
          n.n_descsz > 0) {
        const char* d = reinterpret_cast<const char*>(p + desc_off);
        return std::string(d, strnlen(d, n.n_descsz));
      }
      off = next;
    }
  }
  return {};
}

void add_ranges(const dl_phdr_info* info) {
  for (int i = 0; i < info->dlpi_phnum && state().nranges < kMaxRanges; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD || (ph.p_flags & PF_X) == 0) continue;
    const std::uintptr_t lo = info->dlpi_addr + ph.p_vaddr;
    state().ranges[state().nranges++] = {lo, lo + ph.p_memsz};
  }
}

bool is_sanitizer_runtime(const char* name) {
  return name != nullptr && (std::strstr(name, "libasan") != nullptr ||
                             std::strstr(name, "libclang_rt.asan") != nullptr ||
                             std::strstr(name, "libubsan") != nullptr);
}

struct Scan {
  std::string note;       // the first note seen
  bool main_seen = false;
  bool main_has_note = false;
};

int scan_object(dl_phdr_info* info, std::size_t, void* data) {
  auto& s = *static_cast<Scan*>(data);
  const bool is_main = !s.main_seen;
  s.main_seen = true;
  std::string note = note_of(info);
  if (!note.empty()) {
    if (is_main) s.main_has_note = true;
    if (s.note.empty()) {
      s.note = note;
    } else if (note != s.note && state().conflict.empty()) {
      state().conflict = "this program mixes code built for " + s.note + " and for " + note;
    }
    add_ranges(info);
  } else if (is_sanitizer_runtime(info->dlpi_name)) {
    add_ranges(info);
  }
  return 0;
}

int add_main(dl_phdr_info* info, std::size_t, void* data) {
  auto* done = static_cast<bool*>(data);
  if (!*done) add_ranges(info);
  *done = true;
  return 0;
}

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : nullptr;
}

const abi::Profile* profile_named(std::string_view name) {
  if (const abi::Profile* p = abi::find_profile(name)) return p;
  return abi::find_profile(std::string(name) + "-amd64");
}

void initialize() {
  real::resolve();
  Scan s;
  ::dl_iterate_phdr(scan_object, &s);
  const char* wanted = env("RTSOCK_PERSONALITY");
  const char* force = env("RTSOCK_COMPAT");
  std::string name = s.note;
  if (name.empty() && force != nullptr && std::strcmp(force, "force") == 0 && wanted != nullptr) {
    // A program built against the compat headers some other way, told
    // explicitly: its own text is compat code.
    name = wanted;
    bool done = false;
    ::dl_iterate_phdr(add_main, &done);
  }
  if (name.empty()) {
    g_state.store(1, std::memory_order_release);
    return;  // passive
  }
  state().profile = profile_named(name);
  if (state().profile == nullptr) {
    state().conflict = "unknown personality \"" + name + "\"";
    state().profile = &abi::default_profile();
  }
  state().personality = std::string(abi::os_name(state().profile->os));
  if (wanted != nullptr && state().conflict.empty()) {
    const abi::Profile* w = profile_named(wanted);
    if (w == nullptr || w->name != state().profile->name)
      state().conflict = "this program was built for " + name + ", but RTSOCK_PERSONALITY (rtsock-run -p) asks for " +
                         wanted + "; build it with rtsock-cc -p " + wanted + ", or run it with -p " + name;
  }
  state().active = true;
  g_state.store(2, std::memory_order_release);
}

}  // namespace

thread_local int Internal::depth_ = 0;

void init() { std::call_once(g_once, initialize); }

bool active() {
  int s = g_state.load(std::memory_order_acquire);
  if (s == 0) {
    init();
    s = g_state.load(std::memory_order_acquire);
  }
  return s == 2;
}

const abi::Profile& profile() { return state().profile != nullptr ? *state().profile : abi::default_profile(); }
std::string_view personality() { return state().personality; }
const std::string& personality_conflict() { return state().conflict; }

bool compat_caller(const void* return_address) {
  const auto a = reinterpret_cast<std::uintptr_t>(return_address);
  for (std::size_t i = 0; i < state().nranges; ++i)
    if (a >= state().ranges[i].lo && a < state().ranges[i].hi) return true;
  return false;
}

void say_once(std::string_view text) {
  static std::mutex m;
  static std::set<std::string, std::less<>> said;
  {
    std::lock_guard lock(m);
    if (!said.emplace(text).second) return;
  }
  std::string line = "rtsock: ";
  line += text;
  line += '\n';
  real::resolve();
  [[maybe_unused]] ssize_t n = real::write(2, line.data(), line.size());
}

int host_errno(int os) { return os <= 0 ? os : abi::host_errno(profile(), os); }
int os_errno(int host) { return host <= 0 ? host : abi::os_errno(profile(), host); }

}  // namespace rtsock::compat
