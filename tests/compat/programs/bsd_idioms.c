/*
 * The <sys/cdefs.h>, <sys/param.h> and <sys/queue.h> idioms of BSD base
 * programs and daemons (route(8), netstat(1), dhcpcd, bird, rtadvd): ID
 * strings, attributes, queue walks that free as they go, the param.h
 * arithmetic, byte-order helpers. Written for rtsock; compiled by
 * programs.sh for every personality.
 */
#include <sys/cdefs.h>
#if defined(__FreeBSD__) || defined(__DragonFly__)
__FBSDID("$FreeBSD$");
#elif defined(__NetBSD__)
__RCSID("$NetBSD$");
__COPYRIGHT("@(#) Copyright (c) 1983, 1989, 1991, 1993 The Regents of the University of California.");
#endif
#include <sys/param.h>
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/endian.h>

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__BEGIN_DECLS
static void usage(void) __dead2;
static int pr(const char *, ...) __printflike(1, 2);
__END_DECLS

struct entry {
  TAILQ_ENTRY(entry) next;
  LIST_ENTRY(entry) link;
  SLIST_ENTRY(entry) snext;
  STAILQ_ENTRY(entry) stnext;
  int value;
};
TAILQ_HEAD(entry_head, entry);
LIST_HEAD(entry_list, entry);
SLIST_HEAD(entry_slist, entry);
STAILQ_HEAD(entry_stailq, entry);

struct wire {
  uint8_t type;
  uint32_t value;
} __packed;

struct cacheline {
  char bytes[8];
} __aligned(64);

static void usage(void) {
  fprintf(stderr, "usage: bsd_idioms [-v]\n");
  exit(1);
}

static int pr(const char *fmt, ...) {
  return (int)strlen(fmt);
}

int main(int argc, char **argv __unused) {
  struct entry_head head = TAILQ_HEAD_INITIALIZER(head);
  struct entry_list list = LIST_HEAD_INITIALIZER(list);
  struct entry_slist slist = SLIST_HEAD_INITIALIZER(slist);
  struct entry_stailq stailq = STAILQ_HEAD_INITIALIZER(stailq);
  struct entry *e, *tmp;
  static const int table[] = {1, 2, 3, 4, 5};
  unsigned char bits[howmany(64, NBBY)];
  char host[MAXHOSTNAMELEN];
  char path[MAXPATHLEN];
  size_t i, n = sizeof(table) / sizeof(table[0]);
  int sum = 0;

  if (argc > 3)
    usage();
  for (i = 0; i < n; i++) {
    if ((e = (struct entry *)malloc(sizeof(*e))) == NULL)
      err(1, "malloc");
    e->value = table[i];
    TAILQ_INSERT_TAIL(&head, e, next);
    LIST_INSERT_HEAD(&list, e, link);
    SLIST_INSERT_HEAD(&slist, e, snext);
    STAILQ_INSERT_TAIL(&stailq, e, stnext);
  }
  LIST_FOREACH(e, &list, link) sum += e->value;
  SLIST_FOREACH(e, &slist, snext) sum += e->value;
  STAILQ_FOREACH(e, &stailq, stnext) sum += e->value;
  TAILQ_FOREACH_REVERSE(e, &head, entry_head, next) sum += e->value;
  TAILQ_FOREACH_SAFE(e, &head, next, tmp) {
    if (__predict_false(e->value < 0))
      continue;
    TAILQ_REMOVE(&head, e, next);
    free(e);
  }
  if (!TAILQ_EMPTY(&head) || TAILQ_FIRST(&head) != NULL)
    errx(1, "not empty");

  memset(bits, 0, sizeof(bits));
  setbit(bits, 3);
  if (!isset(bits, 3) || isclr(bits, 3))
    return 1;
  sum += (int)(MIN(3, 4) + MAX(1, 2) + roundup(13, 8) + howmany(13, 8) + powerof2(64));
  sum += (int)ALIGN(3) + (int)roundup2(13u, 8u) + (int)rounddown(13, 8);
#if defined(__FreeBSD__) || defined(__DragonFly__) || defined(__OpenBSD__)
  sum += (int)nitems(table);
#endif
#if defined(__NetBSD__) || defined(__FreeBSD__) || defined(__OpenBSD__)
  sum += (int)__arraycount(table);
#endif
  sum += (int)htobe32(1) + (int)le16toh(2) + (int)be64toh(3);
  sum += (int)sizeof(struct wire) + (int)sizeof(struct cacheline);
#if defined(BSD) && BSD >= 199306
  sum += gethostname(host, sizeof(host)) == 0;
#endif
  /* The BSD libc and process calls daemons make at start-up. */
#if defined(__OpenBSD__)
  if (pledge("stdio rpath inet route", NULL) == -1)
    err(1, "pledge");
  if (unveil("/etc", "r") == -1 || unveil(NULL, NULL) == -1)
    err(1, "unveil");
  if (getrtable() != 0 && setrtable(0) == -1)
    err(1, "setrtable");
  {
    char *grown = (char *)recallocarray(NULL, 0, 4, sizeof(int));
    if (grown == NULL)
      err(1, "recallocarray");
    freezero(grown, 4 * sizeof(int));
  }
#endif
#if defined(__FreeBSD__)
  if (argc > 3 && setfib(0) == -1)
    err(1, "setfib");
  setproctitle_fast("%s", "idle");
#endif
#if !defined(__APPLE__)
  setproctitle("-%s: %d", "worker", sum);
  setproctitle(NULL);
#endif
  if (argc > 2)
    warnc(EAGAIN, "%s", "busy");
  if (argc > 4)
    errc(1, ENOENT, "no %s", "file");
  (void)path;
  (void)argv;
  printf("%d %d %s\n", sum, pr("%d", sum), __func__);
  return 0;
}
