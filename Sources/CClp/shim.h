// COIN-OR Clp's C interface (Debian: coinor-libclp-dev): the linear programs that audit what an
// attacker can work out from published summaries.
#include <coin/Clp_C_Interface.h>
