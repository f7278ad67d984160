/*
 * rtsock compat: <sys/endian.h>. glibc's <endian.h> has htobe16 and the
 * rest; the BSDs add byte swaps and unaligned encoders and decoders.
 */
#ifndef _SYS_ENDIAN_H_
#define _SYS_ENDIAN_H_

#include <sys/_rtsock_compat.h>
#include <endian.h>
#include <stdint.h>

#ifndef _BYTE_ORDER
#define _BYTE_ORDER __BYTE_ORDER
#define _LITTLE_ENDIAN __LITTLE_ENDIAN
#define _BIG_ENDIAN __BIG_ENDIAN
#endif

/* glibc's <endian.h> hides these under strict _POSIX_C_SOURCE/_XOPEN_SOURCE;
 * a BSD's <sys/endian.h> always has them. */
#ifndef htobe16
#if __BYTE_ORDER == __LITTLE_ENDIAN
#define htobe16(x) __builtin_bswap16(x)
#define htole16(x) ((uint16_t)(x))
#define be16toh(x) __builtin_bswap16(x)
#define le16toh(x) ((uint16_t)(x))
#define htobe32(x) __builtin_bswap32(x)
#define htole32(x) ((uint32_t)(x))
#define be32toh(x) __builtin_bswap32(x)
#define le32toh(x) ((uint32_t)(x))
#define htobe64(x) __builtin_bswap64(x)
#define htole64(x) ((uint64_t)(x))
#define be64toh(x) __builtin_bswap64(x)
#define le64toh(x) ((uint64_t)(x))
#else
#define htobe16(x) ((uint16_t)(x))
#define htole16(x) __builtin_bswap16(x)
#define be16toh(x) ((uint16_t)(x))
#define le16toh(x) __builtin_bswap16(x)
#define htobe32(x) ((uint32_t)(x))
#define htole32(x) __builtin_bswap32(x)
#define be32toh(x) ((uint32_t)(x))
#define le32toh(x) __builtin_bswap32(x)
#define htobe64(x) ((uint64_t)(x))
#define htole64(x) __builtin_bswap64(x)
#define be64toh(x) ((uint64_t)(x))
#define le64toh(x) __builtin_bswap64(x)
#endif
#endif

#define bswap16(x) __builtin_bswap16(x)
#define bswap32(x) __builtin_bswap32(x)
#define bswap64(x) __builtin_bswap64(x)

#if defined(__RTSOCK_OPENBSD)
#define swap16(x) bswap16(x)
#define swap32(x) bswap32(x)
#define swap64(x) bswap64(x)
#define betoh16(x) be16toh(x)
#define betoh32(x) be32toh(x)
#define betoh64(x) be64toh(x)
#define letoh16(x) le16toh(x)
#define letoh32(x) le32toh(x)
#define letoh64(x) le64toh(x)
#endif

static __inline uint16_t be16dec(const void *pp) {
  const uint8_t *p = (const uint8_t *)pp;
  return (uint16_t)((p[0] << 8) | p[1]);
}
static __inline uint32_t be32dec(const void *pp) {
  const uint8_t *p = (const uint8_t *)pp;
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static __inline uint64_t be64dec(const void *pp) {
  const uint8_t *p = (const uint8_t *)pp;
  return ((uint64_t)be32dec(p) << 32) | be32dec(p + 4);
}
static __inline uint16_t le16dec(const void *pp) {
  const uint8_t *p = (const uint8_t *)pp;
  return (uint16_t)((p[1] << 8) | p[0]);
}
static __inline uint32_t le32dec(const void *pp) {
  const uint8_t *p = (const uint8_t *)pp;
  return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}
static __inline uint64_t le64dec(const void *pp) {
  const uint8_t *p = (const uint8_t *)pp;
  return ((uint64_t)le32dec(p + 4) << 32) | le32dec(p);
}
static __inline void be16enc(void *pp, uint16_t u) {
  uint8_t *p = (uint8_t *)pp;
  p[0] = (uint8_t)(u >> 8);
  p[1] = (uint8_t)u;
}
static __inline void be32enc(void *pp, uint32_t u) {
  uint8_t *p = (uint8_t *)pp;
  p[0] = (uint8_t)(u >> 24);
  p[1] = (uint8_t)(u >> 16);
  p[2] = (uint8_t)(u >> 8);
  p[3] = (uint8_t)u;
}
static __inline void be64enc(void *pp, uint64_t u) {
  uint8_t *p = (uint8_t *)pp;
  be32enc(p, (uint32_t)(u >> 32));
  be32enc(p + 4, (uint32_t)u);
}
static __inline void le16enc(void *pp, uint16_t u) {
  uint8_t *p = (uint8_t *)pp;
  p[0] = (uint8_t)u;
  p[1] = (uint8_t)(u >> 8);
}
static __inline void le32enc(void *pp, uint32_t u) {
  uint8_t *p = (uint8_t *)pp;
  p[0] = (uint8_t)u;
  p[1] = (uint8_t)(u >> 8);
  p[2] = (uint8_t)(u >> 16);
  p[3] = (uint8_t)(u >> 24);
}
static __inline void le64enc(void *pp, uint64_t u) {
  uint8_t *p = (uint8_t *)pp;
  le32enc(p, (uint32_t)u);
  le32enc(p + 4, (uint32_t)(u >> 32));
}

#endif /* !_SYS_ENDIAN_H_ */
