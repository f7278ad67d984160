/*
 * rtsock compat: <net/if_var.h>. On the BSDs it mostly describes the kernel's
 * struct ifnet; what userland takes from it lives in our <net/if.h>.
 */
#ifndef _NET_IF_VAR_H_
#define _NET_IF_VAR_H_

#include <sys/_rtsock_compat.h>
#include <net/if.h>

#endif /* !_NET_IF_VAR_H_ */
