/*
 * rtsock compat: <sys/queue.h>, the BSD intrusive lists. glibc ships an old
 * subset (no _FOREACH_SAFE, no STAILQ_LAST, ...); this one has what FreeBSD,
 * OpenBSD, NetBSD, DragonFly and macOS programs use: SLIST, LIST, SIMPLEQ,
 * STAILQ, TAILQ and CIRCLEQ with their FOREACH/SAFE/REVERSE/END forms.
 *
 *   SLIST    singly linked list, head pointer only
 *   LIST     doubly linked list, head pointer only
 *   SIMPLEQ  singly linked tail queue (NetBSD/OpenBSD name)
 *   STAILQ   singly linked tail queue
 *   TAILQ    doubly linked tail queue
 *   CIRCLEQ  circular queue
 */
#ifndef _SYS_QUEUE_H_
#define _SYS_QUEUE_H_
#define _SYS_QUEUE_H 1 /* glibc's guard */

#include <stddef.h>

/* ---- SLIST ------------------------------------------------------------- */
#define SLIST_HEAD(name, type) struct name { struct type *slh_first; }
#define SLIST_CLASS_HEAD(name, type) struct name { class type *slh_first; }
#define SLIST_HEAD_INITIALIZER(head) { NULL }
#define SLIST_ENTRY(type) struct { struct type *sle_next; }
#define SLIST_CLASS_ENTRY(type) struct { class type *sle_next; }

#define SLIST_FIRST(head) ((head)->slh_first)
#define SLIST_END(head) NULL
#define SLIST_EMPTY(head) ((head)->slh_first == NULL)
#define SLIST_NEXT(elm, field) ((elm)->field.sle_next)

#define SLIST_FOREACH(var, head, field) \
  for ((var) = SLIST_FIRST(head); (var) != NULL; (var) = SLIST_NEXT(var, field))
#define SLIST_FOREACH_FROM(var, head, field)                             \
  for ((var) = ((var) != NULL ? (var) : SLIST_FIRST(head)); (var) != NULL; \
       (var) = SLIST_NEXT(var, field))
#define SLIST_FOREACH_SAFE(var, head, field, tvar)                        \
  for ((var) = SLIST_FIRST(head);                                         \
       (var) != NULL && ((tvar) = SLIST_NEXT(var, field), 1); (var) = (tvar))
#define SLIST_FOREACH_FROM_SAFE(var, head, field, tvar)                     \
  for ((var) = ((var) != NULL ? (var) : SLIST_FIRST(head));                 \
       (var) != NULL && ((tvar) = SLIST_NEXT(var, field), 1); (var) = (tvar))
#define SLIST_FOREACH_PREVPTR(var, varp, head, field)                      \
  for ((varp) = &SLIST_FIRST(head); ((var) = *(varp)) != NULL;             \
       (varp) = &SLIST_NEXT(var, field))

#define SLIST_INIT(head) do { SLIST_FIRST(head) = NULL; } while (0)
#define SLIST_INSERT_AFTER(slistelm, elm, field)                         \
  do {                                                                   \
    SLIST_NEXT(elm, field) = SLIST_NEXT(slistelm, field);                \
    SLIST_NEXT(slistelm, field) = (elm);                                 \
  } while (0)
#define SLIST_INSERT_HEAD(head, elm, field)      \
  do {                                           \
    SLIST_NEXT(elm, field) = SLIST_FIRST(head);  \
    SLIST_FIRST(head) = (elm);                   \
  } while (0)
#define SLIST_REMOVE_AFTER(elm, field) \
  do { SLIST_NEXT(elm, field) = SLIST_NEXT(SLIST_NEXT(elm, field), field); } while (0)
#define SLIST_REMOVE_HEAD(head, field) \
  do { SLIST_FIRST(head) = SLIST_NEXT(SLIST_FIRST(head), field); } while (0)
#define SLIST_REMOVE_NEXT(head, elm, field) SLIST_REMOVE_AFTER(elm, field)
#define SLIST_REMOVE(head, elm, type, field)                   \
  do {                                                         \
    if (SLIST_FIRST(head) == (elm)) {                          \
      SLIST_REMOVE_HEAD(head, field);                          \
    } else {                                                   \
      struct type *_rtsock_cur = SLIST_FIRST(head);            \
      while (SLIST_NEXT(_rtsock_cur, field) != (elm))          \
        _rtsock_cur = SLIST_NEXT(_rtsock_cur, field);          \
      SLIST_REMOVE_AFTER(_rtsock_cur, field);                  \
    }                                                          \
  } while (0)
