// rtsock/abi/errno.hpp — errno numbering per OS.
//
// The forwarding database reports host (Linux) errno values; rtm_errno and
// write() on a BSD routing socket carry the OS's own numbers, which differ
// above ERANGE (34): EAGAIN is 35 on the BSDs, EOPNOTSUPP 102 on Darwin,
// and HP-UX numbers its socket errors from 216. These map both ways.
#pragma once

#include <string_view>

#include "rtsock/abi/profile.hpp"

namespace rtsock::abi {

// The OS's number for a host errno value (unknown values pass through).
int os_errno(const Profile& p, int host_errno);
// The host errno for an OS number, for strerror() (unknown values pass through).
int host_errno(const Profile& p, int os_errno);

// strerror(3) as the BSD C libraries spell it, for a host errno value
// (FreeBSD's sys_errlist; OpenBSD, NetBSD, DragonFly and macOS agree on the
// messages route(8) and ifconfig(8) print, and several differ from glibc:
// ENXIO is "Device not configured", ERANGE "Result too large"). Values it
// does not know fall back to the host's strerror().
std::string_view bsd_strerror(int host_errno);

}  // namespace rtsock::abi
