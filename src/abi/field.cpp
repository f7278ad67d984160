// Field names, used by JSON output and diagnostics.
#include "rtsock/abi/field.hpp"

#include <array>

namespace rtsock::abi {
namespace {

constexpr std::array<std::string_view, kFieldCount> kNames = {
    "msglen", "version", "type", "hdrlen", "index", "tableid", "priority", "mpls", "flags",
    "xflags", "addrs", "pid", "seq", "errno", "fmask", "use", "inits", "refcnt", "parentflags",
    "reserved", "metric", "addrflags", "what", "data_off", "snd_len", "snd_maxlen",
    "snd_drops", "timer", "rmx_locks", "rmx_mtu", "rmx_hopcount", "rmx_expire",
    "rmx_recvpipe", "rmx_sendpipe", "rmx_ssthresh", "rmx_rtt", "rmx_rttvar", "rmx_pksent",
    "rmx_weight", "rmx_nhidx", "rmx_state", "rmx_refcnt", "rmx_mssopt", "rmx_msl",
    "rmx_iwmaxsegs", "rmx_iwcapsegs", "ifi_type", "ifi_typelen", "ifi_physical",
    "ifi_addrlen", "ifi_hdrlen", "ifi_link_state", "ifi_vhid", "ifi_baudrate_pf",
    "ifi_recvquota", "ifi_xmitquota", "ifi_datalen", "ifi_mtu", "ifi_metric", "ifi_rdomain",
    "ifi_baudrate", "ifi_ipackets", "ifi_ierrors", "ifi_opackets", "ifi_oerrors",
    "ifi_collisions", "ifi_ibytes", "ifi_obytes", "ifi_imcasts", "ifi_omcasts", "ifi_iqdrops",
    "ifi_oqdrops", "ifi_noproto", "ifi_hwassist", "ifi_capabilities", "ifi_recvtiming",
    "ifi_xmittiming", "ifi_epoch", "ifi_lastchange_sec", "ifi_lastchange_usec",
    "ifi_lastchange_nsec",
};

}  // namespace

std::string_view field_name(Field f) { return kNames[idx(f)]; }

}  // namespace rtsock::abi