#define SLIST_CONCAT(head1, head2, type, field)                         \
  do {                                                                  \
    struct type *_rtsock_cur = SLIST_FIRST(head1);                      \
    if (_rtsock_cur == NULL) {                                          \
      SLIST_FIRST(head1) = SLIST_FIRST(head2);                          \
    } else if (SLIST_FIRST(head2) != NULL) {                            \
      while (SLIST_NEXT(_rtsock_cur, field) != NULL)                    \
        _rtsock_cur = SLIST_NEXT(_rtsock_cur, field);                   \
      SLIST_NEXT(_rtsock_cur, field) = SLIST_FIRST(head2);              \
    }                                                                   \
    SLIST_INIT(head2);                                                  \
  } while (0)
#define SLIST_SWAP(head1, head2, type)                        \
  do {                                                        \
    struct type *_rtsock_first = SLIST_FIRST(head1);          \
    SLIST_FIRST(head1) = SLIST_FIRST(head2);                  \
    SLIST_FIRST(head2) = _rtsock_first;                       \
  } while (0)

/* ---- LIST -------------------------------------------------------------- */
#define LIST_HEAD(name, type) struct name { struct type *lh_first; }
#define LIST_CLASS_HEAD(name, type) struct name { class type *lh_first; }
#define LIST_HEAD_INITIALIZER(head) { NULL }
#define LIST_ENTRY(type) struct { struct type *le_next; struct type **le_prev; }
#define LIST_CLASS_ENTRY(type) struct { class type *le_next; class type **le_prev; }

#define LIST_FIRST(head) ((head)->lh_first)
#define LIST_END(head) NULL
#define LIST_EMPTY(head) ((head)->lh_first == NULL)
#define LIST_NEXT(elm, field) ((elm)->field.le_next)
#define LIST_PREV(elm, head, type, field)                                  \
  ((elm)->field.le_prev == &LIST_FIRST(head)                               \
       ? NULL                                                              \
       : (struct type *)(void *)((char *)((elm)->field.le_prev) -          \
                                 __builtin_offsetof(struct type, field)))

#define LIST_FOREACH(var, head, field) \
  for ((var) = LIST_FIRST(head); (var) != NULL; (var) = LIST_NEXT(var, field))
#define LIST_FOREACH_FROM(var, head, field)                             \
  for ((var) = ((var) != NULL ? (var) : LIST_FIRST(head)); (var) != NULL; \
       (var) = LIST_NEXT(var, field))
#define LIST_FOREACH_SAFE(var, head, field, tvar)                         \
  for ((var) = LIST_FIRST(head);                                          \
       (var) != NULL && ((tvar) = LIST_NEXT(var, field), 1); (var) = (tvar))
#define LIST_FOREACH_FROM_SAFE(var, head, field, tvar)                     \
  for ((var) = ((var) != NULL ? (var) : LIST_FIRST(head));                 \
       (var) != NULL && ((tvar) = LIST_NEXT(var, field), 1); (var) = (tvar))

#define LIST_INIT(head) do { LIST_FIRST(head) = NULL; } while (0)
#define LIST_INSERT_AFTER(listelm, elm, field)                                \
  do {                                                                        \
    if ((LIST_NEXT(elm, field) = LIST_NEXT(listelm, field)) != NULL)          \
      LIST_NEXT(listelm, field)->field.le_prev = &LIST_NEXT(elm, field);      \
    LIST_NEXT(listelm, field) = (elm);                                        \
    (elm)->field.le_prev = &LIST_NEXT(listelm, field);                        \
  } while (0)
#define LIST_INSERT_BEFORE(listelm, elm, field)         \
  do {                                                  \
    (elm)->field.le_prev = (listelm)->field.le_prev;    \
    LIST_NEXT(elm, field) = (listelm);                  \
    *(listelm)->field.le_prev = (elm);                  \
    (listelm)->field.le_prev = &LIST_NEXT(elm, field);  \
  } while (0)
