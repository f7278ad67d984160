// rtsock/abi/errno.hpp — errno numbering per OS.
//
// The forwarding database reports host (Linux) errno values; rtm_errno and
// write() on a BSD routing socket carry the OS's own numbers, which differ
// above ERANGE (34): EAGAIN is 35 on the BSDs, EOPNOTSUPP 102 on Darwin,
// and HP-UX numbers its socket errors from 216. These map both ways.
#pragma once

#include "rtsock/abi/profile.hpp"

namespace rtsock::abi {

// The OS's number for a host errno value (unknown values pass through).
int os_errno(const Profile& p, int host_errno);
// The host errno for an OS number, for strerror() (unknown values pass through).
int host_errno(const Profile& p, int os_errno);

}  // namespace rtsock::abi
