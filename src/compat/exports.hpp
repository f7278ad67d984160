// Entry points the library defines for the program (C linkage, exported).
#pragma once

#undef _FORTIFY_SOURCE

#define RTSOCK_EXPORT extern "C" __attribute__((visibility("default")))