#define LIST_INSERT_HEAD(head, elm, field)                               \
  do {                                                                   \
    if ((LIST_NEXT(elm, field) = LIST_FIRST(head)) != NULL)              \
      LIST_FIRST(head)->field.le_prev = &LIST_NEXT(elm, field);          \
    LIST_FIRST(head) = (elm);                                            \
    (elm)->field.le_prev = &LIST_FIRST(head);                            \
  } while (0)
#define LIST_REMOVE(elm, field)                                          \
  do {                                                                   \
    if (LIST_NEXT(elm, field) != NULL)                                   \
      LIST_NEXT(elm, field)->field.le_prev = (elm)->field.le_prev;       \
    *(elm)->field.le_prev = LIST_NEXT(elm, field);                       \
  } while (0)
#define LIST_REPLACE(elm, elm2, field)                                     \
  do {                                                                     \
    if ((LIST_NEXT(elm2, field) = LIST_NEXT(elm, field)) != NULL)          \
      LIST_NEXT(elm2, field)->field.le_prev = &LIST_NEXT(elm2, field);     \
    (elm2)->field.le_prev = (elm)->field.le_prev;                          \
    *(elm2)->field.le_prev = (elm2);                                       \
  } while (0)
#define LIST_CONCAT(head1, head2, type, field)                              \
  do {                                                                      \
    struct type *_rtsock_cur = LIST_FIRST(head1);                           \
    if (_rtsock_cur == NULL) {                                              \
      if ((LIST_FIRST(head1) = LIST_FIRST(head2)) != NULL)                  \
        LIST_FIRST(head2)->field.le_prev = &LIST_FIRST(head1);              \
    } else if (LIST_FIRST(head2) != NULL) {                                 \
      while (LIST_NEXT(_rtsock_cur, field) != NULL)                         \
        _rtsock_cur = LIST_NEXT(_rtsock_cur, field);                        \
      LIST_NEXT(_rtsock_cur, field) = LIST_FIRST(head2);                    \
      LIST_FIRST(head2)->field.le_prev = &LIST_NEXT(_rtsock_cur, field);    \
    }                                                                       \
    LIST_INIT(head2);                                                       \
  } while (0)
#define LIST_SWAP(head1, head2, type, field)                                \
  do {                                                                      \
    struct type *_rtsock_first = LIST_FIRST(head1);                         \
    LIST_FIRST(head1) = LIST_FIRST(head2);                                  \
    LIST_FIRST(head2) = _rtsock_first;                                      \
    if ((_rtsock_first = LIST_FIRST(head1)) != NULL)                        \
      _rtsock_first->field.le_prev = &LIST_FIRST(head1);                    \
    if ((_rtsock_first = LIST_FIRST(head2)) != NULL)                        \
      _rtsock_first->field.le_prev = &LIST_FIRST(head2);                    \
  } while (0)

/* ---- SIMPLEQ and STAILQ (the same structure under two names) ------------ */
#define STAILQ_HEAD(name, type) struct name { struct type *stqh_first; struct type **stqh_last; }
#define STAILQ_CLASS_HEAD(name, type) \
  struct name { class type *stqh_first; class type **stqh_last; }
#define STAILQ_HEAD_INITIALIZER(head) { NULL, &(head).stqh_first }
#define STAILQ_ENTRY(type) struct { struct type *stqe_next; }
#define STAILQ_CLASS_ENTRY(type) struct { class type *stqe_next; }

#define STAILQ_FIRST(head) ((head)->stqh_first)
#define STAILQ_END(head) NULL
#define STAILQ_EMPTY(head) ((head)->stqh_first == NULL)
#define STAILQ_NEXT(elm, field) ((elm)->field.stqe_next)
#define STAILQ_LAST(head, type, field)                                      \
  (STAILQ_EMPTY(head) ? NULL                                                \
                      : (struct type *)(void *)((char *)((head)->stqh_last) - \
                                                __builtin_offsetof(struct type, field)))

#define STAILQ_FOREACH(var, head, field) \
  for ((var) = STAILQ_FIRST(head); (var) != NULL; (var) = STAILQ_NEXT(var, field))
#define STAILQ_FOREACH_FROM(var, head, field)                              \
  for ((var) = ((var) != NULL ? (var) : STAILQ_FIRST(head)); (var) != NULL; \
       (var) = STAILQ_NEXT(var, field))
