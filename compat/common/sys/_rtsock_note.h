/*
 * rtsock compat headers: the personality marker.
 *
 * Included (through <sys/_rtsock_compat.h>) by every compat header. It puts
 * one ELF note into the program image, type 1, owner "rtsock", whose
 * descriptor is the personality name (NUL-terminated, padded to 4 bytes).
 * librtsock-compat finds it with dl_iterate_phdr and so knows which BSD the
 * program was compiled for. The section is a COMDAT group, so a program
 * built from many files carries one note; SHF_GNU_RETAIN ("R") keeps it
 * under --gc-sections.
 */
#ifndef _RTSOCK_COMPAT_NOTE_H_
#define _RTSOCK_COMPAT_NOTE_H_

#ifndef __RTSOCK_PERSONALITY
#error "<sys/_rtsock_note.h> needs __RTSOCK_PERSONALITY: include <sys/_rtsock_compat.h>"
#endif

__asm__(".pushsection .note.rtsock,\"aGR\",%note,.note.rtsock." __RTSOCK_PERSONALITY ",comdat\n"
        "\t.balign 4\n"
        "\t.long 7\n"            /* namesz: "rtsock" and its NUL */
        "\t.long 1792f - 1791f\n" /* descsz: the name, padded */
        "\t.long 1\n"            /* type */
        "\t.asciz \"rtsock\"\n"
        "\t.balign 4\n"
        "1791:\t.asciz \"" __RTSOCK_PERSONALITY "\"\n"
        "\t.balign 4\n"
        "1792:\n"
        "\t.popsection\n");

#endif /* !_RTSOCK_COMPAT_NOTE_H_ */
