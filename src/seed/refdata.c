#include "refdata.h"

/* .incbin keeps the build fast: the two files are 1.2 MB together. */
#define INCBIN(sym, file)                                                                          \
	__asm__(".section .rodata\n"                                                               \
	        ".global " #sym "\n"                                                               \
	        ".balign 16\n" #sym ":\n"                                                          \
	        ".incbin \"" NCT_DATA_DIR "/" file "\"\n"                                          \
	        ".byte 0\n"                                                                        \
	        ".previous\n");                                                                    \
	extern const char sym[]

INCBIN(nct_units_before, "admin-units-2025-03-01.csv");
INCBIN(nct_units_after, "admin-units-2025-07-01.csv");

const struct refdata refdata_units_before = {"admin-units-2025-03-01.csv", nct_units_before};
const struct refdata refdata_units_after = {"admin-units-2025-07-01.csv", nct_units_after};