#define STAILQ_FOREACH_SAFE(var, head, field, tvar)                        \
  for ((var) = STAILQ_FIRST(head);                                         \
       (var) != NULL && ((tvar) = STAILQ_NEXT(var, field), 1); (var) = (tvar))
#define STAILQ_FOREACH_FROM_SAFE(var, head, field, tvar)                    \
  for ((var) = ((var) != NULL ? (var) : STAILQ_FIRST(head));                \
       (var) != NULL && ((tvar) = STAILQ_NEXT(var, field), 1); (var) = (tvar))

#define STAILQ_INIT(head)                            \
  do {                                               \
    STAILQ_FIRST(head) = NULL;                       \
    (head)->stqh_last = &STAILQ_FIRST(head);         \
  } while (0)
#define STAILQ_INSERT_HEAD(head, elm, field)                          \
  do {                                                                \
    if ((STAILQ_NEXT(elm, field) = STAILQ_FIRST(head)) == NULL)       \
      (head)->stqh_last = &STAILQ_NEXT(elm, field);                   \
    STAILQ_FIRST(head) = (elm);                                       \
  } while (0)
#define STAILQ_INSERT_TAIL(head, elm, field)          \
  do {                                                \
    STAILQ_NEXT(elm, field) = NULL;                   \
    *(head)->stqh_last = (elm);                       \
    (head)->stqh_last = &STAILQ_NEXT(elm, field);     \
  } while (0)
#define STAILQ_INSERT_AFTER(head, tqelm, elm, field)                     \
  do {                                                                   \
    if ((STAILQ_NEXT(elm, field) = STAILQ_NEXT(tqelm, field)) == NULL)   \
      (head)->stqh_last = &STAILQ_NEXT(elm, field);                      \
    STAILQ_NEXT(tqelm, field) = (elm);                                   \
  } while (0)
#define STAILQ_REMOVE_HEAD(head, field)                                     \
  do {                                                                      \
    if ((STAILQ_FIRST(head) = STAILQ_NEXT(STAILQ_FIRST(head), field)) == NULL) \
      (head)->stqh_last = &STAILQ_FIRST(head);                              \
  } while (0)
#define STAILQ_REMOVE_AFTER(head, elm, field)                                 \
  do {                                                                        \
    if ((STAILQ_NEXT(elm, field) = STAILQ_NEXT(STAILQ_NEXT(elm, field), field)) == NULL) \
      (head)->stqh_last = &STAILQ_NEXT(elm, field);                           \
  } while (0)
#define STAILQ_REMOVE(head, elm, type, field)                 \
  do {                                                        \
    if (STAILQ_FIRST(head) == (elm)) {                        \
      STAILQ_REMOVE_HEAD(head, field);                        \
    } else {                                                  \
      struct type *_rtsock_cur = STAILQ_FIRST(head);          \
      while (STAILQ_NEXT(_rtsock_cur, field) != (elm))        \
        _rtsock_cur = STAILQ_NEXT(_rtsock_cur, field);        \
      STAILQ_REMOVE_AFTER(head, _rtsock_cur, field);          \
    }                                                         \
  } while (0)
#define STAILQ_CONCAT(head1, head2)                   \
  do {                                                \
    if (!STAILQ_EMPTY(head2)) {                       \
      *(head1)->stqh_last = STAILQ_FIRST(head2);      \
      (head1)->stqh_last = (head2)->stqh_last;        \
      STAILQ_INIT(head2);                             \
    }                                                 \
  } while (0)
#define STAILQ_SWAP(head1, head2, type)                       \
  do {                                                        \
    struct type *_rtsock_first = STAILQ_FIRST(head1);         \
    struct type **_rtsock_last = (head1)->stqh_last;          \
    STAILQ_FIRST(head1) = STAILQ_FIRST(head2);                \
    (head1)->stqh_last = (head2)->stqh_last;                  \
    STAILQ_FIRST(head2) = _rtsock_first;                      \
    (head2)->stqh_last = _rtsock_last;                        \
    if (STAILQ_EMPTY(head1))                                  \
      (head1)->stqh_last = &STAILQ_FIRST(head1);              \
    if (STAILQ_EMPTY(head2))                                  \
      (head2)->stqh_last = &STAILQ_FIRST(head2);              \
  } while (0)

