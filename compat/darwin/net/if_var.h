/*
 * rtsock compat, macOS: <net/if_var.h>, where xnu keeps struct if_data (of
 * RTM_IFINFO and NET_RT_IFLIST) and struct if_data64 (of RTM_IFINFO2 and
 * NET_RT_IFLIST2). Both are packed to 4 bytes and carry 32-bit times.
 */
#ifndef _NET_IF_VAR_H_
#define _NET_IF_VAR_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <stdint.h>

#ifndef _STRUCT_TIMEVAL32
#define _STRUCT_TIMEVAL32 struct timeval32
struct timeval32 {
  int32_t tv_sec;
  int32_t tv_usec;
};
#endif

#pragma pack(4)

struct if_data {
  unsigned char ifi_type;      /* IFT_* */
  unsigned char ifi_typelen;   /* length of the media type */
  unsigned char ifi_physical;  /* e.g., AUI, Thinnet, 10base-T, etc */
  unsigned char ifi_addrlen;   /* media address length */
  unsigned char ifi_hdrlen;    /* media header length */
  unsigned char ifi_recvquota; /* polling quota for receive intrs */
  unsigned char ifi_xmitquota; /* polling quota for xmit intrs */
  unsigned char ifi_unused1;
  uint32_t ifi_mtu;
  uint32_t ifi_metric;
  uint32_t ifi_baudrate;
  uint32_t ifi_ipackets;
  uint32_t ifi_ierrors;
  uint32_t ifi_opackets;
  uint32_t ifi_oerrors;
  uint32_t ifi_collisions;
  uint32_t ifi_ibytes;
  uint32_t ifi_obytes;
  uint32_t ifi_imcasts;
  uint32_t ifi_omcasts;
  uint32_t ifi_iqdrops;
  uint32_t ifi_noproto;
  uint32_t ifi_recvtiming;
  uint32_t ifi_xmittiming;
  struct timeval32 ifi_lastchange;
  uint32_t ifi_unused2;
  uint32_t ifi_hwassist;
  uint32_t ifi_reserved1;
  uint32_t ifi_reserved2;
};

struct if_data64 {
  unsigned char ifi_type;
  unsigned char ifi_typelen;
  unsigned char ifi_physical;
  unsigned char ifi_addrlen;
  unsigned char ifi_hdrlen;
  unsigned char ifi_recvquota;
  unsigned char ifi_xmitquota;
  unsigned char ifi_unused1;
  uint32_t ifi_mtu;
  uint32_t ifi_metric;
  uint64_t ifi_baudrate;
  uint64_t ifi_ipackets;
  uint64_t ifi_ierrors;
  uint64_t ifi_opackets;
  uint64_t ifi_oerrors;
  uint64_t ifi_collisions;
  uint64_t ifi_ibytes;
  uint64_t ifi_obytes;
  uint64_t ifi_imcasts;
  uint64_t ifi_omcasts;
  uint64_t ifi_iqdrops;
  uint64_t ifi_noproto;
  uint32_t ifi_recvtiming;
  uint32_t ifi_xmittiming;
  struct timeval32 ifi_lastchange;
};

#pragma pack()

#endif /* !_NET_IF_VAR_H_ */
