#ifndef GRIEVANCE_CPROCESSHARDENING_H
#define GRIEVANCE_CPROCESSHARDENING_H

/// Marks the process not dumpable: no core file, and no ptrace attach by other
/// processes of the same user. Returns 0 on success, -1 with errno set otherwise.
int grievance_set_not_dumpable(void);

#endif