#define SIMPLEQ_HEAD(name, type) struct name { struct type *sqh_first; struct type **sqh_last; }
#define SIMPLEQ_HEAD_INITIALIZER(head) { NULL, &(head).sqh_first }
#define SIMPLEQ_ENTRY(type) struct { struct type *sqe_next; }
#define SIMPLEQ_FIRST(head) ((head)->sqh_first)
#define SIMPLEQ_END(head) NULL
#define SIMPLEQ_EMPTY(head) ((head)->sqh_first == NULL)
#define SIMPLEQ_NEXT(elm, field) ((elm)->field.sqe_next)
#define SIMPLEQ_FOREACH(var, head, field) \
  for ((var) = SIMPLEQ_FIRST(head); (var) != NULL; (var) = SIMPLEQ_NEXT(var, field))
#define SIMPLEQ_FOREACH_SAFE(var, head, field, tvar)                        \
  for ((var) = SIMPLEQ_FIRST(head);                                         \
       (var) != NULL && ((tvar) = SIMPLEQ_NEXT(var, field), 1); (var) = (tvar))
#define SIMPLEQ_INIT(head)                           \
  do {                                               \
    (head)->sqh_first = NULL;                        \
    (head)->sqh_last = &(head)->sqh_first;           \
  } while (0)
#define SIMPLEQ_INSERT_HEAD(head, elm, field)                         \
  do {                                                                \
    if (((elm)->field.sqe_next = (head)->sqh_first) == NULL)          \
      (head)->sqh_last = &(elm)->field.sqe_next;                      \
    (head)->sqh_first = (elm);                                        \
  } while (0)
#define SIMPLEQ_INSERT_TAIL(head, elm, field)        \
  do {                                               \
    (elm)->field.sqe_next = NULL;                    \
    *(head)->sqh_last = (elm);                       \
    (head)->sqh_last = &(elm)->field.sqe_next;       \
  } while (0)
#define SIMPLEQ_INSERT_AFTER(head, listelm, elm, field)                     \
  do {                                                                      \
    if (((elm)->field.sqe_next = (listelm)->field.sqe_next) == NULL)        \
      (head)->sqh_last = &(elm)->field.sqe_next;                            \
    (listelm)->field.sqe_next = (elm);                                      \
  } while (0)
#define SIMPLEQ_REMOVE_HEAD(head, field)                                      \
  do {                                                                        \
    if (((head)->sqh_first = (head)->sqh_first->field.sqe_next) == NULL)      \
      (head)->sqh_last = &(head)->sqh_first;                                  \
  } while (0)
#define SIMPLEQ_REMOVE_AFTER(head, elm, field)                                     \
  do {                                                                             \
    if (((elm)->field.sqe_next = (elm)->field.sqe_next->field.sqe_next) == NULL)   \
      (head)->sqh_last = &(elm)->field.sqe_next;                                   \
  } while (0)
#define SIMPLEQ_REMOVE(head, elm, type, field)                \
  do {                                                        \
    if ((head)->sqh_first == (elm)) {                         \
      SIMPLEQ_REMOVE_HEAD(head, field);                       \
    } else {                                                  \
      struct type *_rtsock_cur = (head)->sqh_first;           \
      while (_rtsock_cur->field.sqe_next != (elm))            \
        _rtsock_cur = _rtsock_cur->field.sqe_next;            \
      SIMPLEQ_REMOVE_AFTER(head, _rtsock_cur, field);         \
    }                                                         \
  } while (0)
#define SIMPLEQ_CONCAT(head1, head2)                  \
  do {                                                \
    if (!SIMPLEQ_EMPTY(head2)) {                      \
      *(head1)->sqh_last = (head2)->sqh_first;        \
      (head1)->sqh_last = (head2)->sqh_last;          \
      SIMPLEQ_INIT(head2);                            \
    }                                                 \
  } while (0)
#define SIMPLEQ_LAST(head, type, field)                                     \
  (SIMPLEQ_EMPTY(head) ? NULL                                               \
                       : (struct type *)(void *)((char *)((head)->sqh_last) - \
                                                 __builtin_offsetof(struct type, field)))

