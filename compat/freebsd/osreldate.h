/*
 * rtsock compat, FreeBSD 14: <osreldate.h>, the userland's release number.
 */
#ifndef _OSRELDATE_H_
#define _OSRELDATE_H_
#ifndef __FreeBSD_version
#define __FreeBSD_version 1400097
#endif
#endif /* !_OSRELDATE_H_ */
