/*
 * Test-only stand-in for librtsock-compat, used by probes.sh and note.sh
 * while the build tree has no real library: configure-style link tests need
 * the symbols to exist, nothing more. Every function fails with ENOSYS.
 * Never installed.
 */
#include <errno.h>
#include <stddef.h>

struct sockaddr_dl;
struct ifaddrs;

int sysctl(const int *name, unsigned int namelen, void *old, size_t *oldlen, const void *new_,
           size_t newlen) {
  (void)name, (void)namelen, (void)old, (void)oldlen, (void)new_, (void)newlen;
  errno = ENOSYS;
  return -1;
}
int sysctlbyname(const char *name, void *old, size_t *oldlen, const void *new_, size_t newlen) {
  (void)name, (void)old, (void)oldlen, (void)new_, (void)newlen;
  errno = ENOSYS;
  return -1;
}
int sysctlnametomib(const char *name, int *mib, size_t *len) {
  (void)name, (void)mib, (void)len;
  errno = ENOSYS;
  return -1;
}
char *link_ntoa(const struct sockaddr_dl *sdl) {
  (void)sdl;
  errno = ENOSYS;
  return NULL;
}
void link_addr(const char *s, struct sockaddr_dl *sdl) { (void)s, (void)sdl; }