/* ---- TAILQ ------------------------------------------------------------- */
#define TAILQ_HEAD(name, type) struct name { struct type *tqh_first; struct type **tqh_last; }
#define TAILQ_CLASS_HEAD(name, type) \
  struct name { class type *tqh_first; class type **tqh_last; }
#define TAILQ_HEAD_INITIALIZER(head) { NULL, &(head).tqh_first }
#define TAILQ_ENTRY(type) struct { struct type *tqe_next; struct type **tqe_prev; }
#define TAILQ_CLASS_ENTRY(type) struct { class type *tqe_next; class type **tqe_prev; }

#define TAILQ_FIRST(head) ((head)->tqh_first)
#define TAILQ_END(head) NULL
#define TAILQ_EMPTY(head) ((head)->tqh_first == NULL)
#define TAILQ_NEXT(elm, field) ((elm)->field.tqe_next)
/* The tail pointer points at the last entry's next field, which sits
   directly in front of its prev field: read that as a head. */
#define TAILQ_LAST(head, headname) (*(((struct headname *)((head)->tqh_last))->tqh_last))
#define TAILQ_PREV(elm, headname, field) (*(((struct headname *)((elm)->field.tqe_prev))->tqh_last))

#define TAILQ_FOREACH(var, head, field) \
  for ((var) = TAILQ_FIRST(head); (var) != NULL; (var) = TAILQ_NEXT(var, field))
#define TAILQ_FOREACH_FROM(var, head, field)                             \
  for ((var) = ((var) != NULL ? (var) : TAILQ_FIRST(head)); (var) != NULL; \
       (var) = TAILQ_NEXT(var, field))
#define TAILQ_FOREACH_SAFE(var, head, field, tvar)                        \
  for ((var) = TAILQ_FIRST(head);                                         \
       (var) != NULL && ((tvar) = TAILQ_NEXT(var, field), 1); (var) = (tvar))
#define TAILQ_FOREACH_FROM_SAFE(var, head, field, tvar)                     \
  for ((var) = ((var) != NULL ? (var) : TAILQ_FIRST(head));                 \
       (var) != NULL && ((tvar) = TAILQ_NEXT(var, field), 1); (var) = (tvar))
#define TAILQ_FOREACH_REVERSE(var, head, headname, field)   \
  for ((var) = TAILQ_LAST(head, headname); (var) != NULL;   \
       (var) = TAILQ_PREV(var, headname, field))
#define TAILQ_FOREACH_REVERSE_FROM(var, head, headname, field)                    \
  for ((var) = ((var) != NULL ? (var) : TAILQ_LAST(head, headname)); (var) != NULL; \
       (var) = TAILQ_PREV(var, headname, field))
#define TAILQ_FOREACH_REVERSE_SAFE(var, head, headname, field, tvar)               \
  for ((var) = TAILQ_LAST(head, headname);                                         \
       (var) != NULL && ((tvar) = TAILQ_PREV(var, headname, field), 1); (var) = (tvar))
#define TAILQ_FOREACH_REVERSE_FROM_SAFE(var, head, headname, field, tvar)          \
  for ((var) = ((var) != NULL ? (var) : TAILQ_LAST(head, headname));               \
       (var) != NULL && ((tvar) = TAILQ_PREV(var, headname, field), 1); (var) = (tvar))

#define TAILQ_INIT(head)                          \
  do {                                            \
    TAILQ_FIRST(head) = NULL;                     \
    (head)->tqh_last = &TAILQ_FIRST(head);        \
  } while (0)
#define TAILQ_INSERT_HEAD(head, elm, field)                                \
  do {                                                                     \
    if ((TAILQ_NEXT(elm, field) = TAILQ_FIRST(head)) != NULL)              \
      TAILQ_FIRST(head)->field.tqe_prev = &TAILQ_NEXT(elm, field);         \
    else                                                                   \
      (head)->tqh_last = &TAILQ_NEXT(elm, field);                          \
    TAILQ_FIRST(head) = (elm);                                             \
    (elm)->field.tqe_prev = &TAILQ_FIRST(head);                            \
  } while (0)
#define TAILQ_INSERT_TAIL(head, elm, field)           \
  do {                                                \
    TAILQ_NEXT(elm, field) = NULL;                    \
    (elm)->field.tqe_prev = (head)->tqh_last;         \
    *(head)->tqh_last = (elm);                        \
    (head)->tqh_last = &TAILQ_NEXT(elm, field);       \
  } while (0)
