#include "CProcessHardening.h"

#if defined(__linux__)
#include <sys/prctl.h>

int grievance_set_not_dumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
#else
int grievance_set_not_dumpable(void) {
    return 0;
}
#endif
