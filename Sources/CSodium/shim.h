#ifndef GRIEVANCE_CSODIUM_SHIM_H
#define GRIEVANCE_CSODIUM_SHIM_H
#include <sodium.h>
#endif