#define TAILQ_INSERT_AFTER(head, listelm, elm, field)                          \
  do {                                                                         \
    if ((TAILQ_NEXT(elm, field) = TAILQ_NEXT(listelm, field)) != NULL)         \
      TAILQ_NEXT(elm, field)->field.tqe_prev = &TAILQ_NEXT(elm, field);        \
    else                                                                       \
      (head)->tqh_last = &TAILQ_NEXT(elm, field);                              \
    TAILQ_NEXT(listelm, field) = (elm);                                        \
    (elm)->field.tqe_prev = &TAILQ_NEXT(listelm, field);                       \
  } while (0)
#define TAILQ_INSERT_BEFORE(listelm, elm, field)          \
  do {                                                    \
    (elm)->field.tqe_prev = (listelm)->field.tqe_prev;    \
    TAILQ_NEXT(elm, field) = (listelm);                   \
    *(listelm)->field.tqe_prev = (elm);                   \
    (listelm)->field.tqe_prev = &TAILQ_NEXT(elm, field);  \
  } while (0)
#define TAILQ_REMOVE(head, elm, field)                                        \
  do {                                                                        \
    if (TAILQ_NEXT(elm, field) != NULL)                                       \
      TAILQ_NEXT(elm, field)->field.tqe_prev = (elm)->field.tqe_prev;         \
    else                                                                      \
      (head)->tqh_last = (elm)->field.tqe_prev;                               \
    *(elm)->field.tqe_prev = TAILQ_NEXT(elm, field);                          \
  } while (0)
#define TAILQ_REPLACE(head, elm, elm2, field)                                  \
  do {                                                                         \
    if ((TAILQ_NEXT(elm2, field) = TAILQ_NEXT(elm, field)) != NULL)            \
      TAILQ_NEXT(elm2, field)->field.tqe_prev = &TAILQ_NEXT(elm2, field);      \
    else                                                                       \
      (head)->tqh_last = &TAILQ_NEXT(elm2, field);                             \
    (elm2)->field.tqe_prev = (elm)->field.tqe_prev;                            \
    *(elm2)->field.tqe_prev = (elm2);                                          \
  } while (0)
#define TAILQ_CONCAT(head1, head2, field)                                   \
  do {                                                                      \
    if (!TAILQ_EMPTY(head2)) {                                              \
      *(head1)->tqh_last = TAILQ_FIRST(head2);                              \
      TAILQ_FIRST(head2)->field.tqe_prev = (head1)->tqh_last;               \
      (head1)->tqh_last = (head2)->tqh_last;                                \
      TAILQ_INIT(head2);                                                    \
    }                                                                       \
  } while (0)
#define TAILQ_SWAP(head1, head2, type, field)                     \
  do {                                                            \
    struct type *_rtsock_first = TAILQ_FIRST(head1);              \
    struct type **_rtsock_last = (head1)->tqh_last;               \
    TAILQ_FIRST(head1) = TAILQ_FIRST(head2);                      \
    (head1)->tqh_last = (head2)->tqh_last;                        \
    TAILQ_FIRST(head2) = _rtsock_first;                           \
    (head2)->tqh_last = _rtsock_last;                             \
    if ((_rtsock_first = TAILQ_FIRST(head1)) != NULL)             \
      _rtsock_first->field.tqe_prev = &TAILQ_FIRST(head1);        \
    else                                                          \
      (head1)->tqh_last = &TAILQ_FIRST(head1);                    \
    if ((_rtsock_first = TAILQ_FIRST(head2)) != NULL)             \
      _rtsock_first->field.tqe_prev = &TAILQ_FIRST(head2);        \
    else                                                          \
      (head2)->tqh_last = &TAILQ_FIRST(head2);                    \
  } while (0)

