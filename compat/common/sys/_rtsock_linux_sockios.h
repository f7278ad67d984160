/*
 * rtsock compat: forget Linux's socket ioctl numbers. Included by every
 * personality's <sys/sockio.h> before it defines the BSD ones, in case a
 * Linux header (<linux/sockios.h>) got in first. Names the BSD does not have
 * must not exist either: programs test them to pick a Linux code path.
 */
#undef SIOCADDRT
#undef SIOCDELRT
#undef SIOCRTMSG
#undef SIOCGIFNAME
#undef SIOCSIFLINK
#undef SIOCGIFCONF
#undef SIOCGIFFLAGS
#undef SIOCSIFFLAGS
#undef SIOCGIFADDR
#undef SIOCSIFADDR
#undef SIOCGIFDSTADDR
#undef SIOCSIFDSTADDR
#undef SIOCGIFBRDADDR
#undef SIOCSIFBRDADDR
#undef SIOCGIFNETMASK
#undef SIOCSIFNETMASK
#undef SIOCGIFMETRIC
#undef SIOCSIFMETRIC
#undef SIOCGIFMEM
#undef SIOCSIFMEM
#undef SIOCGIFMTU
#undef SIOCSIFMTU
#undef SIOCSIFNAME
#undef SIOCSIFHWADDR
#undef SIOCGIFENCAP
#undef SIOCSIFENCAP
#undef SIOCGIFHWADDR
#undef SIOCGIFSLAVE
#undef SIOCSIFSLAVE
#undef SIOCADDMULTI
#undef SIOCDELMULTI
#undef SIOCGIFINDEX
#undef SIOGIFINDEX
#undef SIOCSIFPFLAGS
#undef SIOCGIFPFLAGS
#undef SIOCDIFADDR
#undef SIOCSIFHWBROADCAST
#undef SIOCGIFCOUNT
#undef SIOCGIFBR
#undef SIOCSIFBR
#undef SIOCGIFTXQLEN
#undef SIOCSIFTXQLEN
#undef SIOCDARP
#undef SIOCGARP
#undef SIOCSARP
#undef SIOCDRARP
#undef SIOCGRARP
#undef SIOCSRARP
#undef SIOCGIFMAP
#undef SIOCSIFMAP
#undef SIOCADDDLCI
#undef SIOCDELDLCI
#undef SIOCDEVPRIVATE
#undef SIOCPROTOPRIVATE