/* ---- CIRCLEQ (NetBSD, glibc; deprecated elsewhere) ---------------------- */
#define CIRCLEQ_HEAD(name, type) struct name { struct type *cqh_first; struct type *cqh_last; }
#define CIRCLEQ_HEAD_INITIALIZER(head) { (void *)&(head), (void *)&(head) }
#define CIRCLEQ_ENTRY(type) struct { struct type *cqe_next; struct type *cqe_prev; }
#define CIRCLEQ_FIRST(head) ((head)->cqh_first)
#define CIRCLEQ_LAST(head) ((head)->cqh_last)
#define CIRCLEQ_END(head) ((const void *)(head))
#define CIRCLEQ_NEXT(elm, field) ((elm)->field.cqe_next)
#define CIRCLEQ_PREV(elm, field) ((elm)->field.cqe_prev)
#define CIRCLEQ_EMPTY(head) ((const void *)CIRCLEQ_FIRST(head) == CIRCLEQ_END(head))
#define CIRCLEQ_FOREACH(var, head, field)                                   \
  for ((var) = CIRCLEQ_FIRST(head); (const void *)(var) != CIRCLEQ_END(head); \
       (var) = CIRCLEQ_NEXT(var, field))
#define CIRCLEQ_FOREACH_REVERSE(var, head, field)                          \
  for ((var) = CIRCLEQ_LAST(head); (const void *)(var) != CIRCLEQ_END(head); \
       (var) = CIRCLEQ_PREV(var, field))
#define CIRCLEQ_INIT(head)                              \
  do {                                                  \
    (head)->cqh_first = (void *)(head);                 \
    (head)->cqh_last = (void *)(head);                  \
  } while (0)
#define CIRCLEQ_INSERT_AFTER(head, listelm, elm, field)                 \
  do {                                                                  \
    (elm)->field.cqe_next = (listelm)->field.cqe_next;                  \
    (elm)->field.cqe_prev = (listelm);                                  \
    if ((const void *)(listelm)->field.cqe_next == CIRCLEQ_END(head))   \
      (head)->cqh_last = (elm);                                         \
    else                                                                \
      (listelm)->field.cqe_next->field.cqe_prev = (elm);                \
    (listelm)->field.cqe_next = (elm);                                  \
  } while (0)
#define CIRCLEQ_INSERT_BEFORE(head, listelm, elm, field)                \
  do {                                                                  \
    (elm)->field.cqe_next = (listelm);                                  \
    (elm)->field.cqe_prev = (listelm)->field.cqe_prev;                  \
    if ((const void *)(listelm)->field.cqe_prev == CIRCLEQ_END(head))   \
      (head)->cqh_first = (elm);                                        \
    else                                                                \
      (listelm)->field.cqe_prev->field.cqe_next = (elm);                \
    (listelm)->field.cqe_prev = (elm);                                  \
  } while (0)
#define CIRCLEQ_INSERT_HEAD(head, elm, field)                 \
  do {                                                        \
    (elm)->field.cqe_next = (head)->cqh_first;                \
    (elm)->field.cqe_prev = (void *)(head);                   \
    if ((const void *)(head)->cqh_last == CIRCLEQ_END(head))  \
      (head)->cqh_last = (elm);                               \
    else                                                      \
      (head)->cqh_first->field.cqe_prev = (elm);              \
    (head)->cqh_first = (elm);                                \
  } while (0)
#define CIRCLEQ_INSERT_TAIL(head, elm, field)                 \
  do {                                                        \
    (elm)->field.cqe_next = (void *)(head);                   \
    (elm)->field.cqe_prev = (head)->cqh_last;                 \
    if ((const void *)(head)->cqh_first == CIRCLEQ_END(head)) \
      (head)->cqh_first = (elm);                              \
    else                                                      \
      (head)->cqh_last->field.cqe_next = (elm);               \
    (head)->cqh_last = (elm);                                 \
  } while (0)
#define CIRCLEQ_REMOVE(head, elm, field)                                  \
  do {                                                                    \
    if ((const void *)(elm)->field.cqe_next == CIRCLEQ_END(head))         \
      (head)->cqh_last = (elm)->field.cqe_prev;                           \
    else                                                                  \
      (elm)->field.cqe_next->field.cqe_prev = (elm)->field.cqe_prev;      \
    if ((const void *)(elm)->field.cqe_prev == CIRCLEQ_END(head))         \
      (head)->cqh_first = (elm)->field.cqe_next;                          \
    else                                                                  \
      (elm)->field.cqe_prev->field.cqe_next = (elm)->field.cqe_next;      \
  } while (0)

#endif /* !_SYS_QUEUE_H_ */
